/*
 * kpi.c
 *	  KPI aggregates for BI dashboards: heat map counts, level counts,
 *	  duration statistics and the exposure index.  Each is PARALLEL SAFE,
 *	  with a combine function, so that parallel plans and distributed
 *	  engines can split it.  Results do not depend on the order of the input
 *	  rows.
 *
 *	  From 1.1 on the states are flat: a bytea holding the whole state,
 *	  which the functions update in place when the aggregate owns it.  A
 *	  state type that is not a pseudo-type is what Citus needs to aggregate
 *	  partially on its workers (it ships the state as text and combines on
 *	  the coordinator).  The 1.0 functions, whose state is internal, stay for
 *	  a schema not yet updated.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "isms.h"
#include "scale.h"

/*
 * The first word after the length of every flat state, one value per kind
 * of state: a state of another kind, or of a machine of the other byte
 * order, is refused.
 */
#define COUNT_GRID_MAGIC	0x69636731	/* "icg1" */
#define DURATION_MAGIC		0x69647331	/* "ids1" */

/*
 * The state argument argno of a function that updates a flat state: the
 * state itself, to update in place, when the function runs as part of an
 * aggregate (which owns its state: AggCheckCallContext) and the state is a
 * plain, aligned varlena; otherwise a copy in the current memory context.
 * A new pointer returned to the aggregate is copied into its context.
 */
bytea *
isms_agg_state_for_update(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(argno);

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(v) &&
		(uintptr_t) v % MAXIMUM_ALIGNOF == 0)
		return (bytea *) v;
	return (bytea *) PG_DETOAST_DATUM_COPY(PointerGetDatum(v));
}

/*
 * The state argument argno of a function that only reads it: detoasted,
 * with a 4-byte header, and aligned for its 8-byte fields (a state read
 * from a tuple is only aligned to 4 bytes).
 */
bytea *
isms_agg_state_for_read(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if ((uintptr_t) v % MAXIMUM_ALIGNOF != 0)
	{
		struct varlena *copy = palloc(VARSIZE(v));

		memcpy(copy, v, VARSIZE(v));
		v = copy;
	}
	return (bytea *) v;
}

/* Error for a state that is not one the aggregate made. */
void
isms_agg_state_invalid(const char *aggname, Size size)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			errmsg("invalid state of aggregate %s", aggname),
			errdetail("A state of %zu bytes does not have the layout the aggregate writes.",
					  size),
			errhint("Only the aggregate itself makes its states; they are not to be written by hand or moved between machines of different byte order."));
}

/*
 * Counts of (likelihood, impact) cells and of risk levels.  One state type
 * serves both: a 1-D count uses row 0 only.
 */
typedef struct CountGrid
{
	int32		rows;			/* largest likelihood level seen (heatmap) */
	int32		cols;			/* largest impact or risk level seen */
	int64		counts[SCALE_MAX_LEVELS][SCALE_MAX_LEVELS];
} CountGrid;

static MemoryContext
kpi_agg_context(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", name);
	return aggcontext;
}

static CountGrid *
count_grid_state(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcontext = kpi_agg_context(fcinfo, name);

	if (!PG_ARGISNULL(0))
		return (CountGrid *) PG_GETARG_POINTER(0);
	return (CountGrid *) MemoryContextAllocZero(aggcontext, sizeof(CountGrid));
}

/*
 * The axis of a value: its scale size, or its level where a bare level
 * exceeds the default scale.
 */
static int
count_grid_axis(ScaleValue v)
{
	return Max(SCALE_SIZE(v), SCALE_LEVEL(v));
}

/* Count a (likelihood, impact) pair; the values index the counts. */
static inline void
count_grid_add_heat(CountGrid *state, ScaleValue l, ScaleValue i)
{
	scale_check_value(&likelihood_type, l);
	scale_check_value(&impact_type, i);
	state->rows = Max(state->rows, count_grid_axis(l));
	state->cols = Max(state->cols, count_grid_axis(i));
	state->counts[SCALE_LEVEL(l) - 1][SCALE_LEVEL(i) - 1]++;
}

/* Count a risk level. */
static inline void
count_grid_add_level(CountGrid *state, ScaleValue r)
{
	scale_check_value(&risk_level_type, r);
	state->rows = 1;
	state->cols = Max(state->cols, count_grid_axis(r));
	state->counts[0][SCALE_LEVEL(r) - 1]++;
}

/* Add the counts of b to a. */
static void
count_grid_merge(CountGrid *a, const CountGrid *b)
{
	a->rows = Max(a->rows, b->rows);
	a->cols = Max(a->cols, b->cols);
	for (int r = 0; r < SCALE_MAX_LEVELS; r++)
		for (int c = 0; c < SCALE_MAX_LEVELS; c++)
			if (unlikely(pg_add_s64_overflow(a->counts[r][c], b->counts[r][c],
											 &a->counts[r][c])))
				ereport(ERROR,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("count out of range"));
}

/* heatmap(likelihood, impact) transition; rows with a NULL are skipped */
PG_FUNCTION_INFO_V1(heatmap_transfn);
Datum
heatmap_transfn(PG_FUNCTION_ARGS)
{
	CountGrid  *state = count_grid_state(fcinfo, "heatmap_transfn");

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
		count_grid_add_heat(state, PG_GETARG_SCALE(1), PG_GETARG_SCALE(2));
	PG_RETURN_POINTER(state);
}

/* level_counts(risk_level) transition */
PG_FUNCTION_INFO_V1(level_counts_transfn);
Datum
level_counts_transfn(PG_FUNCTION_ARGS)
{
	CountGrid  *state = count_grid_state(fcinfo, "level_counts_transfn");

	if (!PG_ARGISNULL(1))
		count_grid_add_level(state, PG_GETARG_SCALE(1));
	PG_RETURN_POINTER(state);
}

/* combine two count states (either may be NULL) */
PG_FUNCTION_INFO_V1(count_grid_combine);
Datum
count_grid_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = kpi_agg_context(fcinfo, "count_grid_combine");
	CountGrid  *a = PG_ARGISNULL(0) ? NULL : (CountGrid *) PG_GETARG_POINTER(0);
	CountGrid  *b = PG_ARGISNULL(1) ? NULL : (CountGrid *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = (CountGrid *) MemoryContextAlloc(aggcontext, sizeof(CountGrid));
		memcpy(a, b, sizeof(CountGrid));
		PG_RETURN_POINTER(a);
	}
	count_grid_merge(a, b);
	PG_RETURN_POINTER(a);
}

/* serialize: rows, cols, then rows x cols counts */
PG_FUNCTION_INFO_V1(count_grid_serialize);
Datum
count_grid_serialize(PG_FUNCTION_ARGS)
{
	CountGrid  *state = (CountGrid *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, state->rows);
	pq_sendint32(&buf, state->cols);
	for (int r = 0; r < state->rows; r++)
		for (int c = 0; c < state->cols; c++)
			pq_sendint64(&buf, state->counts[r][c]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(count_grid_deserialize);
Datum
count_grid_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	MemoryContext aggcontext = kpi_agg_context(fcinfo, "count_grid_deserialize");
	CountGrid  *state;
	StringInfoData buf;

	state = (CountGrid *) MemoryContextAllocZero(aggcontext, sizeof(CountGrid));
	initReadOnlyStringInfo(&buf, VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
	state->rows = pq_getmsgint(&buf, 4);
	state->cols = pq_getmsgint(&buf, 4);
	if (state->rows < 0 || state->rows > SCALE_MAX_LEVELS ||
		state->cols < 0 || state->cols > SCALE_MAX_LEVELS)
		elog(ERROR, "invalid serialized count state");
	for (int r = 0; r < state->rows; r++)
		for (int c = 0; c < state->cols; c++)
			state->counts[r][c] = pq_getmsgint64(&buf);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(state);
}

/* The counts as a bigint array of 1 or 2 dimensions, lower bounds 1. */
static ArrayType *
count_grid_array(const CountGrid *state, int ndims)
{
	int			rows = ndims == 2 ? state->rows : 1;
	Datum	   *elems = palloc(sizeof(Datum) * Max(rows * state->cols, 1));
	int			dims[2];
	int			lbs[2] = {1, 1};
	int			k = 0;

	for (int r = 0; r < rows; r++)
		for (int c = 0; c < state->cols; c++)
			elems[k++] = Int64GetDatum(state->counts[r][c]);
	if (ndims == 2)
	{
		dims[0] = state->rows;
		dims[1] = state->cols;
	}
	else
		dims[0] = state->cols;
	return construct_md_array(elems, NULL, ndims, dims, lbs, INT8OID, 8,
							  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* heatmap final: counts[likelihood][impact]; NULL when no row had both */
PG_FUNCTION_INFO_V1(heatmap_finalfn);
Datum
heatmap_finalfn(PG_FUNCTION_ARGS)
{
	CountGrid  *state = PG_ARGISNULL(0) ? NULL : (CountGrid *) PG_GETARG_POINTER(0);

	if (state == NULL || state->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(count_grid_array(state, 2));
}

/* level_counts final: counts[level]; NULL when no row had a level */
PG_FUNCTION_INFO_V1(level_counts_finalfn);
Datum
level_counts_finalfn(PG_FUNCTION_ARGS)
{
	CountGrid  *state = PG_ARGISNULL(0) ? NULL : (CountGrid *) PG_GETARG_POINTER(0);

	if (state == NULL || state->cols == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(count_grid_array(state, 1));
}

/*
 * The flat count state (1.1): a bytea holding a CountGrid, aligned after a
 * word that says what it is.
 */
typedef struct CountGridFlat
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint32		magic;			/* COUNT_GRID_MAGIC */
	CountGrid	grid;
} CountGridFlat;

/* The CountGrid of a flat state, after checking that it is one. */
static CountGrid *
count_grid_flat_check(bytea *flat, const char *aggname)
{
	CountGridFlat *f = (CountGridFlat *) flat;

	if (VARSIZE(flat) != sizeof(CountGridFlat) || f->magic != COUNT_GRID_MAGIC ||
		f->grid.rows < 0 || f->grid.rows > SCALE_MAX_LEVELS ||
		f->grid.cols < 0 || f->grid.cols > SCALE_MAX_LEVELS)
		isms_agg_state_invalid(aggname, VARSIZE(flat));
	return &f->grid;
}

/* The state argument 0 of a transition: a new state when NULL. */
static bytea *
count_grid_flat_state(FunctionCallInfo fcinfo, const char *aggname)
{
	CountGridFlat *f;

	if (!PG_ARGISNULL(0))
	{
		bytea	   *flat = isms_agg_state_for_update(fcinfo, 0);

		count_grid_flat_check(flat, aggname);
		return flat;
	}
	/* the aggregate copies a new state into its own context */
	f = palloc0(sizeof(CountGridFlat));
	SET_VARSIZE(f, sizeof(CountGridFlat));
	f->magic = COUNT_GRID_MAGIC;
	return (bytea *) f;
}

/* heatmap(likelihood, impact) transition on the flat state */
PG_FUNCTION_INFO_V1(heatmap_flat_transfn);
Datum
heatmap_flat_transfn(PG_FUNCTION_ARGS)
{
	bytea	   *flat = count_grid_flat_state(fcinfo, "heatmap");

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
		count_grid_add_heat(&((CountGridFlat *) flat)->grid,
							PG_GETARG_SCALE(1), PG_GETARG_SCALE(2));
	PG_RETURN_BYTEA_P(flat);
}

/* level_counts(risk_level) transition on the flat state */
PG_FUNCTION_INFO_V1(level_counts_flat_transfn);
Datum
level_counts_flat_transfn(PG_FUNCTION_ARGS)
{
	bytea	   *flat = count_grid_flat_state(fcinfo, "level_counts");

	if (!PG_ARGISNULL(1))
		count_grid_add_level(&((CountGridFlat *) flat)->grid, PG_GETARG_SCALE(1));
	PG_RETURN_BYTEA_P(flat);
}

/* combine two flat count states (either may be NULL) */
PG_FUNCTION_INFO_V1(count_grid_flat_combine);
Datum
count_grid_flat_combine(PG_FUNCTION_ARGS)
{
	bytea	   *a;
	bytea	   *b;
	const CountGrid *bgrid;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		a = isms_agg_state_for_read(fcinfo, 0);
		count_grid_flat_check(a, "heatmap or level_counts");
		PG_RETURN_BYTEA_P(a);
	}
	b = isms_agg_state_for_read(fcinfo, 1);
	bgrid = count_grid_flat_check(b, "heatmap or level_counts");
	if (PG_ARGISNULL(0))
		PG_RETURN_BYTEA_P(b);	/* the aggregate copies it */
	a = isms_agg_state_for_update(fcinfo, 0);
	count_grid_merge(count_grid_flat_check(a, "heatmap or level_counts"), bgrid);
	PG_RETURN_BYTEA_P(a);
}

/* heatmap final on the flat state */
PG_FUNCTION_INFO_V1(heatmap_flat_finalfn);
Datum
heatmap_flat_finalfn(PG_FUNCTION_ARGS)
{
	const CountGrid *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = count_grid_flat_check(isms_agg_state_for_read(fcinfo, 0), "heatmap");
	if (state->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(count_grid_array(state, 2));
}

/* level_counts final on the flat state */
PG_FUNCTION_INFO_V1(level_counts_flat_finalfn);
Datum
level_counts_flat_finalfn(PG_FUNCTION_ARGS)
{
	const CountGrid *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = count_grid_flat_check(isms_agg_state_for_read(fcinfo, 0), "level_counts");
	if (state->cols == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(count_grid_array(state, 1));
}

/*
 * exposure(likelihood, impact): the sum over risks of
 * (likelihood level / its scale) x (impact level / its scale).  Each risk
 * adds between 0 and 1; 1 is the top corner of its matrix.  The sum is kept
 * exactly as an integer over the common denominator 2520^2 (2520 is the
 * least common multiple of 1..10), so any order of rows gives the same
 * result, bit for bit.
 */
#define EXPOSURE_LCM 2520

/*
 * A value's position on its scale, level / size, in units of 1/2520.
 *
 * A bare level above the default scale ('7'::likelihood) is rejected, not
 * resolved: it has no scale yet (a type modifier would give it one), and
 * any scale chosen here would be a guess that moves the index (7 of 7 is
 * the top, 7 of 10 is not), while counting it on the default scale would
 * add more than 1 for one risk.  The error says how to give it a scale.
 */
static int64
exposure_position(const ScaleType *type, ScaleValue v)
{
	scale_check_value(type, v);
	if (SCALE_LEVEL(v) > SCALE_SIZE(v))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("level %d is out of range for a %d-level %s scale",
					   SCALE_LEVEL(v), SCALE_SIZE(v), type->name),
				errdetail("The exposure index takes a level typed without a scale as a level on the default scale of %d levels.",
						  SCALE_SIZE(v)),
				errhint("Give the value its scale, such as '%d/10', or store it in a column with a type modifier, such as %s(10).",
						SCALE_LEVEL(v), type->name));
	return (int64) SCALE_LEVEL(v) * (EXPOSURE_LCM / SCALE_SIZE(v));
}

PG_FUNCTION_INFO_V1(exposure_transfn);
Datum
exposure_transfn(PG_FUNCTION_ARGS)
{
	int64		sum = PG_ARGISNULL(0) ? 0 : PG_GETARG_INT64(0);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		ScaleValue	l = PG_GETARG_SCALE(1);
		ScaleValue	i = PG_GETARG_SCALE(2);
		int64		part = exposure_position(&likelihood_type, l) *
			exposure_position(&impact_type, i);

		if (pg_add_s64_overflow(sum, part, &sum))
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("exposure index out of range"));
	}
	PG_RETURN_INT64(sum);
}

PG_FUNCTION_INFO_V1(exposure_combine);
Datum
exposure_combine(PG_FUNCTION_ARGS)
{
	int64		a = PG_ARGISNULL(0) ? 0 : PG_GETARG_INT64(0);
	int64		b = PG_ARGISNULL(1) ? 0 : PG_GETARG_INT64(1);
	int64		sum;

	if (pg_add_s64_overflow(a, b, &sum))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("exposure index out of range"));
	PG_RETURN_INT64(sum);
}

PG_FUNCTION_INFO_V1(exposure_finalfn);
Datum
exposure_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) PG_GETARG_INT64(0) /
					 ((double) EXPOSURE_LCM * EXPOSURE_LCM));
}

/*
 * duration_stats(interval): count, min, mean, p50, p90 and max, exact.
 * The state keeps every duration (in microseconds, a month counted as 30
 * days as interval comparison does); the final function sorts them.
 * Percentiles interpolate linearly between closest ranks, as
 * percentile_cont does.
 */
typedef struct DurationState
{
	int64		count;
	int64		capacity;
	int64	   *values;
} DurationState;

static void
duration_state_add(DurationState *state, MemoryContext cxt, int64 value)
{
	if (state->count == state->capacity)
	{
		int64		cap = Max(state->capacity * 2, 64);

		if ((Size) cap * sizeof(int64) > MaxAllocHugeSize)
			ereport(ERROR,
					errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					errmsg("too many durations for duration_stats"));
		state->values = state->values == NULL ?
			MemoryContextAllocHuge(cxt, cap * sizeof(int64)) :
			repalloc_huge(state->values, cap * sizeof(int64));
		state->capacity = cap;
	}
	state->values[state->count++] = value;
}

static int64
interval_usecs(const Interval *iv)
{
	int64		usecs;

	if (pg_mul_s64_overflow((int64) iv->month * DAYS_PER_MONTH + iv->day,
							USECS_PER_DAY, &usecs) ||
		pg_add_s64_overflow(usecs, iv->time, &usecs))
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("interval out of range for duration_stats"));
	return usecs;
}

static Datum
usecs_interval(int64 usecs)
{
	Interval   *iv = palloc(sizeof(Interval));

	iv->month = 0;
	iv->day = (int32) (usecs / USECS_PER_DAY);
	iv->time = usecs % USECS_PER_DAY;
	return IntervalPGetDatum(iv);
}

PG_FUNCTION_INFO_V1(duration_stats_transfn);
Datum
duration_stats_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = kpi_agg_context(fcinfo, "duration_stats_transfn");
	DurationState *state;

	if (PG_ARGISNULL(0))
		state = (DurationState *) MemoryContextAllocZero(aggcontext, sizeof(DurationState));
	else
		state = (DurationState *) PG_GETARG_POINTER(0);
	if (!PG_ARGISNULL(1))
		duration_state_add(state, aggcontext, interval_usecs(PG_GETARG_INTERVAL_P(1)));
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(duration_stats_combine);
Datum
duration_stats_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = kpi_agg_context(fcinfo, "duration_stats_combine");
	DurationState *a = PG_ARGISNULL(0) ? NULL : (DurationState *) PG_GETARG_POINTER(0);
	DurationState *b = PG_ARGISNULL(1) ? NULL : (DurationState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
		a = (DurationState *) MemoryContextAllocZero(aggcontext, sizeof(DurationState));
	for (int64 k = 0; k < b->count; k++)
		duration_state_add(a, aggcontext, b->values[k]);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(duration_stats_serialize);
Datum
duration_stats_serialize(PG_FUNCTION_ARGS)
{
	DurationState *state = (DurationState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->count);
	for (int64 k = 0; k < state->count; k++)
		pq_sendint64(&buf, state->values[k]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(duration_stats_deserialize);
Datum
duration_stats_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	MemoryContext aggcontext = kpi_agg_context(fcinfo, "duration_stats_deserialize");
	DurationState *state;
	StringInfoData buf;
	int64		count;

	state = (DurationState *) MemoryContextAllocZero(aggcontext, sizeof(DurationState));
	initReadOnlyStringInfo(&buf, VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data));
	count = pq_getmsgint64(&buf);
	if (count < 0 || count > (int64) (VARSIZE_ANY_EXHDR(data) / sizeof(int64)))
		elog(ERROR, "invalid serialized duration state");
	for (int64 k = 0; k < count; k++)
		duration_state_add(state, aggcontext, pq_getmsgint64(&buf));
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(state);
}

/* percentile_cont over sorted values, rounded to the microsecond */
static int64
sorted_percentile(const int64 *v, int64 n, double p)
{
	double		pos = p * (double) (n - 1);
	int64		lo = (int64) pos;
	double		frac = pos - (double) lo;

	if (lo + 1 >= n || frac == 0.0)
		return v[lo];
	return v[lo] + (int64) rint(frac * (double) (v[lo + 1] - v[lo]));
}

/*
 * The duration_stats row of n durations (values is not changed: a window
 * aggregate may call the final function again on the same state).
 */
static Datum
duration_stats_datum(FunctionCallInfo fcinfo, const int64 *values, int64 n)
{
	TupleDesc	tupdesc;
	Datum		result[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	int64	   *v;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	result[0] = Int64GetDatum(n);
	if (n == 0)
	{
		for (int k = 1; k < 6; k++)
			nulls[k] = true;
		return HeapTupleGetDatum(heap_form_tuple(tupdesc, result, nulls));
	}

	/* sort a copy */
	v = palloc_extended(n * sizeof(int64), MCXT_ALLOC_HUGE);
	memcpy(v, values, n * sizeof(int64));
	qsort(v, n, sizeof(int64), isms_int64_cmp);

	{
#ifdef HAVE_INT128
		int128		sum = 0;

		for (int64 k = 0; k < n; k++)
			sum += v[k];
		/* round half away from zero to the microsecond */
		result[2] = usecs_interval((int64) ((sum + (sum >= 0 ? n / 2 : -(n / 2))) / n));
#else
		long double sum = 0;

		for (int64 k = 0; k < n; k++)
			sum += v[k];
		result[2] = usecs_interval((int64) rintl(sum / n));
#endif
	}
	result[1] = usecs_interval(v[0]);
	result[3] = usecs_interval(sorted_percentile(v, n, 0.5));
	result[4] = usecs_interval(sorted_percentile(v, n, 0.9));
	result[5] = usecs_interval(v[n - 1]);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, result, nulls));
}

PG_FUNCTION_INFO_V1(duration_stats_finalfn);
Datum
duration_stats_finalfn(PG_FUNCTION_ARGS)
{
	DurationState *state = PG_ARGISNULL(0) ? NULL : (DurationState *) PG_GETARG_POINTER(0);

	if (state == NULL)
		PG_RETURN_DATUM(duration_stats_datum(fcinfo, NULL, 0));
	PG_RETURN_DATUM(duration_stats_datum(fcinfo, state->values, state->count));
}

/*
 * The flat duration state (1.1): a bytea of the count, then the durations,
 * then room for more (the capacity follows from the size; it doubles as the
 * state grows).
 */
typedef struct DurationFlat
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint32		magic;			/* DURATION_MAGIC */
	int64		count;
	int64		values[FLEXIBLE_ARRAY_MEMBER];
} DurationFlat;

#define DURATION_FLAT_HEADER	offsetof(DurationFlat, values)
#define DURATION_FLAT_CAPACITY(f) \
	((int64) ((VARSIZE(f) - DURATION_FLAT_HEADER) / sizeof(int64)))
/* the most durations a bytea holds */
#define DURATION_FLAT_MAX \
	((int64) ((MaxAllocSize - DURATION_FLAT_HEADER) / sizeof(int64)))

/* The flat state, after checking that it is one. */
static DurationFlat *
duration_flat_check(bytea *flat)
{
	DurationFlat *f = (DurationFlat *) flat;
	Size		size = VARSIZE(flat);

	if (size < DURATION_FLAT_HEADER ||
		(size - DURATION_FLAT_HEADER) % sizeof(int64) != 0 ||
		f->magic != DURATION_MAGIC ||
		f->count < 0 || f->count > DURATION_FLAT_CAPACITY(f))
		isms_agg_state_invalid("duration_stats", size);
	return f;
}

/*
 * Room for n more durations: the state itself, or a larger copy in the
 * current memory context (f is left as it is: the aggregate frees it when
 * it takes the copy).
 */
static DurationFlat *
duration_flat_reserve(DurationFlat *f, int64 n)
{
	int64		capacity = f == NULL ? 0 : DURATION_FLAT_CAPACITY(f);
	int64		count = f == NULL ? 0 : f->count;
	int64		want;
	DurationFlat *grown;

	if (n <= capacity - count)
		return f;
	if (n > DURATION_FLAT_MAX - count)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("too many durations for duration_stats"),
				errdetail("The state holds at most %lld durations.",
						  (long long) DURATION_FLAT_MAX));
	want = Max(Max(count + n, 64), Min(capacity * 2, DURATION_FLAT_MAX));
	grown = palloc(DURATION_FLAT_HEADER + want * sizeof(int64));
	SET_VARSIZE(grown, DURATION_FLAT_HEADER + want * sizeof(int64));
	grown->magic = DURATION_MAGIC;
	grown->count = count;
	if (count > 0)
		memcpy(grown->values, f->values, count * sizeof(int64));
	return grown;
}

/* duration_stats(interval) transition on the flat state */
PG_FUNCTION_INFO_V1(duration_stats_flat_transfn);
Datum
duration_stats_flat_transfn(PG_FUNCTION_ARGS)
{
	DurationFlat *f = NULL;

	if (!PG_ARGISNULL(0))
		f = duration_flat_check(isms_agg_state_for_update(fcinfo, 0));
	if (!PG_ARGISNULL(1))
	{
		int64		usecs = interval_usecs(PG_GETARG_INTERVAL_P(1));

		f = duration_flat_reserve(f, 1);
		f->values[f->count++] = usecs;
	}
	if (f == NULL)
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P((bytea *) f);
}

/* combine two flat duration states (either may be NULL) */
PG_FUNCTION_INFO_V1(duration_stats_flat_combine);
Datum
duration_stats_flat_combine(PG_FUNCTION_ARGS)
{
	DurationFlat *a;
	DurationFlat *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_BYTEA_P((bytea *) duration_flat_check(isms_agg_state_for_read(fcinfo, 0)));
	}
	b = duration_flat_check(isms_agg_state_for_read(fcinfo, 1));
	if (PG_ARGISNULL(0))
		PG_RETURN_BYTEA_P((bytea *) b);	/* the aggregate copies it */
	a = duration_flat_check(isms_agg_state_for_update(fcinfo, 0));
	a = duration_flat_reserve(a, b->count);
	if (b->count > 0)
		memcpy(a->values + a->count, b->values, b->count * sizeof(int64));
	a->count += b->count;
	PG_RETURN_BYTEA_P((bytea *) a);
}

/* duration_stats final on the flat state */
PG_FUNCTION_INFO_V1(duration_stats_flat_finalfn);
Datum
duration_stats_flat_finalfn(PG_FUNCTION_ARGS)
{
	DurationFlat *f;

	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(duration_stats_datum(fcinfo, NULL, 0));
	f = duration_flat_check(isms_agg_state_for_read(fcinfo, 0));
	PG_RETURN_DATUM(duration_stats_datum(fcinfo, f->values, f->count));
}
