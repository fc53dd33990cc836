/*
 * scale_types.c
 *	  likelihood, impact and risk_level: their label sets and the SQL entry
 *	  points that need to know which type they serve.  Everything else is in
 *	  scale.c.
 *
 * Label sets are fixed in the code, so that text I/O stays IMMUTABLE.
 * Where the same word names a level in two sets of one type (risk_level's
 * "high" on 3, 4 and 5 levels), a value typed without a scale takes the
 * default set's meaning.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "isms.h"
#include "matrix.h"
#include "scale.h"

static const char *const likelihood_3[] = {"low", "medium", "high"};

/* MIL-STD-882E probability levels, without "occasional" */
static const char *const likelihood_4[] = {"improbable", "remote", "probable", "frequent"};
static const char *const likelihood_5[] = {"rare", "unlikely", "possible", "likely", "almost_certain"};

static const char *const impact_3[] = {"low", "medium", "high"};

/* MIL-STD-882E severity categories, with "serious" for "negligible" */
static const char *const impact_4[] = {"marginal", "serious", "critical", "catastrophic"};
static const char *const impact_5[] = {"negligible", "minor", "moderate", "major", "severe"};

static const char *const risk_level_3[] = {"low", "medium", "high"};
static const char *const risk_level_4[] = {"low", "medium", "high", "critical"};

/* NIST SP 800-30 Rev. 1, Appendix I: very low, low, moderate, high, very high */
static const char *const risk_level_5[] = {"very_low", "low", "moderate", "high", "very_high"};

const ScaleType likelihood_type = {
	.name = "likelihood",
	.default_size = 5,
	.labels = {[3] = likelihood_3,[4] = likelihood_4,[5] = likelihood_5},
};

const ScaleType impact_type = {
	.name = "impact",
	.default_size = 5,
	.labels = {[3] = impact_3,[4] = impact_4,[5] = impact_5},
};

const ScaleType risk_level_type = {
	.name = "risk_level",
	.default_size = 4,
	.labels = {[3] = risk_level_3,[4] = risk_level_4,[5] = risk_level_5},
};

/*
 * The entry points of one type, generated for each of the three:
 * text and binary input and output, the type-modifier coercion, the cast
 * from integer, and the label.
 */
#define ISMS_SCALE_TYPE_FUNCTIONS(NAME) \
\
/* text input: '3', '3/5', a label or 'label/N' */ \
PG_FUNCTION_INFO_V1(NAME##_in); \
Datum \
NAME##_in(PG_FUNCTION_ARGS) \
{ \
	char	   *str = PG_GETARG_CSTRING(0); \
	int32		typmod = PG_GETARG_INT32(2); \
	ScaleValue	result; \
\
	if (!scale_parse(&NAME##_type, str, typmod, &result, \
					 ISMS_INPUT_ESCONTEXT(fcinfo))) \
		PG_RETURN_NULL(); \
	PG_RETURN_SCALE(result); \
} \
\
/* text output: the label, or "k/N" */ \
PG_FUNCTION_INFO_V1(NAME##_out); \
Datum \
NAME##_out(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_CSTRING(scale_format(&NAME##_type, PG_GETARG_SCALE(0))); \
} \
\
/* binary input: the 16-bit value, validated as strictly as text input */ \
PG_FUNCTION_INFO_V1(NAME##_recv); \
Datum \
NAME##_recv(PG_FUNCTION_ARGS) \
{ \
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0); \
	int32		typmod = PG_GETARG_INT32(2); \
	ScaleValue	value; \
\
	scale_check_typmod(&NAME##_type, typmod); \
	if (buf->len - buf->cursor != 2) \
		ereport(ERROR, \
				errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
				errmsg("invalid binary value for type %s", #NAME), \
				errdetail("A value is 2 bytes, not %d.", buf->len - buf->cursor)); \
	value = (ScaleValue) pq_getmsgint(buf, 2); \
	if (!scale_is_valid(&NAME##_type, value)) \
		ereport(ERROR, \
				errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
				errmsg("invalid binary value for type %s", #NAME), \
				errdetail("The value 0x%04x is not a level on a scale.", value)); \
	(void) scale_apply_typmod(&NAME##_type, value, typmod, &value, NULL); \
	PG_RETURN_SCALE(value); \
} \
\
/* length coercion: resolve a value onto a column's scale */ \
PG_FUNCTION_INFO_V1(NAME##_typmod_apply); \
Datum \
NAME##_typmod_apply(PG_FUNCTION_ARGS) \
{ \
	ScaleValue	value = PG_GETARG_SCALE(0); \
\
	(void) scale_apply_typmod(&NAME##_type, value, PG_GETARG_INT32(1), \
							  &value, NULL); \
	PG_RETURN_SCALE(value); \
} \
\
/* cast from integer: a level, on the target's scale if it has one */ \
PG_FUNCTION_INFO_V1(NAME##_from_int4); \
Datum \
NAME##_from_int4(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_SCALE(scale_from_level(&NAME##_type, PG_GETARG_INT32(0), \
									 PG_GETARG_INT32(1))); \
} \
\
/* the value's label, or NULL where its scale has none */ \
PG_FUNCTION_INFO_V1(NAME##_label); \
Datum \
NAME##_label(PG_FUNCTION_ARGS) \
{ \
	ScaleValue	value = PG_GETARG_SCALE(0); \
	const char *label; \
\
	scale_check_value(&NAME##_type, value); \
	label = scale_label(&NAME##_type, value); \
	if (label == NULL) \
		PG_RETURN_NULL(); \
	PG_RETURN_TEXT_P(cstring_to_text(label)); \
}

ISMS_SCALE_TYPE_FUNCTIONS(likelihood)
ISMS_SCALE_TYPE_FUNCTIONS(impact)
ISMS_SCALE_TYPE_FUNCTIONS(risk_level)

/*
 * Integer and text forms of the scoring functions.
 *
 * The integer forms serve clients that send levels as integers (JDBC
 * setInt, psycopg): each integer is a level on its type's default scale, as
 * scale_default_level() makes it.  With them alone, a call with two quoted
 * literals, risk_level('likely', 'major'), would become ambiguous (unknown
 * literals fit integer as well as likelihood, and neither is a string
 * type); the text forms take such calls, as strings of the string category
 * win, and read the text as the type's input function does, so the call
 * means what it meant before.  They also serve drivers that type strings as
 * varchar (JDBC setString).
 *
 * The lookups run the C function of the likelihood and impact form with
 * this call's own flinfo, so the matrix stays cached in fn_extra for the
 * query as it does there.
 */
static Datum
scale_lookup(FunctionCallInfo fcinfo, PGFunction lookup, ScaleValue likelihood,
			 ScaleValue impact)
{
	LOCAL_FCINFO(inner, 3);
	Datum		result;

	Assert(fcinfo->nargs >= 2 && fcinfo->nargs <= 3);
	InitFunctionCallInfoData(*inner, fcinfo->flinfo, fcinfo->nargs,
							 fcinfo->fncollation, NULL, NULL);
	inner->args[0].value = ScaleValueGetDatum(likelihood);
	inner->args[0].isnull = false;
	inner->args[1].value = ScaleValueGetDatum(impact);
	inner->args[1].isnull = false;
	if (fcinfo->nargs > 2)
		inner->args[2] = fcinfo->args[2];
	result = lookup(inner);
	if (inner->isnull)
		elog(ERROR, "risk matrix lookup returned NULL");
	return result;
}

/*
 * The arguments, read in order (so that the first bad one is the one
 * reported).
 */

/* A text argument read as the type's input function reads it. */
static ScaleValue
scale_text_arg(const ScaleType *type, text *arg)
{
	ScaleValue	value;

	(void) scale_parse(type, text_to_cstring(arg), -1, &value, NULL);
	return value;
}

#define LIKELIHOOD_INT(n)	scale_default_level(&likelihood_type, PG_GETARG_INT32(n))
#define IMPACT_INT(n)		scale_default_level(&impact_type, PG_GETARG_INT32(n))
#define LIKELIHOOD_TEXT(n)	scale_text_arg(&likelihood_type, PG_GETARG_TEXT_PP(n))
#define IMPACT_TEXT(n)		scale_text_arg(&impact_type, PG_GETARG_TEXT_PP(n))

/* risk_level(integer, integer): the level in the default matrix */
PG_FUNCTION_INFO_V1(risk_level_default_int);
Datum
risk_level_default_int(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_INT(0);
	ScaleValue	i = IMPACT_INT(1);

	return scale_lookup(fcinfo, risk_level_default, l, i);
}

/* risk_level(integer, integer, matrix): the newest version of a matrix */
PG_FUNCTION_INFO_V1(risk_level_named_int);
Datum
risk_level_named_int(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_INT(0);
	ScaleValue	i = IMPACT_INT(1);

	return scale_lookup(fcinfo, risk_level_named, l, i);
}

/* risk_level(integer, integer, matrix_id): one matrix version by id */
PG_FUNCTION_INFO_V1(risk_level_by_id_int);
Datum
risk_level_by_id_int(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_INT(0);
	ScaleValue	i = IMPACT_INT(1);

	return scale_lookup(fcinfo, risk_level_by_id, l, i);
}

/* risk_score(integer, integer): the product of the levels */
PG_FUNCTION_INFO_V1(risk_score_int);
Datum
risk_score_int(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_INT(0);
	ScaleValue	i = IMPACT_INT(1);

	PG_RETURN_INT32(SCALE_LEVEL(l) * SCALE_LEVEL(i));
}

/* risk_level(text, text): the level in the default matrix */
PG_FUNCTION_INFO_V1(risk_level_default_text);
Datum
risk_level_default_text(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_TEXT(0);
	ScaleValue	i = IMPACT_TEXT(1);

	return scale_lookup(fcinfo, risk_level_default, l, i);
}

/* risk_level(text, text, matrix): the newest version of a matrix */
PG_FUNCTION_INFO_V1(risk_level_named_text);
Datum
risk_level_named_text(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_TEXT(0);
	ScaleValue	i = IMPACT_TEXT(1);

	return scale_lookup(fcinfo, risk_level_named, l, i);
}

/* risk_level(text, text, matrix_id): one matrix version by id */
PG_FUNCTION_INFO_V1(risk_level_by_id_text);
Datum
risk_level_by_id_text(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_TEXT(0);
	ScaleValue	i = IMPACT_TEXT(1);

	return scale_lookup(fcinfo, risk_level_by_id, l, i);
}

/* risk_score(text, text): the product of the levels */
PG_FUNCTION_INFO_V1(risk_score_text);
Datum
risk_score_text(PG_FUNCTION_ARGS)
{
	ScaleValue	l = LIKELIHOOD_TEXT(0);
	ScaleValue	i = IMPACT_TEXT(1);

	PG_RETURN_INT32(SCALE_LEVEL(l) * SCALE_LEVEL(i));
}
