/*
 * svg.c
 *	  Charts as SVG pictures that a browser or a dashboard shows as they are:
 *	  isms.heatmap_svg(grid, counts, title), the risk matrix with the number
 *	  of risks in each cell, and isms.loss_exceedance_svg(losses,
 *	  probabilities, title, currency), a loss exceedance curve.
 *
 * Both take their data as arguments, so that they are IMMUTABLE and can
 * draw any matrix or any subset of risks; the register's wrappers pass
 * them what they read.  Every cell and point carries data-* attributes
 * with its values, for scripts and for tests.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "isms.h"
#include "scale.h"
#include "xml_common.h"

#define SVG_FONT "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""

/*
 * Limits of a loss exceedance curve: as many points as isms.loss_exceedance
 * returns at most, and losses up to the largest annual loss that the FAIR
 * simulation gives (fair.c), so that the axis and its ticks stay finite.
 */
#define SVG_MAX_POINTS	10000
#define SVG_MAX_LOSS	1.0e27

/* A colour as 0-255 components. */
typedef struct Rgb
{
	int			r;
	int			g;
	int			b;
} Rgb;

/*
 * The colour of relative level t (0 lowest, 1 highest): green, yellow,
 * orange, red (ColorBrewer RdYlGn, reversed), interpolated in between.
 */
static Rgb
level_colour(double t)
{
	static const Rgb anchors[] = {
		{0x1a, 0x98, 0x50}, {0xfe, 0xe0, 0x8b}, {0xfc, 0x8d, 0x59}, {0xd7, 0x30, 0x27}
	};
	double		pos = t * 3.0;
	int			i = (int) floor(pos);
	double		f;
	Rgb			c;

	if (i >= 3)
		return anchors[3];
	if (i < 0)
		return anchors[0];
	f = pos - i;
	c.r = (int) lround(anchors[i].r + (anchors[i + 1].r - anchors[i].r) * f);
	c.g = (int) lround(anchors[i].g + (anchors[i + 1].g - anchors[i].g) * f);
	c.b = (int) lround(anchors[i].b + (anchors[i + 1].b - anchors[i].b) * f);
	return c;
}

/* Black or white, whichever reads better on c. */
static const char *
text_colour(Rgb c)
{
	double		luminance = (0.299 * c.r + 0.587 * c.g + 0.114 * c.b) / 255.0;

	return luminance > 0.5 ? "#000000" : "#ffffff";
}

/* The label of level k of an n-level scale for display ("almost certain"). */
static char *
level_label(const ScaleType *type, int k, int n)
{
	const char *label = scale_label(type, SCALE_MAKE(SCALE_RESOLVED, k, n));
	char	   *result;
	char	   *p;

	if (label == NULL)
		return psprintf("%d", k);
	result = pstrdup(label);
	for (p = result; *p; p++)
		if (*p == '_')
			*p = ' ';
	return result;
}

/* The elements of a 2-D array argument, checking its shape. */
static void
matrix_elements(ArrayType *array, Oid elemtype, const char *what,
				Datum **elems, bool **nulls, int *rows, int *cols)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			n;

	if (ARR_NDIM(array) != 2)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a two-dimensional array", what),
				 errdetail_plural("It has %d dimension.", "It has %d dimensions.",
								  ARR_NDIM(array), ARR_NDIM(array)),
				 errhint("Index it as [likelihood][impact], like risk_matrix.grid.")));
	*rows = ARR_DIMS(array)[0];
	*cols = ARR_DIMS(array)[1];
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(array, elemtype, typlen, typbyval, typalign, elems, nulls, &n);
}

/*
 * isms.heatmap_svg(grid risk_level[], counts bigint[], title text)
 *	  RETURNS xml
 *
 * grid[likelihood][impact] is the risk matrix, counts[likelihood][impact]
 * the number of risks in each cell (NULL: none).
 */
PG_FUNCTION_INFO_V1(heatmap_svg);
Datum
heatmap_svg(PG_FUNCTION_ARGS)
{
	ArrayType  *grid;
	Datum	   *levels;
	bool	   *level_nulls;
	Datum	   *counts = NULL;
	bool	   *count_nulls = NULL;
	int			rows;
	int			cols;
	char	   *title;
	StringInfoData buf;
	const int	cell_w = 96;
	const int	cell_h = 64;
	const int	left = 150;
	const int	top = 56;
	int			plot_w;
	int			plot_h;
	int			width;
	int			height;
	bool		present[SCALE_MAX_LEVELS + 1] = {false};
	int			level_scale = 0;
	int64		total = 0;
	int			l;
	int			i;
	int			k;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	grid = PG_GETARG_ARRAYTYPE_P(0);
	matrix_elements(grid, ARR_ELEMTYPE(grid), "the grid", &levels, &level_nulls,
					&rows, &cols);
	if (rows < 2 || rows > SCALE_MAX_LEVELS || cols < 2 || cols > SCALE_MAX_LEVELS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a risk matrix must have 2 to 10 likelihood and impact levels"),
				 errdetail("The grid is %d x %d.", rows, cols)));
	for (i = 0; i < rows * cols; i++)
	{
		ScaleValue	v;

		if (level_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the grid must not contain NULL")));
		v = DatumGetScaleValue(levels[i]);
		/* the level indexes present[] and the label tables */
		if (SCALE_SIZE(v) < SCALE_MIN_LEVELS || SCALE_SIZE(v) > SCALE_MAX_LEVELS ||
			SCALE_LEVEL(v) < 1 || SCALE_LEVEL(v) > SCALE_SIZE(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the grid holds an invalid risk level"),
					 errdetail("Level %d on a scale of %d levels.",
							   SCALE_LEVEL(v), SCALE_SIZE(v))));
		if (level_scale != 0 && SCALE_SIZE(v) != level_scale)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the risk levels of the grid are not on one scale"),
					 errdetail("Levels on %d and on %d levels are mixed.",
							   level_scale, SCALE_SIZE(v))));
		level_scale = SCALE_SIZE(v);
		present[SCALE_LEVEL(v)] = true;
	}
	if (!PG_ARGISNULL(1))
	{
		ArrayType  *count_array = PG_GETARG_ARRAYTYPE_P(1);
		int			crows;
		int			ccols;

		matrix_elements(count_array, INT8OID, "the counts", &counts, &count_nulls,
						&crows, &ccols);
		if (crows != rows || ccols != cols)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("the counts do not have the shape of the grid"),
					 errdetail("The grid is %d x %d, the counts are %d x %d.",
							   rows, cols, crows, ccols)));
		for (i = 0; i < rows * cols; i++)
		{
			if (!count_nulls[i] && DatumGetInt64(counts[i]) < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("a count of risks must not be negative")));
			if (!count_nulls[i] &&
				pg_add_s64_overflow(total, DatumGetInt64(counts[i]), &total))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("the total of the counts of risks is out of range for type bigint")));
		}
	}
	title = PG_ARGISNULL(2) ? "Risk heat map" : text_to_cstring(PG_GETARG_TEXT_PP(2));

	plot_w = cols * cell_w;
	plot_h = rows * cell_h;
	width = left + plot_w + 190;
	height = top + plot_h + 96;
	if (height < top + 40 + 24 * level_scale)
		height = top + 40 + 24 * level_scale;

	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
					 " viewBox=\"0 0 %d %d\" role=\"img\" " SVG_FONT
					 " data-risks=\"" INT64_FORMAT "\">",
					 width, height, width, height, total);
	appendStringInfoString(&buf, "<title>");
	isms_xml_escape(&buf, title, false);
	appendStringInfoString(&buf, "</title>");
	appendStringInfo(&buf, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width, height);
	appendStringInfo(&buf, "<text x=\"%d\" y=\"32\" font-size=\"20\" font-weight=\"bold\">",
					 left);
	isms_xml_escape(&buf, title, false);
	appendStringInfoString(&buf, "</text>");

	/* cells: likelihood grows upwards, impact to the right */
	for (l = 1; l <= rows; l++)
	{
		for (i = 1; i <= cols; i++)
		{
			int			idx = (l - 1) * cols + (i - 1);
			ScaleValue	v = DatumGetScaleValue(levels[idx]);
			int			level = SCALE_LEVEL(v);
			double		t = level_scale > 1 ? (double) (level - 1) / (level_scale - 1) : 0;
			Rgb			c = level_colour(t);
			int64		n = counts != NULL && !count_nulls[idx] ? DatumGetInt64(counts[idx]) : 0;
			int			x = left + (i - 1) * cell_w;
			int			y = top + (rows - l) * cell_h;
			char	   *level_name = level_label(&risk_level_type, level, level_scale);

			appendStringInfo(&buf,
							 "<g class=\"cell\" data-likelihood=\"%d\" data-impact=\"%d\""
							 " data-level=\"%s\" data-count=\"" INT64_FORMAT "\">"
							 "<title>likelihood %s, impact %s: %s, " INT64_FORMAT " risk%s</title>"
							 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
							 " fill=\"#%02x%02x%02x\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
							 l, i, level_name, n,
							 level_label(&likelihood_type, l, rows),
							 level_label(&impact_type, i, cols), level_name, n,
							 n == 1 ? "" : "s",
							 x, y, cell_w, cell_h, c.r, c.g, c.b);
			if (n > 0)
				appendStringInfo(&buf,
								 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\""
								 " dominant-baseline=\"central\" font-size=\"22\""
								 " font-weight=\"bold\" fill=\"%s\">" INT64_FORMAT "</text>",
								 x + cell_w / 2, y + cell_h / 2, text_colour(c), n);
			appendStringInfoString(&buf, "</g>");
		}
	}

	/* axes: level labels and titles */
	for (l = 1; l <= rows; l++)
		appendStringInfo(&buf,
						 "<text x=\"%d\" y=\"%d\" text-anchor=\"end\""
						 " dominant-baseline=\"central\" font-size=\"13\">%s</text>",
						 left - 10, top + (rows - l) * cell_h + cell_h / 2,
						 level_label(&likelihood_type, l, rows));
	for (i = 1; i <= cols; i++)
		appendStringInfo(&buf,
						 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">%s</text>",
						 left + (i - 1) * cell_w + cell_w / 2, top + plot_h + 22,
						 level_label(&impact_type, i, cols));
	appendStringInfo(&buf,
					 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\""
					 " font-weight=\"bold\">Impact</text>",
					 left + plot_w / 2, top + plot_h + 56);
	appendStringInfo(&buf,
					 "<text x=\"20\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\""
					 " font-weight=\"bold\" transform=\"rotate(-90 20 %d)\">Likelihood</text>",
					 top + plot_h / 2, top + plot_h / 2);

	/* legend: the levels the grid uses, highest first */
	appendStringInfo(&buf, "<g class=\"legend\"><text x=\"%d\" y=\"%d\" font-size=\"13\""
					 " font-weight=\"bold\">Risk level</text>",
					 left + plot_w + 30, top + 12);
	for (k = level_scale, i = 0; k >= 1; k--)
	{
		Rgb			c;

		if (!present[k])
			continue;
		c = level_colour(level_scale > 1 ? (double) (k - 1) / (level_scale - 1) : 0);
		appendStringInfo(&buf,
						 "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"18\" fill=\"#%02x%02x%02x\"/>"
						 "<text x=\"%d\" y=\"%d\" dominant-baseline=\"central\" font-size=\"13\">%s</text>",
						 left + plot_w + 30, top + 24 + i * 24, c.r, c.g, c.b,
						 left + plot_w + 56, top + 33 + i * 24,
						 level_label(&risk_level_type, k, level_scale));
		i++;
	}
	appendStringInfoString(&buf, "</g></svg>");
	PG_RETURN_DATUM(isms_xml_datum(&buf));
}

/* A "nice" axis step (1, 2 or 5 times a power of ten) for about n ticks. */
static double
nice_step(double range, int n)
{
	double		raw = range / n;
	double		magnitude = pow(10.0, floor(log10(raw)));
	double		f = raw / magnitude;

	if (f <= 1.0)
		return magnitude;
	if (f <= 2.0)
		return 2.0 * magnitude;
	if (f <= 5.0)
		return 5.0 * magnitude;
	return 10.0 * magnitude;
}

/* An amount for an axis label: 750, 1.5k, 2M, 1.25B. */
static char *
amount_label(double value)
{
	static const struct
	{
		double		unit;
		const char *suffix;
	}			units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}, {1, ""}};
	int			i;

	for (i = 0; i < (int) lengthof(units); i++)
	{
		if (fabs(value) >= units[i].unit || units[i].unit == 1)
		{
			double		scaled = value / units[i].unit;
			char		num[64];
			char	   *p;

			/* cents, but none where a double has no exact cents left */
			snprintf(num, sizeof(num), "%.*f", fabs(scaled) < 1e12 ? 2 : 0, scaled);
			/* drop trailing zeros and a trailing point */
			if (strchr(num, '.') != NULL)
			{
				p = num + strlen(num) - 1;
				while (*p == '0')
					*p-- = '\0';
				if (*p == '.')
					*p = '\0';
			}
			return psprintf("%s%s", num, units[i].suffix);
		}
	}
	return psprintf("%g", value);
}

/* A (loss, probability) point of the curve. */
typedef struct LossPoint
{
	double		loss;
	double		probability;
} LossPoint;

static int
loss_point_cmp(const void *a, const void *b)
{
	const LossPoint *x = a;
	const LossPoint *y = b;

	if (x->loss != y->loss)
		return x->loss < y->loss ? -1 : 1;
	/* at equal losses the higher probability first (a vertical step) */
	return x->probability > y->probability ? -1 : x->probability < y->probability ? 1 : 0;
}

/* The float8 elements of a one-dimensional array, without NULLs. */
static double *
float_elements(ArrayType *array, const char *what, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	double	   *result;
	int			i;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", what)));
	*n = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
	if (*n > SVG_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a loss exceedance curve has at most %d points", SVG_MAX_POINTS),
				 errdetail("The array of %s has %d elements.", what, *n)));
	deconstruct_array(array, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, n);
	result = palloc(sizeof(double) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL", what)));
		result[i] = DatumGetFloat8(elems[i]);
		if (isnan(result[i]) || isinf(result[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be finite numbers", what)));
	}
	return result;
}

/*
 * isms.loss_exceedance_svg(losses float8[], probabilities float8[],
 *							title text, currency text) RETURNS xml
 *
 * probabilities[i] is the probability that the annual loss exceeds
 * losses[i]; it must not grow with the loss.  At most SVG_MAX_POINTS
 * points, losses from 0 to SVG_MAX_LOSS.
 */
PG_FUNCTION_INFO_V1(loss_exceedance_svg);
Datum
loss_exceedance_svg(PG_FUNCTION_ARGS)
{
	double	   *losses;
	double	   *probabilities;
	int			nlosses;
	int			nprobabilities;
	LossPoint  *points;
	char	   *title;
	char	   *currency;
	StringInfoData buf;
	const int	left = 90;
	const int	top = 56;
	const int	plot_w = 560;
	const int	plot_h = 320;
	const int	width = left + plot_w + 40;
	const int	height = top + plot_h + 80;
	double		max_loss;
	double		step;
	double		axis_max;
	int			nticks;
	int			i;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	losses = float_elements(PG_GETARG_ARRAYTYPE_P(0), "the losses", &nlosses);
	probabilities = float_elements(PG_GETARG_ARRAYTYPE_P(1), "the probabilities",
								   &nprobabilities);
	if (nlosses != nprobabilities)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("losses and probabilities must have the same length"),
				 errdetail("There are %d losses, %d probabilities.",
						   nlosses, nprobabilities)));
	if (nlosses < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a loss exceedance curve needs at least 2 points")));
	points = palloc(sizeof(LossPoint) * nlosses);
	for (i = 0; i < nlosses; i++)
	{
		if (losses[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a loss must not be negative"),
					 errdetail("Loss %d is %g.", i + 1, losses[i])));
		if (losses[i] > SVG_MAX_LOSS)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("loss %g is out of range for a loss exceedance curve", losses[i]),
					 errdetail("A loss must be between 0 and %g.", SVG_MAX_LOSS)));
		if (probabilities[i] < 0 || probabilities[i] > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a probability must be between 0 and 1"),
					 errdetail("Probability %d is %g.", i + 1, probabilities[i])));
		points[i].loss = losses[i];
		points[i].probability = probabilities[i];
	}
	qsort(points, nlosses, sizeof(LossPoint), loss_point_cmp);
	for (i = 1; i < nlosses; i++)
		if (points[i].probability > points[i - 1].probability + 1e-12)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the probability of exceeding a loss must not grow with the loss"),
					 errdetail("It is %g at %g and %g at %g.",
							   points[i - 1].probability, points[i - 1].loss,
							   points[i].probability, points[i].loss)));
	title = PG_ARGISNULL(2) ? "Loss exceedance curve" : text_to_cstring(PG_GETARG_TEXT_PP(2));
	currency = PG_ARGISNULL(3) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(3));

	max_loss = points[nlosses - 1].loss;
	if (max_loss <= 0)
		max_loss = 1;
	else if (max_loss < 0.05)
		max_loss = 0.05;		/* five ticks a cent apart: labels show cents */
	step = nice_step(max_loss, 5);
	nticks = (int) ceil(max_loss / step);
	axis_max = nticks * step;

	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
					 " viewBox=\"0 0 %d %d\" role=\"img\" " SVG_FONT ">",
					 width, height, width, height);
	appendStringInfoString(&buf, "<title>");
	isms_xml_escape(&buf, title, false);
	appendStringInfoString(&buf, "</title>");
	appendStringInfo(&buf, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width, height);
	appendStringInfo(&buf, "<text x=\"%d\" y=\"32\" font-size=\"20\" font-weight=\"bold\">", left);
	isms_xml_escape(&buf, title, false);
	appendStringInfoString(&buf, "</text>");

	/* grid and tick labels */
	for (i = 0; i <= 5; i++)
	{
		double		y = top + plot_h - plot_h * i / 5.0;

		appendStringInfo(&buf,
						 "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
						 "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\""
						 " font-size=\"12\">%d%%</text>",
						 left, y, left + plot_w, y, left - 8, y, i * 20);
	}
	for (i = 0; i <= nticks; i++)
	{
		double		tick = i * step;
		double		x = left + plot_w * tick / axis_max;

		appendStringInfo(&buf,
						 "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
						 "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">",
						 x, top, x, top + plot_h, x, top + plot_h + 20);
		isms_xml_escape(&buf, amount_label(tick), false);
		appendStringInfoString(&buf, "</text>");
	}
	appendStringInfo(&buf,
					 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
					 " stroke=\"#555555\"/>", left, top, plot_w, plot_h);
	appendStringInfo(&buf,
					 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\""
					 " font-weight=\"bold\">Annual loss",
					 left + plot_w / 2, top + plot_h + 50);
	if (currency != NULL)
	{
		appendStringInfoString(&buf, " (");
		isms_xml_escape(&buf, currency, false);
		appendStringInfoChar(&buf, ')');
	}
	appendStringInfoString(&buf, "</text>");
	appendStringInfo(&buf,
					 "<text x=\"22\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\""
					 " font-weight=\"bold\" transform=\"rotate(-90 22 %d)\">"
					 "Probability of exceeding</text>",
					 top + plot_h / 2, top + plot_h / 2);

	/* the curve */
	appendStringInfo(&buf, "<path class=\"curve\" data-points=\"%d\" fill=\"none\""
					 " stroke=\"#d73027\" stroke-width=\"2.5\" d=\"", nlosses);
	for (i = 0; i < nlosses; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&buf, "%s%.1f %.1f", i == 0 ? "M" : " L",
						 left + plot_w * points[i].loss / axis_max,
						 top + plot_h - plot_h * points[i].probability);
	}
	appendStringInfoString(&buf, "\"/></svg>");
	PG_RETURN_DATUM(isms_xml_datum(&buf));
}
