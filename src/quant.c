/*
 * quant.c
 *	  Quantitative risk analysis (single and annual loss expectancy) and
 *	  the arithmetic of OCTAVE Allegro (impact values, relative risk score,
 *	  relative risk matrix and mitigation approach).
 *
 * OCTAVE Allegro: R. Caralli, J. Stevens, L. Young and W. Wilson,
 * "Introducing OCTAVE Allegro: Improving the Information Security Risk
 * Assessment Process", CMU/SEI-2007-TR-012, Software Engineering Institute,
 * 2007.  Step 1 ranks the impact areas (the most important gets the highest
 * priority); step 7 scores each impact area of a risk low, moderate or high
 * (1, 2, 3) and sums priority x value into the relative risk score; step 8
 * sorts risks into pools with the relative risk matrix of probability
 * (high, medium, low) against the score bands 30-45, 16-29 and 1-15 of the
 * five standard areas, and names the mitigation approach of each pool.
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "isms.h"

/*
 * Quantitative: SLE and ALE
 */

/* Error unless a numeric is finite and at least 0 (and at most max, if given). */
static void
quant_check(Numeric value, const char *what, bool at_most_one)
{
	Datum		d = NumericGetDatum(value);
	Datum		zero = DirectFunctionCall1(int4_numeric, Int32GetDatum(0));
	Datum		one = DirectFunctionCall1(int4_numeric, Int32GetDatum(1));

	if (numeric_is_nan(value) || numeric_is_inf(value))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a finite number", what),
				errdetail("The value is %s.",
						  isms_echo(DatumGetCString(DirectFunctionCall1(numeric_out, d)), -1, ISMS_ECHO_CHARS)));
	if (DatumGetBool(DirectFunctionCall2(numeric_lt, d, zero)))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must not be negative", what),
				errdetail("The value is %s.",
						  isms_echo(DatumGetCString(DirectFunctionCall1(numeric_out, d)), -1, ISMS_ECHO_CHARS)));
	if (at_most_one && DatumGetBool(DirectFunctionCall2(numeric_gt, d, one)))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be between 0 and 1", what),
				errdetail("The value is %s; it is the share of the asset's value lost in one event.",
						  isms_echo(DatumGetCString(DirectFunctionCall1(numeric_out, d)), -1, ISMS_ECHO_CHARS)));
}

/* sle(asset_value, exposure_factor): single loss expectancy AV x EF */
PG_FUNCTION_INFO_V1(quant_sle);
Datum
quant_sle(PG_FUNCTION_ARGS)
{
	Numeric		asset_value = PG_GETARG_NUMERIC(0);
	Numeric		exposure_factor = PG_GETARG_NUMERIC(1);

	quant_check(asset_value, "asset value", false);
	quant_check(exposure_factor, "exposure factor", true);
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_mul,
										NumericGetDatum(asset_value),
										NumericGetDatum(exposure_factor)));
}

/* ale(sle, aro): annual loss expectancy SLE x ARO */
PG_FUNCTION_INFO_V1(quant_ale);
Datum
quant_ale(PG_FUNCTION_ARGS)
{
	Numeric		sle = PG_GETARG_NUMERIC(0);
	Numeric		aro = PG_GETARG_NUMERIC(1);

	quant_check(sle, "single loss expectancy", false);
	quant_check(aro, "annual rate of occurrence", false);
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_mul,
										NumericGetDatum(sle),
										NumericGetDatum(aro)));
}

/*
 * OCTAVE Allegro
 */

/* Fold a word for comparison: trimmed, lower case. */
static char *
quant_fold(text *t)
{
	char	   *s = text_to_cstring(t);
	char	   *p = s;
	char	   *end;

	while (isspace((unsigned char) *p))
		p++;
	end = p + strlen(p);
	while (end > p && isspace((unsigned char) end[-1]))
		end--;
	*end = '\0';
	for (char *q = p; *q; q++)
		*q = (char) tolower((unsigned char) *q);
	return p;
}

/* octave_impact_value(text): low 1, moderate 2, high 3 */
PG_FUNCTION_INFO_V1(octave_impact_value);
Datum
octave_impact_value(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *s = quant_fold(t);

	if (strcmp(s, "low") == 0)
		PG_RETURN_INT32(1);
	if (strcmp(s, "moderate") == 0)
		PG_RETURN_INT32(2);
	if (strcmp(s, "high") == 0)
		PG_RETURN_INT32(3);
	ereport(ERROR,
			errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			errmsg("invalid OCTAVE Allegro impact value: \"%s\"",
				   isms_echo(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), ISMS_ECHO_CHARS)),
			errdetail("An impact value is low (1), moderate (2) or high (3)."));
}

/* The elements of a one-dimensional integer array, without nulls. */
static int32 *
quant_int_array(ArrayType *a, const char *what, int *n)
{
	Datum	   *elems;
	bool	   *nulls;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				errmsg("%s must be a one-dimensional array", what));
	deconstruct_array(a, INT4OID, sizeof(int32), true, TYPALIGN_INT,
					  &elems, &nulls, n);
	for (int i = 0; i < *n; i++)
		if (nulls[i])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("%s must not contain nulls", what),
					errdetail("Element %d is null.", i + 1));
	{
		int32	   *result = palloc(sizeof(int32) * (*n + 1));

		for (int i = 0; i < *n; i++)
			result[i] = DatumGetInt32(elems[i]);
		return result;
	}
}

/*
 * octave_score(priorities, impact_values): the relative risk score, the
 * sum of priority x impact value over the impact areas
 */
PG_FUNCTION_INFO_V1(octave_score);
Datum
octave_score(PG_FUNCTION_ARGS)
{
	int			np,
				nv;
	int32	   *p = quant_int_array(PG_GETARG_ARRAYTYPE_P(0), "priorities", &np);
	int32	   *v = quant_int_array(PG_GETARG_ARRAYTYPE_P(1), "impact values", &nv);
	int64		score = 0;

	if (np != nv)
		ereport(ERROR,
				errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				errmsg("priorities and impact values differ in length"),
				errdetail("There are %d priorities and %d impact values; each impact area has one of each.",
						  np, nv));
	for (int i = 0; i < np; i++)
	{
		if (p[i] < 1 || p[i] > 100)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("impact area priority %d is out of range", p[i]),
					errdetail("Priorities run from 1 (least important) to the number of impact areas."));
		if (v[i] < 1 || v[i] > 3)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("impact value %d is out of range", v[i]),
					errdetail("An impact value is low (1), moderate (2) or high (3)."));
		score += (int64) p[i] * v[i];
	}
	PG_RETURN_INT32((int32) score);
}

/* Probability high, medium, low as 0, 1, 2 (the matrix's rows). */
static int
quant_probability(text *t)
{
	char	   *s = quant_fold(t);

	if (strcmp(s, "high") == 0)
		return 0;
	if (strcmp(s, "medium") == 0)
		return 1;
	if (strcmp(s, "low") == 0)
		return 2;
	ereport(ERROR,
			errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			errmsg("invalid OCTAVE Allegro probability: \"%s\"",
				   isms_echo(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), ISMS_ECHO_CHARS)),
			errdetail("A probability is high, medium or low."));
	return -1;
}

/*
 * octave_pool(probability, score, max_score): the pool (1 to 4) of the
 * Allegro relative risk matrix.  The score bands are those of the report
 * for the maximum score of 45 (five areas): 30-45, 16-29, 1-15, that is a
 * score of at least two thirds of the maximum, above one third, and the
 * rest; for another maximum (user-defined areas) the same fractions.
 */
PG_FUNCTION_INFO_V1(octave_pool);
Datum
octave_pool(PG_FUNCTION_ARGS)
{
	/* rows: probability high, medium, low; columns: score band high to low */
	static const int pools[3][3] = {
		{1, 2, 2},
		{2, 2, 3},
		{3, 3, 4},
	};
	int			row = quant_probability(PG_GETARG_TEXT_PP(0));
	int32		score = PG_GETARG_INT32(1);
	int32		max_score = PG_GETARG_INT32(2);
	int			band;

	if (max_score < 3 || max_score > 30000)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("maximum relative risk score %d is out of range", max_score),
				errdetail("It is 3 times the sum of the impact areas' priorities: 45 for the five standard areas."));
	if (score < 1 || score > max_score)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("relative risk score %d is out of range", score),
				errdetail("A score runs from 1 to the maximum, %d.", max_score));
	if (3 * score >= 2 * max_score)
		band = 0;
	else if (3 * score > max_score)
		band = 1;
	else
		band = 2;
	PG_RETURN_INT32(pools[row][band]);
}

/*
 * octave_mitigation(pool): the mitigation approaches Allegro recommends for
 * a pool (step 8): pool 1 mitigate; pool 2 mitigate or defer; pool 3 defer
 * or accept; pool 4 accept.
 */
PG_FUNCTION_INFO_V1(octave_mitigation);
Datum
octave_mitigation(PG_FUNCTION_ARGS)
{
	static const char *const approaches[4][2] = {
		{"mitigate", NULL},
		{"mitigate", "defer"},
		{"defer", "accept"},
		{"accept", NULL},
	};
	int32		pool = PG_GETARG_INT32(0);
	Datum		elems[2];
	int			n = 0;

	if (pool < 1 || pool > 4)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("OCTAVE Allegro pool %d does not exist", pool),
				errdetail("The relative risk matrix has pools 1 to 4."));
	for (int i = 0; i < 2 && approaches[pool - 1][i] != NULL; i++)
		elems[n++] = CStringGetTextDatum(approaches[pool - 1][i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false,
										  TYPALIGN_INT));
}
