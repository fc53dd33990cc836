/*
 * cvss.c
 *	  CVSS vectors in SQL: the parser shared by v3.0, v3.1 and v4.0, and the
 *	  SQL-callable functions cvss_score, cvss_scores, cvss_severity,
 *	  cvss_likelihood and cvss_impact.  The scoring itself is in cvss3.c
 *	  and cvss4.c.
 *
 * Parsing works on the text datum in place and scoring on integers and a
 * few doubles, so that scoring a stored vector allocates nothing but the
 * numeric it returns.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "isms.h"
#include "cvss.h"
#include "scale.h"

/* Length of a version prefix such as "CVSS:3.1". */
#define CVSS_PREFIX_LEN 8

/*
 * Characters of a vector that an error message quotes: more than any
 * well-formed vector has (a v4.0 vector with all 32 metrics has 178), so
 * that the message shows a real vector whole, and a long junk string only
 * in part.
 */
#define CVSS_ECHO_CHARS 200

/* The vector as it was given, for error messages. */
static char *
vector_text(const char *str, int len)
{
	return isms_echo(str, len, CVSS_ECHO_CHARS);
}

/* A component or part of one, for error messages. */
static char *
component_text(const char *str, int len)
{
	return isms_echo(str, len, ISMS_ECHO_CHARS);
}

/* "AV, AC, PR" (the metrics of a version, optionally only mandatory ones). */
static char *
metric_list(const CvssVersionSpec *spec, bool mandatory_only)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < spec->nmetrics; i++)
	{
		if (mandatory_only && !spec->metrics[i].mandatory)
			continue;
		appendStringInfo(&buf, "%s%s", buf.len > 0 ? ", " : "", spec->metrics[i].name);
	}
	return buf.data;
}

/* "N, A, L, P" (the values of one metric). */
static char *
value_list(const CvssMetric *metric)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; metric->values[i] != '\0'; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		if (metric->words)
			appendStringInfoString(&buf, metric->words[i]);
		else
			appendStringInfoChar(&buf, metric->values[i]);
	}
	return buf.data;
}

/*
 * The position of a metric in its version's table, or -1.  The search
 * starts after the previous metric, so that a vector in the preferred order
 * finds each metric at the first comparison.
 */
static int
find_metric(const CvssVersionSpec *spec, const char *name, int len, int previous)
{
	for (int k = 1; k <= spec->nmetrics; k++)
	{
		int			i = (previous + k) % spec->nmetrics;
		const char *m = spec->metrics[i].name;

		if (m[0] == name[0] && strncmp(m, name, len) == 0 && m[len] == '\0')
			return i;
	}
	return -1;
}

/* The code of a value of a metric, or -1. */
static int
find_value(const CvssMetric *metric, const char *value, int len)
{
	if (metric->words)
	{
		for (int i = 0; metric->values[i] != '\0'; i++)
			if (strncmp(metric->words[i], value, len) == 0 &&
				metric->words[i][len] == '\0')
				return i;
		return -1;
	}
	if (len == 1 && value[0] != '\0')
	{
		const char *hit = strchr(metric->values, value[0]);

		if (hit)
			return (int) (hit - metric->values);
	}
	return -1;
}

/*
 * Parse a vector: "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/", then metric:value
 * components separated by "/", in any order, each metric at most once, all
 * mandatory ones present.  White space around the vector is ignored.
 * Optional metrics that are absent are Not Defined, like "X".  Any fault is
 * an error naming the offending component.
 */
void
cvss_parse(const char *str, int len, CvssVector *vec)
{
	const char *p = str;
	const char *end = str + len;
	const CvssVersionSpec *spec;
	int			previous = -1;

	while (p < end && isspace((unsigned char) *p))
		p++;
	while (end > p && isspace((unsigned char) end[-1]))
		end--;

	if (end - p >= CVSS_PREFIX_LEN && memcmp(p, "CVSS:3.1", CVSS_PREFIX_LEN) == 0)
	{
		spec = &cvss31_spec;
		vec->version = CVSS_V3_1;
	}
	else if (end - p >= CVSS_PREFIX_LEN && memcmp(p, "CVSS:4.0", CVSS_PREFIX_LEN) == 0)
	{
		spec = &cvss40_spec;
		vec->version = CVSS_V4_0;
	}
	else if (end - p >= CVSS_PREFIX_LEN && memcmp(p, "CVSS:3.0", CVSS_PREFIX_LEN) == 0)
	{
		spec = &cvss30_spec;
		vec->version = CVSS_V3_0;
	}
	else
		spec = NULL;
	if (spec == NULL ||
		(end - p > CVSS_PREFIX_LEN && p[CVSS_PREFIX_LEN] != '/'))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid CVSS vector \"%s\"", vector_text(str, len)),
				errdetail("A CVSS vector starts with \"CVSS:3.0/\", \"CVSS:3.1/\" or \"CVSS:4.0/\"."),
				(end - p >= 3 && memcmp(p, "AV:", 3) == 0) ?
				errhint("Prefix a vector that lacks one with its version, for example \"CVSS:3.1/\"; CVSS v2 vectors are not supported.") : 0);
	p += CVSS_PREFIX_LEN;

	memset(vec->value, CVSS_ABSENT, sizeof(vec->value));

	while (p < end)
	{
		const char *component;
		const char *colon = NULL;
		const CvssMetric *metric;
		int			i;
		int			code;

		/* p is at a '/', as the prefix check and the loop below ensure */
		component = ++p;
		while (p < end && *p != '/')
		{
			if (*p == ':' && colon == NULL)
				colon = p;
			p++;
		}

		if (p == component)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					previous < 0 ?
					errmsg("empty component after the prefix of CVSS %s vector", spec->name) :
					errmsg("empty component after metric \"%s\" in CVSS %s vector",
						   spec->metrics[previous].name, spec->name),
					errdetail("The vector is \"%s\".", vector_text(str, len)),
					errhint("Components are separated by a single \"/\", with none at the end."));
		if (colon == NULL)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("malformed component \"%s\" in CVSS %s vector",
						   component_text(component, p - component), spec->name),
					errdetail("A component is a metric and its value separated by \":\", such as \"AV:N\"; the vector is \"%s\".",
							  vector_text(str, len)));

		i = colon > component ?
			find_metric(spec, component, colon - component, previous) : -1;
		if (i < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("unknown metric \"%s\" in CVSS %s vector",
						   component_text(component, colon - component), spec->name),
					errdetail("The vector is \"%s\".", vector_text(str, len)),
					errhint("The CVSS %s metrics are %s.", spec->name,
							metric_list(spec, false)));
		metric = &spec->metrics[i];

		code = find_value(metric, colon + 1, p - colon - 1);
		if (code < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("invalid value \"%s\" for metric \"%s\" in CVSS %s vector",
						   component_text(colon + 1, p - colon - 1), metric->name, spec->name),
					errdetail("Metric %s takes the values %s; the vector is \"%s\".",
							  metric->name, value_list(metric), vector_text(str, len)));
		if (vec->value[i] != CVSS_ABSENT)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("duplicate metric \"%s\" in CVSS %s vector",
						   metric->name, spec->name),
					errdetail("The vector is \"%s\".", vector_text(str, len)));
		vec->value[i] = (uint8) code;
		previous = i;
	}

	for (int i = 0; i < spec->nmetrics; i++)
	{
		if (vec->value[i] != CVSS_ABSENT)
			continue;
		if (spec->metrics[i].mandatory)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("missing mandatory metric \"%s\" in CVSS %s vector",
						   spec->metrics[i].name, spec->name),
					errdetail("The vector is \"%s\".", vector_text(str, len)),
					errhint("A CVSS %s vector has the metrics %s.", spec->name,
							metric_list(spec, true)));
		vec->value[i] = CVSS_NOT_DEFINED;
	}
}

/* Parse a text argument in place (a stored vector is not copied). */
static void
cvss_parse_text(text *t, CvssVector *vec)
{
	cvss_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), vec);
}

/*
 * The 101 possible scores as numerics (0.0 to 10.0, one decimal), made
 * once per backend; a function returns a copy.
 */
static Datum score_numerics[101];
static bool score_numerics_ready = false;

/* The cached numeric of a score in tenths (not to be returned as is). */
static Datum
cached_score_numeric(int tenths)
{
	Assert(tenths >= 0 && tenths <= 100);
	if (!score_numerics_ready)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		for (int i = 0; i <= 100; i++)
		{
			char		buf[8];

			snprintf(buf, sizeof(buf), "%d.%d", i / 10, i % 10);
			score_numerics[i] = DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
													ObjectIdGetDatum(InvalidOid),
													Int32GetDatum(-1));
		}
		MemoryContextSwitchTo(old);
		score_numerics_ready = true;
	}
	return score_numerics[tenths];
}

/* A score in tenths as a numeric to return. */
static Datum
score_numeric(int tenths)
{
	return datumCopy(cached_score_numeric(tenths), false, -1);
}

/*
 * The qualitative rating of a score in tenths: v3.1 specification section 5,
 * the same scale as v4.0's "Qualitative Severity Rating Scale".
 */
static const char *
severity_of_tenths(int tenths)
{
	if (tenths == 0)
		return "None";
	if (tenths <= 39)
		return "Low";
	if (tenths <= 69)
		return "Medium";
	if (tenths <= 89)
		return "High";
	return "Critical";
}

/* The score cvss_score returns: v3 base score, v4 score of the vector. */
static int
vector_score(const CvssVector *vec)
{
	if (vec->version == CVSS_V4_0)
		return cvss4_score(vec);
	return cvss3_base_score(vec);
}

/* cvss_score(vector): v3.x base score, or v4.0 score of the vector as given */
PG_FUNCTION_INFO_V1(cvss_score);
Datum
cvss_score(PG_FUNCTION_ARGS)
{
	CvssVector	vec;

	cvss_parse_text(PG_GETARG_TEXT_PP(0), &vec);
	PG_RETURN_DATUM(score_numeric(vector_score(&vec)));
}

/* cvss_scores(vector): version, base, temporal, environmental, severity */
PG_FUNCTION_INFO_V1(cvss_scores);
Datum
cvss_scores(PG_FUNCTION_ARGS)
{
	CvssVector	vec;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	int			score;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "cvss_scores must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);

	cvss_parse_text(PG_GETARG_TEXT_PP(0), &vec);
	if (vec.version == CVSS_V4_0)
	{
		score = cvss4_score(&vec);
		values[0] = CStringGetTextDatum("4.0");
		values[1] = score_numeric(score);
		nulls[2] = nulls[3] = true;
	}
	else
	{
		Cvss3Scores s;

		cvss3_scores(&vec, &s);
		score = s.base;
		values[0] = CStringGetTextDatum(vec.version == CVSS_V3_0 ? "3.0" : "3.1");
		values[1] = score_numeric(s.base);
		values[2] = score_numeric(s.temporal);
		values[3] = score_numeric(s.environmental);
	}
	values[4] = CStringGetTextDatum(severity_of_tenths(score));

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* Three-way comparison of a numeric with a score in tenths. */
static int
compare_score(Datum num, int tenths)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, num,
											 cached_score_numeric(tenths)));
}

/* cvss_severity(score): None, Low, Medium, High or Critical */
PG_FUNCTION_INFO_V1(cvss_severity);
Datum
cvss_severity(PG_FUNCTION_ARGS)
{
	Datum		num = PG_GETARG_DATUM(0);
	const char *rating;

	if (compare_score(num, 0) < 0 || compare_score(num, 100) > 0)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("CVSS score %s is out of range",
					   component_text(DatumGetCString(DirectFunctionCall1(numeric_out, num)),
									  -1)),
				errdetail("A CVSS score is between 0.0 and 10.0."));

	if (compare_score(num, 0) == 0)
		rating = "None";
	else if (compare_score(num, 39) <= 0)
		rating = "Low";
	else if (compare_score(num, 69) <= 0)
		rating = "Medium";
	else if (compare_score(num, 89) <= 0)
		rating = "High";
	else
		rating = "Critical";
	PG_RETURN_TEXT_P(cstring_to_text(rating));
}

/* Check the scale size argument of the mapping functions. */
static void
check_levels(int levels)
{
	if (levels < SCALE_MIN_LEVELS || levels > SCALE_MAX_LEVELS)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("scale of %d levels is out of range", levels),
				errdetail("A scale has %d to %d levels.",
						  SCALE_MIN_LEVELS, SCALE_MAX_LEVELS));
}

/*
 * The level, on a scale of "levels", of x in [0, top] split into equal
 * bands; x at or above top is the highest level, at or below 0 the lowest.
 */
static int
band(double x, double top, int levels)
{
	int			level;

	if (x <= 0)
		return 1;
	level = (int) floor(x * levels / top) + 1;
	return Min(level, levels);
}

/*
 * The level of a vector on a scale of levels: of likelihood (of_impact
 * false) or of impact.
 */
static int
cvss_level(text *vector, int levels, bool of_impact)
{
	CvssVector	vec;
	double		expl;
	double		impact;

	check_levels(levels);
	cvss_parse_text(vector, &vec);
	if (vec.version == CVSS_V4_0)
		return of_impact ?
			1 + (cvss4_impact_class(&vec) * (levels - 1) + 2) / 4 :
			levels - cvss4_exploitability_distance(&vec) * levels / 10;
	cvss3_modified_subscores(&vec, &expl, &impact);
	return of_impact ? band(impact, 6.0, levels) : band(expl, 3.9, levels);
}

/*
 * cvss_likelihood(vector, levels): likelihood from exploitability.
 * v3.x: the (Modified) Exploitability sub-score, 0 to 3.9 in equal bands.
 * v4.0: the exploitability distance d, 0 to 9 steps, in equal bands:
 * levels - floor(d * levels / 10).
 */
PG_FUNCTION_INFO_V1(cvss_likelihood);
Datum
cvss_likelihood(PG_FUNCTION_ARGS)
{
	int			levels = PG_GETARG_INT32(1);
	int			level = cvss_level(PG_GETARG_TEXT_PP(0), levels, false);

	PG_RETURN_SCALE(SCALE_MAKE(SCALE_RESOLVED, level, levels));
}

/*
 * cvss_impact(vector, levels): impact from the impact metrics.
 * v3.x: the (Modified) Impact sub-score, 0 to 6.0 in equal bands.
 * v4.0: the impact class, 0 to 4 (see cvss4_impact_class), spread over the
 * scale and rounded half up: on 5 levels class k is level k + 1.
 */
PG_FUNCTION_INFO_V1(cvss_impact);
Datum
cvss_impact(PG_FUNCTION_ARGS)
{
	int			levels = PG_GETARG_INT32(1);
	int			level = cvss_level(PG_GETARG_TEXT_PP(0), levels, true);

	PG_RETURN_SCALE(SCALE_MAKE(SCALE_RESOLVED, level, levels));
}
