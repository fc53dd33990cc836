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
				errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				errmsg("%s must be a two-dimensional array", what),
				errdetail_plural("It has %d dimension.", "It has %d dimensions.",
								 ARR_NDIM(array), ARR_NDIM(array)),
				errhint("Index it as [likelihood][impact], like risk_matrix.grid."));
	*rows = ARR_DIMS(array)[0];
	*cols = ARR_DIMS(array)[1];
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(array, elemtype, typlen, typbyval, typalign, elems, nulls, &n);
}

/* Where a chart draws: the plot area inside a picture of width x height. */
typedef struct SvgLayout
{
	int			left;			/* the plot's left edge; the title starts there */
	int			top;
	int			plot_w;
	int			plot_h;
	int			width;
	int			height;
} SvgLayout;

/*
 * Open a picture: the svg element (extra_attributes, if any, written as
 * they are), its title for screen readers, a white background and the
 * title drawn above the plot.
 */
static void
svg_begin(StringInfo buf, const SvgLayout *lay, const char *extra_attributes,
		  const char *title)
{
	appendStringInfo(buf,
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
					 " viewBox=\"0 0 %d %d\" role=\"img\" " SVG_FONT "%s>",
					 lay->width, lay->height, lay->width, lay->height,
					 extra_attributes);
	appendStringInfoString(buf, "<title>");
	isms_xml_escape(buf, title, false);
	appendStringInfoString(buf, "</title>");
	appendStringInfo(buf, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>",
					 lay->width, lay->height);
	appendStringInfo(buf, "<text x=\"%d\" y=\"32\" font-size=\"20\" font-weight=\"bold\">",
					 lay->left);
	isms_xml_escape(buf, title, false);
	appendStringInfoString(buf, "</text>");
}

/*
 * The titles of the axes, in bold: x_title centred under the plot, x_gap
 * below its bottom edge, followed by " (x_unit)" where x_unit is not NULL;
 * y_title turned along the picture's left edge at x = y_x.  The titles are
 * the callers' own text, the unit the user's (escaped).
 */
static void
svg_axis_titles(StringInfo buf, const SvgLayout *lay, int font_size,
				const char *x_title, const char *x_unit, int x_gap,
				const char *y_title, int y_x)
{
	appendStringInfo(buf,
					 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\""
					 " font-weight=\"bold\">%s",
					 lay->left + lay->plot_w / 2, lay->top + lay->plot_h + x_gap, font_size,
					 x_title);
	if (x_unit != NULL)
	{
		appendStringInfoString(buf, " (");
		isms_xml_escape(buf, x_unit, false);
		appendStringInfoChar(buf, ')');
	}
	appendStringInfoString(buf, "</text>");
	appendStringInfo(buf,
					 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\""
					 " font-weight=\"bold\" transform=\"rotate(-90 %d %d)\">%s</text>",
					 y_x, lay->top + lay->plot_h / 2, font_size,
					 y_x, lay->top + lay->plot_h / 2, y_title);
}

/*
 * A legend: its heading at (x, y), then one entry per svg_legend_entry().
 * Heading and labels are isms's own text (level labels), not escaped.
 */
static void
svg_legend_begin(StringInfo buf, int x, int y, const char *heading)
{
	appendStringInfo(buf, "<g class=\"legend\"><text x=\"%d\" y=\"%d\" font-size=\"13\""
					 " font-weight=\"bold\">%s</text>", x, y, heading);
}

/* Entry i of a legend whose heading is at (x, y): a swatch of c and a label. */
static void
svg_legend_entry(StringInfo buf, int x, int y, int i, Rgb c, const char *label)
{
	appendStringInfo(buf,
					 "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"18\" fill=\"#%02x%02x%02x\"/>"
					 "<text x=\"%d\" y=\"%d\" dominant-baseline=\"central\" font-size=\"13\">%s</text>",
					 x, y + 12 + i * 24, c.r, c.g, c.b, x + 26, y + 21 + i * 24, label);
}

/* Close a legend. */
static void
svg_legend_end(StringInfo buf)
{
	appendStringInfoString(buf, "</g>");
}

/* A heat map's data: the grid of risk levels and the counts per cell. */
typedef struct Heatmap
{
	Datum	   *levels;			/* grid[likelihood][impact], row by row */
	int			rows;			/* likelihood levels */
	int			cols;			/* impact levels */
	int			level_scale;	/* the risk levels' scale size */
	bool		present[SCALE_MAX_LEVELS + 1];	/* the risk levels used */
	Datum	   *counts;			/* NULL: no counts */
	bool	   *count_nulls;
	int64		total;
} Heatmap;

#define HEATMAP_CELL_W	96
#define HEATMAP_CELL_H	64

/* Read and check the grid: 2 to 10 levels each way, valid levels on one scale. */
static void
heatmap_read_grid(Heatmap *hm, ArrayType *grid)
{
	bool	   *level_nulls;

	matrix_elements(grid, ARR_ELEMTYPE(grid), "the grid", &hm->levels, &level_nulls,
					&hm->rows, &hm->cols);
	if (hm->rows < 2 || hm->rows > SCALE_MAX_LEVELS ||
		hm->cols < 2 || hm->cols > SCALE_MAX_LEVELS)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a risk matrix must have 2 to 10 likelihood and impact levels"),
				errdetail("The grid is %d x %d.", hm->rows, hm->cols));
	for (int i = 0; i < hm->rows * hm->cols; i++)
	{
		ScaleValue	v;

		if (level_nulls[i])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("the grid must not contain NULL"));
		v = DatumGetScaleValue(hm->levels[i]);
		/* the level indexes present[] and the label tables */
		if (SCALE_SIZE(v) < SCALE_MIN_LEVELS || SCALE_SIZE(v) > SCALE_MAX_LEVELS ||
			SCALE_LEVEL(v) < 1 || SCALE_LEVEL(v) > SCALE_SIZE(v))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("the grid holds an invalid risk level"),
					errdetail("Level %d on a scale of %d levels.",
							  SCALE_LEVEL(v), SCALE_SIZE(v)));
		if (hm->level_scale != 0 && SCALE_SIZE(v) != hm->level_scale)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("the risk levels of the grid are not on one scale"),
					errdetail("Levels on %d and on %d levels are mixed.",
							  hm->level_scale, SCALE_SIZE(v)));
		hm->level_scale = SCALE_SIZE(v);
		hm->present[SCALE_LEVEL(v)] = true;
	}
}

/* Read and check the counts: the grid's shape, not negative, a bigint total. */
static void
heatmap_read_counts(Heatmap *hm, ArrayType *count_array)
{
	int			crows;
	int			ccols;

	matrix_elements(count_array, INT8OID, "the counts", &hm->counts, &hm->count_nulls,
					&crows, &ccols);
	if (crows != hm->rows || ccols != hm->cols)
		ereport(ERROR,
				errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				errmsg("the counts do not have the shape of the grid"),
				errdetail("The grid is %d x %d, the counts are %d x %d.",
						  hm->rows, hm->cols, crows, ccols));
	for (int i = 0; i < hm->rows * hm->cols; i++)
	{
		if (!hm->count_nulls[i] && DatumGetInt64(hm->counts[i]) < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("a count of risks must not be negative"));
		if (!hm->count_nulls[i] &&
			pg_add_s64_overflow(hm->total, DatumGetInt64(hm->counts[i]), &hm->total))
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("the total of the counts of risks is out of range for type bigint"));
	}
}

/* The colour of risk level k of the heat map's scale. */
static Rgb
heatmap_colour(const Heatmap *hm, int k)
{
	return level_colour(hm->level_scale > 1 ? (double) (k - 1) / (hm->level_scale - 1) : 0);
}

/* The cells: likelihood grows upwards, impact to the right. */
static void
heatmap_cells(StringInfo buf, const Heatmap *hm, const SvgLayout *lay)
{
	for (int l = 1; l <= hm->rows; l++)
	{
		for (int i = 1; i <= hm->cols; i++)
		{
			int			idx = (l - 1) * hm->cols + (i - 1);
			int			level = SCALE_LEVEL(DatumGetScaleValue(hm->levels[idx]));
			Rgb			c = heatmap_colour(hm, level);
			int64		n = hm->counts != NULL && !hm->count_nulls[idx] ?
				DatumGetInt64(hm->counts[idx]) : 0;
			int			x = lay->left + (i - 1) * HEATMAP_CELL_W;
			int			y = lay->top + (hm->rows - l) * HEATMAP_CELL_H;
			char	   *level_name = level_label(&risk_level_type, level, hm->level_scale);

			appendStringInfo(buf,
							 "<g class=\"cell\" data-likelihood=\"%d\" data-impact=\"%d\""
							 " data-level=\"%s\" data-count=\"" INT64_FORMAT "\">"
							 "<title>likelihood %s, impact %s: %s, " INT64_FORMAT " risk%s</title>"
							 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
							 " fill=\"#%02x%02x%02x\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
							 l, i, level_name, n,
							 level_label(&likelihood_type, l, hm->rows),
							 level_label(&impact_type, i, hm->cols), level_name, n,
							 n == 1 ? "" : "s",
							 x, y, HEATMAP_CELL_W, HEATMAP_CELL_H, c.r, c.g, c.b);
			if (n > 0)
				appendStringInfo(buf,
								 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\""
								 " dominant-baseline=\"central\" font-size=\"22\""
								 " font-weight=\"bold\" fill=\"%s\">" INT64_FORMAT "</text>",
								 x + HEATMAP_CELL_W / 2, y + HEATMAP_CELL_H / 2, text_colour(c), n);
			appendStringInfoString(buf, "</g>");
		}
	}
}

/* The axes: the level labels of each, and their titles. */
static void
heatmap_axes(StringInfo buf, const Heatmap *hm, const SvgLayout *lay)
{
	for (int l = 1; l <= hm->rows; l++)
		appendStringInfo(buf,
						 "<text x=\"%d\" y=\"%d\" text-anchor=\"end\""
						 " dominant-baseline=\"central\" font-size=\"13\">%s</text>",
						 lay->left - 10,
						 lay->top + (hm->rows - l) * HEATMAP_CELL_H + HEATMAP_CELL_H / 2,
						 level_label(&likelihood_type, l, hm->rows));
	for (int i = 1; i <= hm->cols; i++)
		appendStringInfo(buf,
						 "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">%s</text>",
						 lay->left + (i - 1) * HEATMAP_CELL_W + HEATMAP_CELL_W / 2,
						 lay->top + lay->plot_h + 22,
						 level_label(&impact_type, i, hm->cols));
	svg_axis_titles(buf, lay, 15, "Impact", NULL, 56, "Likelihood", 20);
}

/* The legend: the risk levels the grid uses, highest first. */
static void
heatmap_legend(StringInfo buf, const Heatmap *hm, const SvgLayout *lay)
{
	int			x = lay->left + lay->plot_w + 30;
	int			y = lay->top + 12;
	int			i = 0;

	svg_legend_begin(buf, x, y, "Risk level");
	for (int k = hm->level_scale; k >= 1; k--)
	{
		if (!hm->present[k])
			continue;
		svg_legend_entry(buf, x, y, i, heatmap_colour(hm, k),
						 level_label(&risk_level_type, k, hm->level_scale));
		i++;
	}
	svg_legend_end(buf);
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
	Heatmap		hm = {0};
	SvgLayout	lay;
	const char *title;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	heatmap_read_grid(&hm, PG_GETARG_ARRAYTYPE_P(0));
	if (!PG_ARGISNULL(1))
		heatmap_read_counts(&hm, PG_GETARG_ARRAYTYPE_P(1));
	title = PG_ARGISNULL(2) ? "Risk heat map" : text_to_cstring(PG_GETARG_TEXT_PP(2));

	lay.left = 150;
	lay.top = 56;
	lay.plot_w = hm.cols * HEATMAP_CELL_W;
	lay.plot_h = hm.rows * HEATMAP_CELL_H;
	lay.width = lay.left + lay.plot_w + 190;
	lay.height = Max(lay.top + lay.plot_h + 96, lay.top + 40 + 24 * hm.level_scale);

	initStringInfo(&buf);
	svg_begin(&buf, &lay, psprintf(" data-risks=\"" INT64_FORMAT "\"", hm.total), title);
	heatmap_cells(&buf, &hm, &lay);
	heatmap_axes(&buf, &hm, &lay);
	heatmap_legend(&buf, &hm, &lay);
	appendStringInfoString(&buf, "</svg>");
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
				errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				errmsg("%s must be a one-dimensional array", what));
	*n = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
	if (*n > SVG_MAX_POINTS)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("a loss exceedance curve has at most %d points", SVG_MAX_POINTS),
				errdetail("The array of %s has %d elements.", what, *n));
	deconstruct_array(array, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, n);
	result = palloc(sizeof(double) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("%s must not contain NULL", what));
		result[i] = DatumGetFloat8(elems[i]);
		if (isnan(result[i]) || isinf(result[i]))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s must be finite numbers", what));
	}
	return result;
}

/*
 * The points of a curve, checked and sorted by loss: losses from 0 to
 * SVG_MAX_LOSS, probabilities from 0 to 1 that do not grow with the loss.
 */
static LossPoint *
loss_points(const double *losses, const double *probabilities, int n)
{
	LossPoint  *points = palloc(sizeof(LossPoint) * n);

	for (int i = 0; i < n; i++)
	{
		if (losses[i] < 0)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("a loss must not be negative"),
					errdetail("Loss %d is %g.", i + 1, losses[i]));
		if (losses[i] > SVG_MAX_LOSS)
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("loss %g is out of range for a loss exceedance curve", losses[i]),
					errdetail("A loss must be between 0 and %g.", SVG_MAX_LOSS));
		if (probabilities[i] < 0 || probabilities[i] > 1)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("a probability must be between 0 and 1"),
					errdetail("Probability %d is %g.", i + 1, probabilities[i]));
		points[i].loss = losses[i];
		points[i].probability = probabilities[i];
	}
	qsort(points, n, sizeof(LossPoint), loss_point_cmp);
	for (int i = 1; i < n; i++)
		if (points[i].probability > points[i - 1].probability + 1e-12)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("the probability of exceeding a loss must not grow with the loss"),
					errdetail("It is %g at %g and %g at %g.",
							  points[i - 1].probability, points[i - 1].loss,
							  points[i].probability, points[i].loss));
	return points;
}

/*
 * The axes: a grid line and a label every 20% of probability and every
 * step of loss up to axis_max (nticks steps), the plot's frame, the titles.
 */
static void
loss_axes(StringInfo buf, const SvgLayout *lay, double step, int nticks,
		  double axis_max, const char *currency)
{
	for (int i = 0; i <= 5; i++)
	{
		double		y = lay->top + lay->plot_h - lay->plot_h * i / 5.0;

		appendStringInfo(buf,
						 "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
						 "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\""
						 " font-size=\"12\">%d%%</text>",
						 lay->left, y, lay->left + lay->plot_w, y, lay->left - 8, y, i * 20);
	}
	for (int i = 0; i <= nticks; i++)
	{
		double		tick = i * step;
		double		x = lay->left + lay->plot_w * tick / axis_max;

		appendStringInfo(buf,
						 "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
						 "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">",
						 x, lay->top, x, lay->top + lay->plot_h, x, lay->top + lay->plot_h + 20);
		isms_xml_escape(buf, amount_label(tick), false);
		appendStringInfoString(buf, "</text>");
	}
	appendStringInfo(buf,
					 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
					 " stroke=\"#555555\"/>", lay->left, lay->top, lay->plot_w, lay->plot_h);
	svg_axis_titles(buf, lay, 14, "Annual loss", currency, 50,
					"Probability of exceeding", 22);
}

/* The curve through the points, scaled to losses up to axis_max. */
static void
loss_curve(StringInfo buf, const SvgLayout *lay, const LossPoint *points, int n,
		   double axis_max)
{
	appendStringInfo(buf, "<path class=\"curve\" data-points=\"%d\" fill=\"none\""
					 " stroke=\"#d73027\" stroke-width=\"2.5\" d=\"", n);
	for (int i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(buf, "%s%.1f %.1f", i == 0 ? "M" : " L",
						 lay->left + lay->plot_w * points[i].loss / axis_max,
						 lay->top + lay->plot_h - lay->plot_h * points[i].probability);
	}
	appendStringInfoString(buf, "\"/>");
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
	const char *title;
	const char *currency;
	StringInfoData buf;
	SvgLayout	lay = {.left = 90,.top = 56,.plot_w = 560,.plot_h = 320};
	double		max_loss;
	double		step;
	double		axis_max;
	int			nticks;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	losses = float_elements(PG_GETARG_ARRAYTYPE_P(0), "the losses", &nlosses);
	probabilities = float_elements(PG_GETARG_ARRAYTYPE_P(1), "the probabilities",
								   &nprobabilities);
	if (nlosses != nprobabilities)
		ereport(ERROR,
				errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				errmsg("losses and probabilities must have the same length"),
				errdetail("There are %d losses, %d probabilities.",
						  nlosses, nprobabilities));
	if (nlosses < 2)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a loss exceedance curve needs at least 2 points"));
	points = loss_points(losses, probabilities, nlosses);
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
	lay.width = lay.left + lay.plot_w + 40;
	lay.height = lay.top + lay.plot_h + 80;

	initStringInfo(&buf);
	svg_begin(&buf, &lay, "", title);
	loss_axes(&buf, &lay, step, nticks, axis_max, currency);
	loss_curve(&buf, &lay, points, nlosses, axis_max);
	appendStringInfoString(&buf, "</svg>");
	PG_RETURN_DATUM(isms_xml_datum(&buf));
}
