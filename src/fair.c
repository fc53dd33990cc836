/*
 * fair.c
 *	  FAIR (Factor Analysis of Information Risk) Monte Carlo simulation:
 *	  the model in jsonb parsed once into a C struct, the simulation of
 *	  annual losses, their statistics, the loss exceedance curve, the
 *	  portfolio aggregate, and the closed-form lognormal ALE.
 *
 * In each simulated year: the loss event frequency (LEF, events per year)
 * is drawn from its node (or as threat event frequency times
 * vulnerability); the number of loss events is Poisson with that mean; and
 * each event draws its own loss magnitude (a primary loss, plus with the
 * year's secondary loss event frequency as probability a secondary loss).
 * The annual loss is the sum over the year's events.
 *
 * Statistics of the simulated years: the mean; the sample standard
 * deviation (divisor n - 1); percentiles by nearest rank (the p-th
 * percentile is the value of rank ceil(p * n / 100) in ascending order);
 * the maximum.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "isms.h"
#include "random.h"

#ifndef HAVE_INT128
#error "isms needs a 128-bit integer type for the FAIR portfolio aggregate"
#endif

/* Limits that keep one call within memory and time a user can expect. */
#define FAIR_MAX_ITERATIONS		10000000
#define FAIR_MAX_LEF			1.0e7
#define FAIR_MAX_LOSS			1.0e27
#define FAIR_MAX_POINTS			10000
#define FAIR_MAX_SAMPLES		10000000

/* The 95th percentile of the standard normal distribution. */
#define FAIR_Z95	1.6448536269514722

/* Fixed-point scale of the portfolio totals: 2^32 units per currency unit */
#define FAIR_FIXED_SCALE	0x1.0p32

typedef enum FairKind
{
	FAIR_CONSTANT,
	FAIR_PERT,
	FAIR_LOGNORMAL,
	FAIR_UNIFORM,
	FAIR_NORMAL
} FairKind;

/* One node of a model, with what its draws need precomputed. */
typedef struct FairDist
{
	FairKind	kind;
	bool		probability;	/* draws are clipped to [0, 1] */
	double		p1;				/* constant: value; uniform, pert: min;
								 * normal: mean; lognormal: mu */
	double		p2;				/* uniform, pert: max - min; normal: sd;
								 * lognormal: sigma */
	/* pert: d and c of the two gamma variates of its Beta (fair_gamma_mt) */
	double		da,
				ca,
				db,
				cb;
} FairDist;

/* A parsed model. */
typedef struct FairModel
{
	bool		split_lef;		/* lef = tef * vulnerability */
	FairDist	lef;
	FairDist	tef;
	FairDist	vulnerability;
	FairDist	primary;		/* lm, or lm.primary */
	bool		has_secondary;
	FairDist	secondary_frequency;
	FairDist	secondary_magnitude;
} FairModel;

/* Statistics of simulated annual losses. */
typedef struct FairStats
{
	int64		n;
	double		mean;
	double		stddev;			/* NaN when n = 1 */
	double		p10,
				p50,
				p90,
				p95,
				p99,
				max;
} FairStats;

/* The state of the portfolio aggregate: per-year totals in fixed point. */
typedef struct FairPortfolio
{
	int32		iterations;
	int64		seed;
	int64		risks;
	int128		totals[FLEXIBLE_ARRAY_MEMBER];
} FairPortfolio;

#define FAIR_PORTFOLIO_SIZE(n) \
	(offsetof(FairPortfolio, totals) + (Size) (n) * sizeof(int128))
#define FAIR_SERIAL_HEADER	(sizeof(int32) + 2 * sizeof(int64))

#define NODE_HINT "A node is a number or an object with one distribution: {\"pert\": [min, mode, max]}, {\"lognormal\": [p05, p95]}, {\"uniform\": [min, max]}, {\"normal\": [mean, sd]} or {\"constant\": x}."
#define MODEL_HINT "A model is {\"lef\": NODE, \"lm\": NODE}; \"lef\" may be {\"tef\": NODE, \"vulnerability\": NODE} and \"lm\" {\"primary\": NODE, \"secondary\": {\"frequency\": NODE, \"magnitude\": NODE}}."

/*
 * Model parsing
 */

/* Raise the error for a malformed distribution node. */
static void
fair_node_error(const char *path, const char *detail)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("invalid FAIR model node \"%s\"", isms_echo(path, -1, ISMS_ECHO_CHARS)),
			errdetail("%s", detail),
			errhint(NODE_HINT));
}

/* Raise the error for a model whose structure is wrong at a node. */
static void
fair_model_error(const char *path, const char *detail)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("invalid FAIR model node \"%s\"", isms_echo(path, -1, ISMS_ECHO_CHARS)),
			errdetail("%s", detail),
			errhint(MODEL_HINT));
}

/* A key of a JSON object, NUL-terminated. */
static char *
fair_key(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* The number a scalar holds, checked finite; errors name the node. */
static double
fair_number(const JsonbValue *v, const char *path)
{
	double		x;

	if (v->type != jbvNumeric)
		fair_node_error(path, "Expected a number.");
	x = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
										   NumericGetDatum(v->val.numeric)));
	if (!isfinite(x))
		fair_node_error(path, "The number is too large.");
	return x;
}

/* An array of exactly n numbers. */
static void
fair_numbers(const JsonbValue *v, int n, double *out, const char *path,
			 const char *what)
{
	JsonbContainer *c;

	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
		JsonContainerSize(v->val.binary.data) != (uint32) n)
		fair_node_error(path, psprintf("Expected %s.", what));
	c = v->val.binary.data;
	for (int i = 0; i < n; i++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(c, i);

		if (e == NULL || e->type != jbvNumeric)
			fair_node_error(path, psprintf("Expected %s.", what));
		out[i] = fair_number(e, path);
	}
}

/* The pairs of a JSON object, in the container's key order. */
typedef struct FairPair
{
	char	   *key;
	JsonbValue	value;
} FairPair;

static int
fair_object(JsonbContainer *c, FairPair **pairs)
{
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			n = 0;

	*pairs = palloc(sizeof(FairPair) * (JsonContainerSize(c) + 1));
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			(*pairs)[n].key = fair_key(&v);
		else if (tok == WJB_VALUE)
			(*pairs)[n++].value = v;
	}
	return n;
}

/* Is this value a JSON object?  Then *c is its container. */
static bool
fair_is_object(const JsonbValue *v, JsonbContainer **c)
{
	if (v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data))
	{
		*c = v->val.binary.data;
		return true;
	}
	return false;
}

/* Does a JSON object have this key? */
static bool
fair_has_key(JsonbContainer *c, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	return findJsonbValueFromContainer(c, JB_FOBJECT, &k) != NULL;
}

/* Parse one distribution node. */
static void
fair_parse_dist(const JsonbValue *v, const char *path, bool probability,
				FairDist *d)
{
	JsonbContainer *c;
	FairPair   *pairs;
	int			n;
	const JsonbValue *gamma = NULL;
	const JsonbValue *body = NULL;
	const char *kind = NULL;
	double		x[3];

	memset(d, 0, sizeof(*d));
	d->probability = probability;

	if (v->type == jbvNumeric)
	{
		d->kind = FAIR_CONSTANT;
		d->p1 = fair_number(v, path);
		goto constant;
	}
	if (!fair_is_object(v, &c))
		fair_node_error(path, "Expected a number or an object.");

	n = fair_object(c, &pairs);
	for (int i = 0; i < n; i++)
	{
		const char *k = pairs[i].key;

		if (strcmp(k, "gamma") == 0)
			gamma = &pairs[i].value;
		else if (strcmp(k, "pert") == 0 || strcmp(k, "lognormal") == 0 ||
				 strcmp(k, "uniform") == 0 || strcmp(k, "normal") == 0 ||
				 strcmp(k, "constant") == 0)
		{
			if (kind != NULL)
				fair_node_error(path, psprintf("A node has one distribution, not both \"%s\" and \"%s\".",
											   kind, k));
			kind = k;
			body = &pairs[i].value;
		}
		else
			fair_node_error(path, psprintf("Unknown key \"%s\".", k));
	}
	if (kind == NULL)
		fair_node_error(path, "The object names no distribution.");
	if (gamma != NULL && strcmp(kind, "pert") != 0)
		fair_node_error(path, "Only a pert distribution takes \"gamma\".");

	if (strcmp(kind, "constant") == 0)
	{
		d->kind = FAIR_CONSTANT;
		d->p1 = fair_number(body, path);
		goto constant;
	}
	else if (strcmp(kind, "pert") == 0)
	{
		double		g = 4.0;

		fair_numbers(body, 3, x, path, "\"pert\": [min, mode, max]");
		if (gamma != NULL)
			g = fair_number(gamma, path);
		if (x[0] < 0 || x[0] > x[1] || x[1] > x[2])
			fair_node_error(path, "A pert distribution needs 0 <= min <= mode <= max.");
		if (g < 0 || g > 1000)
			fair_node_error(path, "The pert \"gamma\" must be between 0 and 1000.");
		if (x[0] == x[2])
		{
			d->kind = FAIR_CONSTANT;
			d->p1 = x[0];
			goto constant;
		}
		d->kind = FAIR_PERT;
		d->p1 = x[0];
		d->p2 = x[2] - x[0];
		{
			/* Beta shapes of PERT: 1 + gamma (mode - min) / (max - min), ... */
			double		alpha = 1.0 + g * (x[1] - x[0]) / d->p2;
			double		beta = 1.0 + g * (x[2] - x[1]) / d->p2;

			d->da = alpha - 1.0 / 3.0;
			d->ca = 1.0 / sqrt(9.0 * d->da);
			d->db = beta - 1.0 / 3.0;
			d->cb = 1.0 / sqrt(9.0 * d->db);
		}
	}
	else if (strcmp(kind, "lognormal") == 0)
	{
		fair_numbers(body, 2, x, path, "\"lognormal\": [p05, p95]");
		if (x[0] <= 0 || x[0] > x[1])
			fair_node_error(path, "A lognormal distribution needs 0 < p05 <= p95.");
		d->kind = FAIR_LOGNORMAL;
		d->p1 = (log(x[0]) + log(x[1])) / 2.0;
		d->p2 = (log(x[1]) - log(x[0])) / (2.0 * FAIR_Z95);
	}
	else if (strcmp(kind, "uniform") == 0)
	{
		fair_numbers(body, 2, x, path, "\"uniform\": [min, max]");
		if (x[0] < 0 || x[0] > x[1])
			fair_node_error(path, "A uniform distribution needs 0 <= min <= max.");
		d->kind = FAIR_UNIFORM;
		d->p1 = x[0];
		d->p2 = x[1] - x[0];
	}
	else
	{
		fair_numbers(body, 2, x, path, "\"normal\": [mean, sd]");
		if (x[1] < 0)
			fair_node_error(path, "A normal distribution needs sd >= 0.");
		d->kind = FAIR_NORMAL;
		d->p1 = x[0];
		d->p2 = x[1];
	}
	return;

constant:
	if (d->p1 < 0)
		fair_node_error(path, "A constant must not be negative.");
	if (probability && d->p1 > 1)
		d->p1 = 1;
}

/*
 * Take the two keys an object node may have; any other key is an error that
 * names the node and says what it may hold ("usage").
 */
static void
fair_two_keys(JsonbContainer *c, const char *path, const char *usage,
			  const char *key1, const JsonbValue **value1,
			  const char *key2, const JsonbValue **value2)
{
	FairPair   *pairs;
	int			n = fair_object(c, &pairs);

	*value1 = NULL;
	*value2 = NULL;
	for (int i = 0; i < n; i++)
	{
		if (strcmp(pairs[i].key, key1) == 0)
			*value1 = &pairs[i].value;
		else if (strcmp(pairs[i].key, key2) == 0)
			*value2 = &pairs[i].value;
		else
			fair_model_error(path, psprintf("Unknown key \"%s\"; %s", pairs[i].key, usage));
	}
}

/* Parse a model: {"lef": ..., "lm": ...} with the variants of fair.c. */
static void
fair_parse_model(Jsonb *jb, FairModel *m)
{
	const JsonbValue *lef = NULL;
	const JsonbValue *lm = NULL;
	JsonbContainer *c;

	memset(m, 0, sizeof(*m));
	if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_IS_SCALAR(jb))
		fair_model_error("(model)", "A model is an object {\"lef\": NODE, \"lm\": NODE}.");
	fair_two_keys(&jb->root, "(model)", "a model has \"lef\" and \"lm\".",
				  "lef", &lef, "lm", &lm);
	if (lef == NULL)
		fair_model_error("lef", "The model has no loss event frequency \"lef\".");
	if (lm == NULL)
		fair_model_error("lm", "The model has no loss magnitude \"lm\".");

	/* lef: a node, or {"tef": NODE, "vulnerability": NODE} */
	if (fair_is_object(lef, &c) &&
		(fair_has_key(c, "tef") || fair_has_key(c, "vulnerability")))
	{
		const JsonbValue *tef;
		const JsonbValue *vuln;

		fair_two_keys(c, "lef", "\"lef\" is a node or {\"tef\": NODE, \"vulnerability\": NODE}.",
					  "tef", &tef, "vulnerability", &vuln);
		if (tef == NULL || vuln == NULL)
			fair_model_error("lef", "\"lef\" split into factors needs both \"tef\" and \"vulnerability\".");
		m->split_lef = true;
		fair_parse_dist(tef, "lef.tef", false, &m->tef);
		fair_parse_dist(vuln, "lef.vulnerability", true, &m->vulnerability);
	}
	else
		fair_parse_dist(lef, "lef", false, &m->lef);

	/* lm: a node, or {"primary": NODE, "secondary": {...}} */
	if (fair_is_object(lm, &c) &&
		(fair_has_key(c, "primary") || fair_has_key(c, "secondary")))
	{
		const JsonbValue *primary;
		const JsonbValue *secondary;

		fair_two_keys(c, "lm", "\"lm\" is a node or {\"primary\": NODE, \"secondary\": {\"frequency\": NODE, \"magnitude\": NODE}}.",
					  "primary", &primary, "secondary", &secondary);
		if (primary == NULL)
			fair_model_error("lm", "\"lm\" split into primary and secondary loss needs \"primary\".");
		fair_parse_dist(primary, "lm.primary", false, &m->primary);
		if (secondary != NULL)
		{
			const JsonbValue *freq;
			const JsonbValue *mag;

			if (!fair_is_object(secondary, &c))
				fair_model_error("lm.secondary", "Expected {\"frequency\": NODE, \"magnitude\": NODE}.");
			fair_two_keys(c, "lm.secondary", "expected {\"frequency\": NODE, \"magnitude\": NODE}.",
						  "frequency", &freq, "magnitude", &mag);
			if (freq == NULL || mag == NULL)
				fair_model_error("lm.secondary", "Expected {\"frequency\": NODE, \"magnitude\": NODE}.");
			m->has_secondary = true;
			fair_parse_dist(freq, "lm.secondary.frequency", true, &m->secondary_frequency);
			fair_parse_dist(mag, "lm.secondary.magnitude", false, &m->secondary_magnitude);
		}
	}
	else
		fair_parse_dist(lm, "lm", false, &m->primary);
}

/*
 * Simulation
 */

/* One draw from a node. */
static inline double
fair_draw(FairRng *rng, const FairDist *d)
{
	double		x;

	switch (d->kind)
	{
		case FAIR_CONSTANT:
			return d->p1;
		case FAIR_UNIFORM:
			x = d->p1 + d->p2 * fair_uniform(rng);
			break;
		case FAIR_LOGNORMAL:
			x = exp(d->p1 + d->p2 * fair_normal(rng));
			break;
		case FAIR_PERT:
			x = d->p1 + d->p2 * fair_beta_mt(rng, d->da, d->ca, d->db, d->cb);
			break;
		default:
			x = d->p1 + d->p2 * fair_normal(rng);
			if (x < 0)
				x = 0;
			break;
	}
	if (d->probability && x > 1)
		x = 1;
	return x;
}

/* The loss of one simulated year. */
static inline double
fair_year(const FairModel *m, FairRng *rng)
{
	double		lef;
	int64		events;
	double		loss = 0;
	double		sf = 0;

	if (m->split_lef)
	{
		double		tef = fair_draw(rng, &m->tef);

		/* a lognormal draw can overflow, and infinity times 0 is NaN */
		if (unlikely(isinf(tef)))
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("threat event frequency %g is too large to simulate", tef),
					errhint("Check the units of node \"lef.tef\": it counts threat events per year."));
		lef = tef * fair_draw(rng, &m->vulnerability);
	}
	else
		lef = fair_draw(rng, &m->lef);
	if (!(lef <= FAIR_MAX_LEF))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("loss event frequency %g is too large to simulate", lef),
				errdetail("A simulated year may have at most %g loss events on average.",
						  FAIR_MAX_LEF),
				errhint("Check the units of node \"lef\": it counts loss events per year."));
	events = fair_poisson(rng, lef);
	if (events == 0)
		return 0;
	if (m->has_secondary)
		sf = fair_draw(rng, &m->secondary_frequency);
	for (int64 e = 0; e < events; e++)
	{
		loss += fair_draw(rng, &m->primary);
		if (m->has_secondary && fair_uniform(rng) < sf)
			loss += fair_draw(rng, &m->secondary_magnitude);
		if ((e & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	if (!(loss <= FAIR_MAX_LOSS))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("simulated annual loss %g is out of range", loss),
				errdetail("An annual loss may be at most %g.", FAIR_MAX_LOSS),
				errhint("Check the loss magnitude nodes for a distribution that is too wide."));
	return loss;
}

/* Simulate n years into out[]. */
static void
fair_simulate_years(const FairModel *m, uint64 seed, double *out, int64 n)
{
	FairRng		rng;

	fair_rng_seed(&rng, seed);
	for (int64 i = 0; i < n; i++)
	{
		/* on the portfolio's fixed-point grid, so that both agree exactly */
		out[i] = nearbyint(fair_year(m, &rng) * FAIR_FIXED_SCALE) / FAIR_FIXED_SCALE;
		if ((i & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Statistics
 */

/* Neumaier's compensated sum of x[0..n) (or of (x - center)^2). */
static double
fair_sum(const double *x, int64 n, bool squares, double center)
{
	double		sum = 0,
				comp = 0;

	for (int64 i = 0; i < n; i++)
	{
		double		v = squares ? (x[i] - center) * (x[i] - center) : x[i];
		double		t = sum + v;

		if (fabs(sum) >= fabs(v))
			comp += (sum - t) + v;
		else
			comp += (v - t) + sum;
		sum = t;
	}
	return sum + comp;
}

static int
fair_cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * Move the k-th smallest of a[lo..hi) to a[k], smaller ones before it and
 * larger ones after (quickselect with a three-way partition, which keeps
 * long runs of equal values, such as years without loss, cheap).
 */
static void
fair_select(double *a, int64 lo, int64 hi, int64 k)
{
	int			rounds = 0;

	while (hi - lo > 16)
	{
		int64		mid = lo + (hi - lo) / 2;
		double		x = a[lo],
					y = a[mid],
					z = a[hi - 1];
		double		pivot;
		int64		lt = lo,
					gt = hi,
					i = lo;

		/* median of three */
		pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));

		if (++rounds > 64)
		{
			/* pathological input: sort what is left */
			qsort(a + lo, hi - lo, sizeof(double), fair_cmp_double);
			return;
		}
		while (i < gt)
		{
			double		v = a[i];

			if (v < pivot)
			{
				a[i++] = a[lt];
				a[lt++] = v;
			}
			else if (v > pivot)
			{
				a[i] = a[--gt];
				a[gt] = v;
			}
			else
				i++;
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return;
	}
	/* insertion sort of the small rest */
	for (int64 i = lo + 1; i < hi; i++)
	{
		double		v = a[i];
		int64		j = i;

		while (j > lo && a[j - 1] > v)
		{
			a[j] = a[j - 1];
			j--;
		}
		a[j] = v;
	}
}

/* The 0-based index of the nearest-rank p-th percentile of n values. */
static inline int64
fair_rank(int p, int64 n)
{
	return (p * n + 99) / 100 - 1;
}

/* Statistics of x[0..n); reorders x. */
static void
fair_stats(double *x, int64 n, FairStats *st)
{
	int64		k10 = fair_rank(10, n),
				k50 = fair_rank(50, n),
				k90 = fair_rank(90, n),
				k95 = fair_rank(95, n),
				k99 = fair_rank(99, n);
	double		max = x[0];

	for (int64 i = 1; i < n; i++)
		if (x[i] > max)
			max = x[i];
	st->n = n;
	st->max = max;
	st->mean = fair_sum(x, n, false, 0) / (double) n;
	st->stddev = n > 1 ? sqrt(fair_sum(x, n, true, st->mean) / (double) (n - 1)) : NAN;

	/* median first, then each side */
	fair_select(x, 0, n, k50);
	st->p50 = x[k50];
	fair_select(x, 0, k50, k10 < k50 ? k10 : k50);
	st->p10 = x[k10];
	if (k90 > k50)
		fair_select(x, k50 + 1, n, k90);
	st->p90 = x[k90];
	if (k95 > k90)
		fair_select(x, k90 + 1, n, k95);
	st->p95 = x[k95];
	if (k99 > k95)
		fair_select(x, k95 + 1, n, k99);
	st->p99 = x[k99];
}

/* The isms.fair_result tuple of these statistics. */
static Datum
fair_result_datum(FunctionCallInfo fcinfo, const FairStats *st)
{
	TupleDesc	tupdesc;
	Datum		values[9];
	bool		nulls[9] = {0};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int32GetDatum((int32) st->n);
	values[1] = Float8GetDatum(st->mean);
	values[2] = Float8GetDatum(st->stddev);
	nulls[2] = isnan(st->stddev);
	values[3] = Float8GetDatum(st->p10);
	values[4] = Float8GetDatum(st->p50);
	values[5] = Float8GetDatum(st->p90);
	values[6] = Float8GetDatum(st->p95);
	values[7] = Float8GetDatum(st->p99);
	values[8] = Float8GetDatum(st->max);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* Check an iteration count. */
static void
fair_check_iterations(int64 n, const char *what, int64 max)
{
	if (n < 1 || n > max)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("%s %lld is out of range", what, (long long) n),
				errdetail("It must be between 1 and %lld.", (long long) max));
}

/* Simulate a model's years into a fresh array. */
static double *
fair_run(Jsonb *model, int32 iterations, int64 seed)
{
	FairModel	m;
	double	   *years;

	fair_check_iterations(iterations, "number of iterations", FAIR_MAX_ITERATIONS);
	fair_parse_model(model, &m);
	years = palloc(sizeof(double) * iterations);
	fair_simulate_years(&m, (uint64) seed, years, iterations);
	return years;
}

/*
 * SQL-callable functions
 */

/* fair_simulate(model, iterations, seed): statistics of the annual loss */
PG_FUNCTION_INFO_V1(fair_simulate);
Datum
fair_simulate(PG_FUNCTION_ARGS)
{
	int32		iterations = PG_GETARG_INT32(1);
	double	   *years = fair_run(PG_GETARG_JSONB_P(0), iterations, PG_GETARG_INT64(2));
	FairStats	st;

	fair_stats(years, iterations, &st);
	pfree(years);
	return fair_result_datum(fcinfo, &st);
}

/* State of the loss exceedance and sample set-returning functions. */
typedef struct FairRows
{
	double	   *x;
	double	   *y;
	int64		n;
} FairRows;

/* The next value of x, for a set-returning function of one float8 column. */
static Datum
fair_rows_next_value(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_PERCALL_SETUP();
	FairRows   *rows = funcctx->user_fctx;

	if (funcctx->call_cntr < (uint64) rows->n)
	{
		/* read before SRF_RETURN_NEXT advances call_cntr */
		Datum		result = Float8GetDatum(rows->x[funcctx->call_cntr]);

		SRF_RETURN_NEXT(funcctx, result);
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * loss_exceedance(model, iterations, seed, points): rows (loss,
 * probability) at points losses evenly spaced from 0 to the largest
 * simulated annual loss; probability is the share of simulated years whose
 * loss exceeds it.
 */
PG_FUNCTION_INFO_V1(fair_loss_exceedance);
Datum
fair_loss_exceedance(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	FairRows   *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		int32		iterations = PG_GETARG_INT32(1);
		int32		points = PG_GETARG_INT32(3);
		double	   *years;
		double		max = 0;
		int64	   *first_above;
		TupleDesc	tupdesc;
		int64		j = 0;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (points < 2 || points > FAIR_MAX_POINTS)
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("number of points %d is out of range", points),
					errdetail("It must be between 2 and %d.", FAIR_MAX_POINTS));
		years = fair_run(PG_GETARG_JSONB_P(0), iterations, PG_GETARG_INT64(2));
		for (int32 k = 0; k < iterations; k++)
			if (years[k] > max)
				max = years[k];

		/*
		 * Point i is at loss max * (i / (points - 1)), exactly max at the
		 * last.  first_above[i] counts the years for which i is the first
		 * point at or above their loss: a histogram in one pass, where a
		 * sort of ten million years would take seconds that no interrupt
		 * can cut short.
		 */
		rows = palloc(sizeof(FairRows));
		rows->n = points;
		rows->x = palloc(sizeof(double) * points);
		rows->y = palloc(sizeof(double) * points);
		for (int i = 0; i < points; i++)
			rows->x[i] = max * ((double) i / (double) (points - 1));
		first_above = palloc0(sizeof(int64) * points);
		for (int32 k = 0; k < iterations; k++)
		{
			int			i = 0;

			if (max > 0)
			{
				/* the estimate, then exact by the points' own values */
				i = (int) ceil(years[k] / max * (points - 1));
				i = Max(0, Min(i, points - 1));
				while (i < points - 1 && rows->x[i] < years[k])
					i++;
				while (i > 0 && rows->x[i - 1] >= years[k])
					i--;
			}
			first_above[i]++;
			if ((k & 0x3FFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		for (int i = 0; i < points; i++)
		{
			/* j: the number of years with loss <= this point's */
			j += first_above[i];
			rows->y[i] = (double) (iterations - j) / (double) iterations;
		}
		pfree(first_above);
		pfree(years);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		funcctx->user_fctx = rows;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	rows = funcctx->user_fctx;
	if (funcctx->call_cntr < (uint64) rows->n)
	{
		Datum		values[2];
		bool		nulls[2] = {0};
		int64		i = funcctx->call_cntr;

		values[0] = Float8GetDatum(rows->x[i]);
		values[1] = Float8GetDatum(rows->y[i]);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc,
																	values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/* fair_years(model, iterations, seed): the simulated annual losses, in order */
PG_FUNCTION_INFO_V1(fair_years);
Datum
fair_years(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	FairRows   *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		int32		iterations = PG_GETARG_INT32(1);

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		rows = palloc(sizeof(FairRows));
		rows->x = fair_run(PG_GETARG_JSONB_P(0), iterations, PG_GETARG_INT64(2));
		rows->n = iterations;
		funcctx->user_fctx = rows;
		MemoryContextSwitchTo(oldcontext);
	}
	return fair_rows_next_value(fcinfo);
}

/* fair_sample(node, n, seed): n draws from one distribution node */
PG_FUNCTION_INFO_V1(fair_sample);
Datum
fair_sample(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	FairRows   *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		Jsonb	   *node = PG_GETARG_JSONB_P(0);
		int32		n = PG_GETARG_INT32(1);
		JsonbValue	v;
		FairDist	d;
		FairRng		rng;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		fair_check_iterations(n, "number of samples", FAIR_MAX_SAMPLES);
		if (JB_ROOT_IS_SCALAR(node))
		{
			JsonbValue *scalar = getIthJsonbValueFromContainer(&node->root, 0);

			v = *scalar;
		}
		else
		{
			v.type = jbvBinary;
			v.val.binary.data = &node->root;
			v.val.binary.len = VARSIZE(node) - VARHDRSZ;
		}
		fair_parse_dist(&v, "(node)", false, &d);

		rows = palloc(sizeof(FairRows));
		rows->n = n;
		rows->x = palloc(sizeof(double) * n);
		fair_rng_seed(&rng, (uint64) PG_GETARG_INT64(2));
		for (int32 i = 0; i < n; i++)
		{
			rows->x[i] = fair_draw(&rng, &d);
			if ((i & 0x3FFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		funcctx->user_fctx = rows;
		MemoryContextSwitchTo(oldcontext);
	}
	return fair_rows_next_value(fcinfo);
}

/* fair_risk_seed(seed, risk_id): the seed a portfolio uses for one risk */
PG_FUNCTION_INFO_V1(fair_risk_seed_sql);
Datum
fair_risk_seed_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) fair_risk_seed(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

/*
 * lognormal_ale(frequency, low, high): frequency * exp(mu + sigma^2 / 2),
 * the mean annual loss of a Poisson frequency and a lognormal magnitude
 * whose 5th and 95th percentiles are low and high.
 */
PG_FUNCTION_INFO_V1(lognormal_ale);
Datum
lognormal_ale(PG_FUNCTION_ARGS)
{
	float8		frequency = PG_GETARG_FLOAT8(0);
	float8		low = PG_GETARG_FLOAT8(1);
	float8		high = PG_GETARG_FLOAT8(2);
	double		mu,
				sigma;

	if (!isfinite(frequency) || frequency < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("frequency must be a finite number of at least 0"),
				errdetail("The frequency is %g.", frequency));
	if (!isfinite(low) || !isfinite(high) || low <= 0 || low > high)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid lognormal confidence interval [%g, %g]", low, high),
				errdetail("The 5th and 95th percentiles must satisfy 0 < low <= high."));
	mu = (log(low) + log(high)) / 2.0;
	sigma = (log(high) - log(low)) / (2.0 * FAIR_Z95);
	PG_RETURN_FLOAT8(frequency * exp(mu + sigma * sigma / 2.0));
}

/*
 * The portfolio aggregate
 *
 * The state holds the total loss of each simulated year in fixed point
 * (2^-32 currency units, 128 bits), so that adding the risks' years is
 * exact and gives the same totals in any order: serial and parallel plans
 * agree to the last bit.
 */

/* A new, empty state in the aggregate's memory context. */
static FairPortfolio *
fair_portfolio_new(MemoryContext aggcontext, int32 iterations, int64 seed)
{
	FairPortfolio *state;

	state = MemoryContextAllocZero(aggcontext, FAIR_PORTFOLIO_SIZE(iterations));
	state->iterations = iterations;
	state->seed = seed;
	return state;
}

/* Error for a year total beyond the 128-bit fixed point. */
static void
fair_portfolio_overflow(void)
{
	ereport(ERROR,
			errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			errmsg("portfolio total annual loss is out of range"),
			errdetail("A simulated year's total exceeds about 3.9e28."));
}

/* Error unless every row and every partial state use the same settings. */
static void
fair_portfolio_check(const FairPortfolio *state, int32 iterations, int64 seed)
{
	if (state->iterations != iterations || state->seed != seed)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("iterations and seed must be the same on every row of a portfolio"),
				errdetail("The aggregate began with %d iterations and seed %lld, then got %d and %lld.",
						  state->iterations, (long long) state->seed,
						  iterations, (long long) seed));
}

/*
 * The settings of a transition call: iterations and seed (arguments 3 and
 * 4, or 100000 and 1 when the aggregate has two arguments).
 */
static void
fair_portfolio_settings(FunctionCallInfo fcinfo, int32 *iterations, int64 *seed)
{
	*iterations = 100000;
	*seed = 1;
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("iterations and seed of a portfolio must not be null"));
		*iterations = PG_GETARG_INT32(3);
		*seed = PG_GETARG_INT64(4);
	}
}

/* The risk id of a row with a model (argument 2), which must not be null. */
static int64
fair_portfolio_risk_id(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("risk id of a portfolio row must not be null"),
				errdetail("The risk id seeds the risk's draws."));
	return PG_GETARG_INT64(2);
}

/* Add the simulated years of one risk's model to the totals. */
static void
fair_portfolio_add(FairPortfolio *state, Jsonb *model, int64 risk_id)
{
	FairModel	m;
	FairRng		rng;

	fair_parse_model(model, &m);
	fair_rng_seed(&rng, fair_risk_seed(state->seed, risk_id));
	for (int32 i = 0; i < state->iterations; i++)
	{
		int128		loss = (int128) nearbyint(fair_year(&m, &rng) * FAIR_FIXED_SCALE);

		if (unlikely(__builtin_add_overflow(state->totals[i], loss, &state->totals[i])))
			fair_portfolio_overflow();
		if ((i & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	state->risks++;
}

/* Add the totals of b to a (same settings). */
static void
fair_portfolio_merge(FairPortfolio *a, const FairPortfolio *b)
{
	fair_portfolio_check(a, b->iterations, b->seed);
	for (int32 i = 0; i < a->iterations; i++)
		if (unlikely(__builtin_add_overflow(a->totals[i], b->totals[i], &a->totals[i])))
			fair_portfolio_overflow();
	if (unlikely(pg_add_s64_overflow(a->risks, b->risks, &a->risks)))
		fair_portfolio_overflow();
}

/* transition: add one risk's simulated years to the totals */
PG_FUNCTION_INFO_V1(fair_portfolio_transfn);
Datum
fair_portfolio_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	FairPortfolio *state = PG_ARGISNULL(0) ? NULL : (FairPortfolio *) PG_GETARG_POINTER(0);
	int32		iterations;
	int64		seed;
	int64		risk_id;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "fair_portfolio_transfn called in non-aggregate context");
	fair_portfolio_settings(fcinfo, &iterations, &seed);
	if (PG_ARGISNULL(1))
	{
		/* no model: nothing to add */
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	risk_id = fair_portfolio_risk_id(fcinfo);

	if (state == NULL)
	{
		fair_check_iterations(iterations, "number of iterations", FAIR_MAX_ITERATIONS);
		state = fair_portfolio_new(aggcontext, iterations, seed);
	}
	else
		fair_portfolio_check(state, iterations, seed);

	fair_portfolio_add(state, PG_GETARG_JSONB_P(1), risk_id);
	PG_RETURN_POINTER(state);
}

/* combine: add two partial states */
PG_FUNCTION_INFO_V1(fair_portfolio_combinefn);
Datum
fair_portfolio_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	FairPortfolio *a = PG_ARGISNULL(0) ? NULL : (FairPortfolio *) PG_GETARG_POINTER(0);
	FairPortfolio *b = PG_ARGISNULL(1) ? NULL : (FairPortfolio *) PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "fair_portfolio_combinefn called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
	{
		/* copy, so that the state lives in the aggregate's context */
		a = MemoryContextAlloc(aggcontext, FAIR_PORTFOLIO_SIZE(b->iterations));
		memcpy(a, b, FAIR_PORTFOLIO_SIZE(b->iterations));
		PG_RETURN_POINTER(a);
	}
	fair_portfolio_merge(a, b);
	PG_RETURN_POINTER(a);
}

/* serialize: header, then the totals as stored (same machine only) */
PG_FUNCTION_INFO_V1(fair_portfolio_serialfn);
Datum
fair_portfolio_serialfn(PG_FUNCTION_ARGS)
{
	FairPortfolio *state = (FairPortfolio *) PG_GETARG_POINTER(0);
	Size		body = (Size) state->iterations * sizeof(int128);
	bytea	   *result = palloc(VARHDRSZ + FAIR_SERIAL_HEADER + body);
	char	   *p = VARDATA(result);

	SET_VARSIZE(result, VARHDRSZ + FAIR_SERIAL_HEADER + body);
	memcpy(p, &state->iterations, sizeof(int32));
	memcpy(p + sizeof(int32), &state->seed, sizeof(int64));
	memcpy(p + sizeof(int32) + sizeof(int64), &state->risks, sizeof(int64));
	memcpy(p + FAIR_SERIAL_HEADER, state->totals, body);
	PG_RETURN_BYTEA_P(result);
}

/* deserialize */
PG_FUNCTION_INFO_V1(fair_portfolio_deserialfn);
Datum
fair_portfolio_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(data);
	Size		len = VARSIZE_ANY_EXHDR(data);
	int32		iterations;
	FairPortfolio *state;

	if (len < FAIR_SERIAL_HEADER)
		elog(ERROR, "invalid fair_portfolio state: %zu bytes", len);
	memcpy(&iterations, p, sizeof(int32));
	if (iterations < 1 || iterations > FAIR_MAX_ITERATIONS ||
		len != FAIR_SERIAL_HEADER + (Size) iterations * sizeof(int128))
		elog(ERROR, "invalid fair_portfolio state: %zu bytes for %d iterations",
			 len, iterations);
	state = palloc(FAIR_PORTFOLIO_SIZE(iterations));
	state->iterations = iterations;
	memcpy(&state->seed, p + sizeof(int32), sizeof(int64));
	memcpy(&state->risks, p + sizeof(int32) + sizeof(int64), sizeof(int64));
	memcpy(state->totals, p + FAIR_SERIAL_HEADER, (Size) iterations * sizeof(int128));
	PG_RETURN_POINTER(state);
}

/* The statistics of the total annual loss of a state. */
static Datum
fair_portfolio_result(FunctionCallInfo fcinfo, const FairPortfolio *state)
{
	double	   *years;
	FairStats	st;

	years = palloc(sizeof(double) * state->iterations);
	for (int32 i = 0; i < state->iterations; i++)
		years[i] = (double) state->totals[i] / FAIR_FIXED_SCALE;
	fair_stats(years, state->iterations, &st);
	pfree(years);
	return fair_result_datum(fcinfo, &st);
}

/* final: the statistics of the total annual loss */
PG_FUNCTION_INFO_V1(fair_portfolio_finalfn);
Datum
fair_portfolio_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return fair_portfolio_result(fcinfo, (FairPortfolio *) PG_GETARG_POINTER(0));
}

/*
 * The flat state (1.1): a bytea holding a FairPortfolio, aligned after a
 * word that says what it is.
 */
#define FAIR_PORTFOLIO_MAGIC	0x69667031	/* "ifp1" */
#define FAIR_FLAT_OFFSET		MAXALIGN(VARHDRSZ + sizeof(uint32))
#define FAIR_FLAT_SIZE(n)		(FAIR_FLAT_OFFSET + FAIR_PORTFOLIO_SIZE(n))
#define FAIR_FLAT_MAGIC(flat)	(*(uint32 *) ((char *) (flat) + VARHDRSZ))
#define FAIR_FLAT_STATE(flat)	((FairPortfolio *) ((char *) (flat) + FAIR_FLAT_OFFSET))

/* The FairPortfolio of a flat state, after checking that it is one. */
static FairPortfolio *
fair_portfolio_flat_check(bytea *flat)
{
	Size		size = VARSIZE(flat);
	FairPortfolio *state = FAIR_FLAT_STATE(flat);

	if (size < FAIR_FLAT_SIZE(0) || FAIR_FLAT_MAGIC(flat) != FAIR_PORTFOLIO_MAGIC ||
		state->iterations < 1 || state->iterations > FAIR_MAX_ITERATIONS ||
		size != FAIR_FLAT_SIZE(state->iterations) || state->risks < 0)
		isms_agg_state_invalid("fair_portfolio", size);
	return state;
}

/* transition on the flat state */
PG_FUNCTION_INFO_V1(fair_portfolio_flat_transfn);
Datum
fair_portfolio_flat_transfn(PG_FUNCTION_ARGS)
{
	bytea	   *flat = NULL;
	FairPortfolio *state;
	int32		iterations;
	int64		seed;
	int64		risk_id;

	fair_portfolio_settings(fcinfo, &iterations, &seed);
	if (!PG_ARGISNULL(0))
		flat = isms_agg_state_for_update(fcinfo, 0);
	if (PG_ARGISNULL(1))
	{
		/* no model: nothing to add */
		if (flat == NULL)
			PG_RETURN_NULL();
		fair_portfolio_flat_check(flat);
		PG_RETURN_BYTEA_P(flat);
	}
	risk_id = fair_portfolio_risk_id(fcinfo);

	if (flat == NULL)
	{
		fair_check_iterations(iterations, "number of iterations", FAIR_MAX_ITERATIONS);
		/* the aggregate copies a new state into its own context */
		flat = palloc0(FAIR_FLAT_SIZE(iterations));
		SET_VARSIZE(flat, FAIR_FLAT_SIZE(iterations));
		FAIR_FLAT_MAGIC(flat) = FAIR_PORTFOLIO_MAGIC;
		state = FAIR_FLAT_STATE(flat);
		state->iterations = iterations;
		state->seed = seed;
	}
	else
	{
		state = fair_portfolio_flat_check(flat);
		fair_portfolio_check(state, iterations, seed);
	}

	fair_portfolio_add(state, PG_GETARG_JSONB_P(1), risk_id);
	PG_RETURN_BYTEA_P(flat);
}

/* combine two flat states (either may be NULL) */
PG_FUNCTION_INFO_V1(fair_portfolio_flat_combinefn);
Datum
fair_portfolio_flat_combinefn(PG_FUNCTION_ARGS)
{
	bytea	   *a;
	bytea	   *b;
	FairPortfolio *bstate;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		a = isms_agg_state_for_read(fcinfo, 0);
		fair_portfolio_flat_check(a);
		PG_RETURN_BYTEA_P(a);
	}
	b = isms_agg_state_for_read(fcinfo, 1);
	bstate = fair_portfolio_flat_check(b);
	if (PG_ARGISNULL(0))
		PG_RETURN_BYTEA_P(b);	/* the aggregate copies it */
	a = isms_agg_state_for_update(fcinfo, 0);
	fair_portfolio_merge(fair_portfolio_flat_check(a), bstate);
	PG_RETURN_BYTEA_P(a);
}

/* final on the flat state */
PG_FUNCTION_INFO_V1(fair_portfolio_flat_finalfn);
Datum
fair_portfolio_flat_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return fair_portfolio_result(fcinfo,
								 fair_portfolio_flat_check(isms_agg_state_for_read(fcinfo, 0)));
}
