/*
 * cvss4.c
 *	  CVSS v4.0 scoring: the macro vector method.
 *
 * Source: FIRST, "Common Vulnerability Scoring System Version 4.0:
 * Specification Document", section "CVSS v4.0 Scoring" (equivalence sets, macro vectors),
 * and FIRST's reference calculator, FIRSTdotorg/cvss-v4-calculator (the same
 * data as RedHatProductSecurity/cvss-v4-calculator): the score of every macro
 * vector (cvss_lookup.js), the highest vectors of each equivalence set
 * (max_composed.js), the depth of each set (max_severity.js) and the
 * interpolation (cvss_score.js).
 *
 * The calculator interpolates in floating point and rounds half up after
 * adding 1e-6, because its arithmetic can land one ulp below an x.x5 tie.
 * Here the same interpolation is done in exact integer arithmetic: every
 * term is a multiple of 1/840 of a tenth divided by the number of terms, so
 * that a value is either exactly on a tie or at least 2e-5 away from one,
 * and plain half-up rounding of the exact value gives the calculator's
 * result.
 */
#include "postgres.h"

#include "cvss.h"

/* Positions of the metrics in the table below (and in CvssVector.value). */
enum
{
	C4_AV, C4_AC, C4_AT, C4_PR, C4_UI, C4_VC, C4_VI, C4_VA, C4_SC, C4_SI, C4_SA,
	C4_E,
	C4_CR, C4_IR, C4_AR, C4_MAV, C4_MAC, C4_MAT, C4_MPR, C4_MUI,
	C4_MVC, C4_MVI, C4_MVA, C4_MSC, C4_MSI, C4_MSA,
	C4_S, C4_AU, C4_R, C4_V, C4_RE, C4_U,
	C4_COUNT
};

static const char *const urgency_words[] = {"X", "Clear", "Green", "Amber", "Red"};

/*
 * The metrics in the order of the specification's section "Vector String":
 * base, threat, environmental, supplemental.  Values are in order of decreasing
 * severity, so that a value's code is its step in the severity distance
 * (for a modified metric after "X", code minus one).
 */
static const CvssMetric cvss4_metrics[C4_COUNT] = {
	{"AV", "NALP", NULL, true},
	{"AC", "LH", NULL, true},
	{"AT", "NP", NULL, true},
	{"PR", "NLH", NULL, true},
	{"UI", "NPA", NULL, true},
	{"VC", "HLN", NULL, true},
	{"VI", "HLN", NULL, true},
	{"VA", "HLN", NULL, true},
	{"SC", "HLN", NULL, true},
	{"SI", "HLN", NULL, true},
	{"SA", "HLN", NULL, true},
	{"E", "XAPU", NULL, false},
	{"CR", "XHML", NULL, false},
	{"IR", "XHML", NULL, false},
	{"AR", "XHML", NULL, false},
	{"MAV", "XNALP", NULL, false},
	{"MAC", "XLH", NULL, false},
	{"MAT", "XNP", NULL, false},
	{"MPR", "XNLH", NULL, false},
	{"MUI", "XNPA", NULL, false},
	{"MVC", "XHLN", NULL, false},
	{"MVI", "XHLN", NULL, false},
	{"MVA", "XHLN", NULL, false},
	{"MSC", "XHLN", NULL, false},
	{"MSI", "XSHLN", NULL, false},
	{"MSA", "XSHLN", NULL, false},
	{"S", "XNP", NULL, false},
	{"AU", "XNY", NULL, false},
	{"R", "XAUI", NULL, false},
	{"V", "XDC", NULL, false},
	{"RE", "XLMH", NULL, false},
	{"U", "XCGAR", urgency_words, false},
};

const CvssVersionSpec cvss40_spec = {"CVSS:4.0", "4.0", C4_COUNT, cvss4_metrics};

/*
 * The score of each macro vector (EQ1 to EQ6 levels), in tenths, from
 * cvss_lookup.js.  Macro vectors with EQ3 = 2 and EQ6 = 0 do not exist.
 */
typedef struct MacroScore
{
	char		macro[7];
	int8		score;
} MacroScore;

static const MacroScore macro_scores[] = {
	{"000000", 100}, {"000001", 99}, {"000010", 98}, {"000011", 95}, {"000020", 95}, {"000021", 92},
	{"000100", 100}, {"000101", 96}, {"000110", 93}, {"000111", 87}, {"000120", 91}, {"000121", 81},
	{"000200", 93}, {"000201", 90}, {"000210", 89}, {"000211", 80}, {"000220", 81}, {"000221", 68},
	{"001000", 98}, {"001001", 95}, {"001010", 95}, {"001011", 92}, {"001020", 90}, {"001021", 84},
	{"001100", 93}, {"001101", 92}, {"001110", 89}, {"001111", 81}, {"001120", 81}, {"001121", 65},
	{"001200", 88}, {"001201", 80}, {"001210", 78}, {"001211", 70}, {"001220", 69}, {"001221", 48},
	{"002001", 92}, {"002011", 82}, {"002021", 72},
	{"002101", 79}, {"002111", 69}, {"002121", 50},
	{"002201", 69}, {"002211", 55}, {"002221", 27},
	{"010000", 99}, {"010001", 97}, {"010010", 95}, {"010011", 92}, {"010020", 92}, {"010021", 85},
	{"010100", 95}, {"010101", 91}, {"010110", 90}, {"010111", 83}, {"010120", 84}, {"010121", 71},
	{"010200", 92}, {"010201", 81}, {"010210", 82}, {"010211", 71}, {"010220", 72}, {"010221", 53},
	{"011000", 95}, {"011001", 93}, {"011010", 92}, {"011011", 85}, {"011020", 85}, {"011021", 73},
	{"011100", 92}, {"011101", 82}, {"011110", 80}, {"011111", 72}, {"011120", 70}, {"011121", 59},
	{"011200", 84}, {"011201", 70}, {"011210", 71}, {"011211", 52}, {"011220", 50}, {"011221", 30},
	{"012001", 86}, {"012011", 75}, {"012021", 52},
	{"012101", 71}, {"012111", 52}, {"012121", 29},
	{"012201", 63}, {"012211", 29}, {"012221", 17},
	{"100000", 98}, {"100001", 95}, {"100010", 94}, {"100011", 87}, {"100020", 91}, {"100021", 81},
	{"100100", 94}, {"100101", 89}, {"100110", 86}, {"100111", 74}, {"100120", 77}, {"100121", 64},
	{"100200", 87}, {"100201", 75}, {"100210", 74}, {"100211", 63}, {"100220", 63}, {"100221", 49},
	{"101000", 94}, {"101001", 89}, {"101010", 88}, {"101011", 77}, {"101020", 76}, {"101021", 67},
	{"101100", 86}, {"101101", 76}, {"101110", 74}, {"101111", 58}, {"101120", 59}, {"101121", 50},
	{"101200", 72}, {"101201", 57}, {"101210", 57}, {"101211", 52}, {"101220", 52}, {"101221", 25},
	{"102001", 83}, {"102011", 70}, {"102021", 54},
	{"102101", 65}, {"102111", 58}, {"102121", 26},
	{"102201", 53}, {"102211", 21}, {"102221", 13},
	{"110000", 95}, {"110001", 90}, {"110010", 88}, {"110011", 76}, {"110020", 76}, {"110021", 70},
	{"110100", 90}, {"110101", 77}, {"110110", 75}, {"110111", 62}, {"110120", 61}, {"110121", 53},
	{"110200", 77}, {"110201", 66}, {"110210", 68}, {"110211", 59}, {"110220", 52}, {"110221", 30},
	{"111000", 89}, {"111001", 78}, {"111010", 76}, {"111011", 67}, {"111020", 62}, {"111021", 58},
	{"111100", 74}, {"111101", 59}, {"111110", 57}, {"111111", 57}, {"111120", 47}, {"111121", 23},
	{"111200", 61}, {"111201", 52}, {"111210", 57}, {"111211", 29}, {"111220", 24}, {"111221", 16},
	{"112001", 71}, {"112011", 59}, {"112021", 30},
	{"112101", 58}, {"112111", 26}, {"112121", 15},
	{"112201", 23}, {"112211", 13}, {"112221", 6},
	{"200000", 93}, {"200001", 87}, {"200010", 86}, {"200011", 72}, {"200020", 75}, {"200021", 58},
	{"200100", 86}, {"200101", 74}, {"200110", 74}, {"200111", 61}, {"200120", 56}, {"200121", 34},
	{"200200", 70}, {"200201", 54}, {"200210", 52}, {"200211", 40}, {"200220", 40}, {"200221", 22},
	{"201000", 85}, {"201001", 75}, {"201010", 74}, {"201011", 55}, {"201020", 62}, {"201021", 51},
	{"201100", 72}, {"201101", 57}, {"201110", 55}, {"201111", 41}, {"201120", 46}, {"201121", 19},
	{"201200", 53}, {"201201", 36}, {"201210", 34}, {"201211", 19}, {"201220", 19}, {"201221", 8},
	{"202001", 64}, {"202011", 51}, {"202021", 20},
	{"202101", 47}, {"202111", 21}, {"202121", 11},
	{"202201", 24}, {"202211", 9}, {"202221", 4},
	{"210000", 88}, {"210001", 75}, {"210010", 73}, {"210011", 53}, {"210020", 60}, {"210021", 50},
	{"210100", 73}, {"210101", 55}, {"210110", 59}, {"210111", 40}, {"210120", 41}, {"210121", 20},
	{"210200", 54}, {"210201", 43}, {"210210", 45}, {"210211", 22}, {"210220", 20}, {"210221", 11},
	{"211000", 75}, {"211001", 55}, {"211010", 58}, {"211011", 45}, {"211020", 40}, {"211021", 21},
	{"211100", 61}, {"211101", 51}, {"211110", 48}, {"211111", 18}, {"211120", 20}, {"211121", 9},
	{"211200", 46}, {"211201", 18}, {"211210", 17}, {"211211", 7}, {"211220", 8}, {"211221", 2},
	{"212001", 53}, {"212011", 24}, {"212021", 14},
	{"212101", 24}, {"212111", 12}, {"212121", 5},
	{"212201", 10}, {"212211", 3}, {"212221", 1},
};

/* Effective metric values as severity steps (0 = most severe). */
typedef struct Cvss4Levels
{
	int8		av, ac, at, pr, ui;
	int8		vc, vi, va;
	int8		sc, si, sa;		/* SC: H=1, L=2, N=3; SI, SA: S=0, H=1, L=2, N=3 */
	int8		e;
	int8		cr, ir, ar;
} Cvss4Levels;

/*
 * The highest severity vectors of each equivalence set (max_composed.js),
 * as steps: AV, PR, UI for EQ1; AC, AT for EQ2; VC, VI, VA, CR, IR, AR for
 * EQ3 and EQ6 together; SC, SI, SA for EQ4.  EQ5 (E) plays no part in the
 * distance.
 */
typedef struct MaxList
{
	int			n;
	int8		v[5][6];
} MaxList;

static const MaxList eq1_max[3] = {
	{1, {{0, 0, 0}}},			/* AV:N/PR:N/UI:N */
	{3, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, /* AV:A/PR:N/UI:N, AV:N/PR:L/UI:N,
											 * AV:N/PR:N/UI:P */
	{2, {{3, 0, 0}, {1, 1, 1}}},	/* AV:P/PR:N/UI:N, AV:A/PR:L/UI:P */
};

static const MaxList eq2_max[2] = {
	{1, {{0, 0}}},				/* AC:L/AT:N */
	{2, {{1, 0}, {0, 1}}},		/* AC:H/AT:N, AC:L/AT:P */
};

/* [EQ3][EQ6] */
static const MaxList eq3eq6_max[3][2] = {
	{
		{1, {{0, 0, 0, 0, 0, 0}}},	/* VC:H/VI:H/VA:H/CR:H/IR:H/AR:H */
		{2, {{0, 0, 1, 1, 1, 0},	/* VC:H/VI:H/VA:L/CR:M/IR:M/AR:H */
			 {0, 0, 0, 1, 1, 1}}},	/* VC:H/VI:H/VA:H/CR:M/IR:M/AR:M */
	},
	{
		{2, {{1, 0, 0, 0, 0, 0},	/* VC:L/VI:H/VA:H/CR:H/IR:H/AR:H */
			 {0, 1, 0, 0, 0, 0}}},	/* VC:H/VI:L/VA:H/CR:H/IR:H/AR:H */
		{5, {{1, 0, 1, 0, 1, 0},	/* VC:L/VI:H/VA:L/CR:H/IR:M/AR:H */
			 {1, 0, 0, 0, 1, 1},	/* VC:L/VI:H/VA:H/CR:H/IR:M/AR:M */
			 {0, 1, 0, 1, 0, 1},	/* VC:H/VI:L/VA:H/CR:M/IR:H/AR:M */
			 {0, 1, 1, 1, 0, 0},	/* VC:H/VI:L/VA:L/CR:M/IR:H/AR:H */
			 {1, 1, 0, 0, 0, 1}}},	/* VC:L/VI:L/VA:H/CR:H/IR:H/AR:M */
	},
	{
		{0, {{0}}},				/* does not exist */
		{1, {{1, 1, 1, 0, 0, 0}}},	/* VC:L/VI:L/VA:L/CR:H/IR:H/AR:H */
	},
};

static const MaxList eq4_max[3] = {
	{1, {{1, 0, 0}}},			/* SC:H/SI:S/SA:S */
	{1, {{1, 1, 1}}},			/* SC:H/SI:H/SA:H */
	{1, {{2, 2, 2}}},			/* SC:L/SI:L/SA:L */
};

/* The depth of each equivalence set in steps (max_severity.js). */
static const int eq1_depth[3] = {1, 4, 5};
static const int eq2_depth[2] = {1, 2};
static const int eq3eq6_depth[3][2] = {{7, 6}, {8, 8}, {0, 10}};
static const int eq4_depth[3] = {6, 5, 4};

/* 840 is a multiple of every depth, so that distance / depth is exact. */
#define DEPTH_LCM 840

/* Macro vector scores indexed by macro_index(), -1 where none exists. */
static int8 macro_table[3 * 2 * 3 * 3 * 3 * 2];
static bool macro_table_ready = false;

static inline int
macro_index(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6)
{
	return ((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6;
}

/* Index the lookup table once per backend. */
static void
macro_table_init(void)
{
	memset(macro_table, -1, sizeof(macro_table));
	for (int i = 0; i < (int) lengthof(macro_scores); i++)
	{
		const char *m = macro_scores[i].macro;

		macro_table[macro_index(m[0] - '0', m[1] - '0', m[2] - '0',
								m[3] - '0', m[4] - '0', m[5] - '0')] =
			macro_scores[i].score;
	}
	macro_table_ready = true;
}

/* The score of a macro vector in tenths, or -1 if it does not exist. */
static int
macro_score(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6)
{
	if (eq1 > 2 || eq2 > 1 || eq3 > 2 || eq4 > 2 || eq5 > 2 || eq6 > 1)
		return -1;
	return macro_table[macro_index(eq1, eq2, eq3, eq4, eq5, eq6)];
}

/* A base metric's code, or its modified metric's where that is defined. */
static inline int8
effective(const CvssVector *vec, int base, int modified)
{
	int			code = vec->value[modified];

	return code == CVSS_NOT_DEFINED ? vec->value[base] : code - 1;
}

/*
 * The values that score a vector: modified metrics replace base metrics
 * where defined; E, CR, IR and AR that are X count as their most severe
 * value (A, H), as the specification says.
 */
static void
cvss4_levels(const CvssVector *vec, Cvss4Levels *l)
{
	l->av = effective(vec, C4_AV, C4_MAV);
	l->ac = effective(vec, C4_AC, C4_MAC);
	l->at = effective(vec, C4_AT, C4_MAT);
	l->pr = effective(vec, C4_PR, C4_MPR);
	l->ui = effective(vec, C4_UI, C4_MUI);
	l->vc = effective(vec, C4_VC, C4_MVC);
	l->vi = effective(vec, C4_VI, C4_MVI);
	l->va = effective(vec, C4_VA, C4_MVA);
	l->sc = effective(vec, C4_SC, C4_MSC) + 1;
	/* MSI and MSA add Safety (S) before H: "SHLN" against SI's "HLN" */
	l->si = vec->value[C4_MSI] != CVSS_NOT_DEFINED ? vec->value[C4_MSI] - 1 : vec->value[C4_SI] + 1;
	l->sa = vec->value[C4_MSA] != CVSS_NOT_DEFINED ? vec->value[C4_MSA] - 1 : vec->value[C4_SA] + 1;
	l->e = Max(vec->value[C4_E] - 1, 0);
	l->cr = Max(vec->value[C4_CR] - 1, 0);
	l->ir = Max(vec->value[C4_IR] - 1, 0);
	l->ar = Max(vec->value[C4_AR] - 1, 0);
}

/* Levels that name values: H of VC, VI, VA; H and N of SC, SI, SA; S. */
#define V_HIGH	0
#define V_NONE	2
#define S_SAFETY 0
#define S_HIGH	1
#define S_NONE	3

/* The macro vector: the level of each equivalence set EQ1 to EQ6. */
static void
cvss4_macro(const Cvss4Levels *l, int eq[6])
{
	/* EQ1: 0 AV:N and PR:N and UI:N; 1 one of them N and not AV:P; 2 else */
	if (l->av == 0 && l->pr == 0 && l->ui == 0)
		eq[0] = 0;
	else if ((l->av == 0 || l->pr == 0 || l->ui == 0) && l->av != 3)
		eq[0] = 1;
	else
		eq[0] = 2;

	/* EQ2: 0 AC:L and AT:N; 1 else */
	eq[1] = (l->ac == 0 && l->at == 0) ? 0 : 1;

	/* EQ3: 0 VC:H and VI:H; 1 one of VC, VI, VA H; 2 else */
	if (l->vc == V_HIGH && l->vi == V_HIGH)
		eq[2] = 0;
	else if (l->vc == V_HIGH || l->vi == V_HIGH || l->va == V_HIGH)
		eq[2] = 1;
	else
		eq[2] = 2;

	/* EQ4: 0 MSI:S or MSA:S; 1 one of SC, SI, SA H; 2 else */
	if (l->si == S_SAFETY || l->sa == S_SAFETY)
		eq[3] = 0;
	else if (l->sc == S_HIGH || l->si == S_HIGH || l->sa == S_HIGH)
		eq[3] = 1;
	else
		eq[3] = 2;

	/* EQ5: E:A 0, E:P 1, E:U 2 */
	eq[4] = l->e;

	/* EQ6: 0 a high requirement meets a high impact (CR:H and VC:H, ...) */
	eq[5] = ((l->cr == 0 && l->vc == V_HIGH) ||
			 (l->ir == 0 && l->vi == V_HIGH) ||
			 (l->ar == 0 && l->va == V_HIGH)) ? 0 : 1;
}

/*
 * The first highest vector of a list that the scored values do not exceed
 * in severity (no negative distance), or -1.
 */
static int
first_dominating(const MaxList *list, const int8 *cur, int nmetrics)
{
	for (int i = 0; i < list->n; i++)
	{
		bool		ok = true;

		for (int k = 0; k < nmetrics; k++)
			if (cur[k] < list->v[i][k])
				ok = false;
		if (ok)
			return i;
	}
	return -1;
}

/* Sum of the distances of the scored values from a highest vector. */
static int
distance(const int8 *max, const int8 *cur, int nmetrics)
{
	int			d = 0;

	for (int k = 0; k < nmetrics; k++)
		d += cur[k] - max[k];
	return d;
}

/*
 * The score of a v4.0 vector in tenths: the macro vector's score, lowered by
 * the mean, over the equivalence sets that have a lower macro vector, of the
 * score difference to that macro vector times the vector's severity distance
 * from the set's highest vector divided by the set's depth; rounded half up.
 */
int
cvss4_score(const CvssVector *vec)
{
	Cvss4Levels l;
	int			eq[6];
	int			value;
	int			lower[5];
	int			dist[5];
	int			depth[5];
	int			n = 0;
	int64		sum = 0;
	int64		den;
	int64		num;
	int8		cur1[3], cur2[2], cur36[6], cur4[3];
	const MaxList *m1, *m2, *m36, *m4;
	int			i1, i2, i36, i4;

	if (!macro_table_ready)
		macro_table_init();

	cvss4_levels(vec, &l);

	/* no impact on either system scores 0 */
	if (l.vc == V_NONE && l.vi == V_NONE && l.va == V_NONE &&
		l.sc == S_NONE && l.si == S_NONE && l.sa == S_NONE)
		return 0;

	cvss4_macro(&l, eq);
	value = macro_score(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]);
	if (value < 0)
		elog(ERROR, "CVSS v4.0 macro vector %d%d%d%d%d%d has no score",
			 eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]);

	/* the next lower macro vector of each set, -1 where there is none */
	lower[0] = macro_score(eq[0] + 1, eq[1], eq[2], eq[3], eq[4], eq[5]);
	lower[1] = macro_score(eq[0], eq[1] + 1, eq[2], eq[3], eq[4], eq[5]);
	if (eq[2] == 0 && eq[5] == 0)
		/* two ways down (00 -> 01, 00 -> 10): the higher-scoring one */
		lower[2] = Max(macro_score(eq[0], eq[1], eq[2], eq[3], eq[4], 1),
					   macro_score(eq[0], eq[1], 1, eq[3], eq[4], eq[5]));
	else if (eq[2] == 1 && eq[5] == 0)
		lower[2] = macro_score(eq[0], eq[1], eq[2], eq[3], eq[4], 1);	/* 10 -> 11 */
	else
		lower[2] = macro_score(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]);	/* 01 -> 11,
																				 * 11 -> 21,
																				 * 21 -> none */
	lower[3] = macro_score(eq[0], eq[1], eq[2], eq[3] + 1, eq[4], eq[5]);
	lower[4] = macro_score(eq[0], eq[1], eq[2], eq[3], eq[4] + 1, eq[5]);

	/*
	 * The highest vector to measure from: the calculator takes the first
	 * combination, in the order of max_composed.js, that the vector does not
	 * exceed; as the sets are independent, that is the first fitting entry
	 * of each set.  Where a set has none, the calculator's loop ends on the
	 * last combination, and so does this.
	 */
	cur1[0] = l.av;
	cur1[1] = l.pr;
	cur1[2] = l.ui;
	cur2[0] = l.ac;
	cur2[1] = l.at;
	cur36[0] = l.vc;
	cur36[1] = l.vi;
	cur36[2] = l.va;
	cur36[3] = l.cr;
	cur36[4] = l.ir;
	cur36[5] = l.ar;
	cur4[0] = l.sc;
	cur4[1] = l.si;
	cur4[2] = l.sa;
	m1 = &eq1_max[eq[0]];
	m2 = &eq2_max[eq[1]];
	m36 = &eq3eq6_max[eq[2]][eq[5]];
	m4 = &eq4_max[eq[3]];
	i1 = first_dominating(m1, cur1, 3);
	i2 = first_dominating(m2, cur2, 2);
	i36 = first_dominating(m36, cur36, 6);
	i4 = first_dominating(m4, cur4, 3);
	if (i1 < 0 || i2 < 0 || i36 < 0 || i4 < 0)
	{
		i1 = m1->n - 1;
		i2 = m2->n - 1;
		i36 = m36->n - 1;
		i4 = m4->n - 1;
	}
	dist[0] = distance(m1->v[i1], cur1, 3);
	dist[1] = distance(m2->v[i2], cur2, 2);
	dist[2] = distance(m36->v[i36], cur36, 6);
	dist[3] = distance(m4->v[i4], cur4, 3);
	dist[4] = 0;				/* EQ5 moves nothing within its set */
	depth[0] = eq1_depth[eq[0]];
	depth[1] = eq2_depth[eq[1]];
	depth[2] = eq3eq6_depth[eq[2]][eq[5]];
	depth[3] = eq4_depth[eq[3]];
	depth[4] = 1;

	/* sum, in 1/840 of a tenth, of (value - lower) * distance / depth */
	for (int k = 0; k < 5; k++)
	{
		if (lower[k] < 0)
			continue;
		n++;
		sum += (int64) (value - lower[k]) * dist[k] * (DEPTH_LCM / depth[k]);
	}
	if (n == 0)
		return value;

	/* value - sum / (840 n), rounded half up to a tenth, within 0 to 10 */
	den = (int64) DEPTH_LCM * n;
	num = (int64) value * den - sum;
	if (num <= 0)
		return 0;
	return (int) Min((2 * num + den) / (2 * den), 100);
}

/*
 * The exploitability distance of a vector: the steps of AV, AC, AT, PR and
 * UI (modified where defined) from their most severe values, 0 to 9.
 */
int
cvss4_exploitability_distance(const CvssVector *vec)
{
	Cvss4Levels l;

	cvss4_levels(vec, &l);
	return l.av + l.ac + l.at + l.pr + l.ui;
}

/*
 * The impact class of a vector, 0 to 4, from the equivalence sets EQ3 and
 * EQ4 of the impact metrics (modified where defined):
 *	4  VC:H and VI:H, or MSI:S or MSA:S (EQ3 = 0 or EQ4 = 0)
 *	3  VC:H, VI:H or VA:H (EQ3 = 1)
 *	2  SC:H, SI:H or SA:H (EQ4 = 1)
 *	1  some impact, all of it Low
 *	0  no impact
 */
int
cvss4_impact_class(const CvssVector *vec)
{
	Cvss4Levels l;

	cvss4_levels(vec, &l);
	if ((l.vc == V_HIGH && l.vi == V_HIGH) || l.si == S_SAFETY || l.sa == S_SAFETY)
		return 4;
	if (l.vc == V_HIGH || l.vi == V_HIGH || l.va == V_HIGH)
		return 3;
	if (l.sc == S_HIGH || l.si == S_HIGH || l.sa == S_HIGH)
		return 2;
	if (l.vc == V_NONE && l.vi == V_NONE && l.va == V_NONE &&
		l.sc == S_NONE && l.si == S_NONE && l.sa == S_NONE)
		return 0;
	return 1;
}
