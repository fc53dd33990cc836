/*
 * cvss3.c
 *	  CVSS v3.0 and v3.1 scoring: base, temporal and environmental scores.
 *
 * Source: FIRST, "Common Vulnerability Scoring System v3.1: Specification
 * Document", sections 7.1 to 7.3 (formulas), 7.4 (weights) and
 * Appendix A (Roundup); "CVSS v3.0: Specification Document", section 8.3
 * (the v3.0 Modified Impact formula).
 *
 * The two versions differ in one formula: the environmental Modified Impact
 * with Modified Scope Changed.  Both define Roundup the same way ("the
 * smallest number, specified to one decimal place, that is equal to or
 * higher than its input"); v3.1 Appendix A says how to compute it without
 * floating-point error, and it is used for both versions.  For every
 * combination of weights the formulas can produce, this gives the exactly
 * rounded result: no exact value lies within 0.00002 above a multiple of
 * 0.1, far outside the 0.000005 that Appendix A absorbs (checked
 * exhaustively against exact rational arithmetic when this was written).
 */
#include "postgres.h"

#include <math.h>

#include "cvss.h"

/* Positions of the metrics in the table below (and in CvssVector.value). */
enum
{
	C3_AV, C3_AC, C3_PR, C3_UI, C3_S, C3_C, C3_I, C3_A,
	C3_E, C3_RL, C3_RC,
	C3_CR, C3_IR, C3_AR, C3_MAV, C3_MAC, C3_MPR, C3_MUI, C3_MS, C3_MC, C3_MI, C3_MA,
	C3_COUNT
};

/*
 * The metrics in the specification's preferred order (section 6).  A
 * modified metric lists the values of its base metric after "X", so that
 * its code minus one is the base metric's code.
 */
static const CvssMetric cvss3_metrics[C3_COUNT] = {
	{"AV", "NALP", NULL, true},
	{"AC", "LH", NULL, true},
	{"PR", "NLH", NULL, true},
	{"UI", "NR", NULL, true},
	{"S", "UC", NULL, true},
	{"C", "NLH", NULL, true},
	{"I", "NLH", NULL, true},
	{"A", "NLH", NULL, true},
	{"E", "XUPFH", NULL, false},
	{"RL", "XOTWU", NULL, false},
	{"RC", "XURC", NULL, false},
	{"CR", "XLMH", NULL, false},
	{"IR", "XLMH", NULL, false},
	{"AR", "XLMH", NULL, false},
	{"MAV", "XNALP", NULL, false},
	{"MAC", "XLH", NULL, false},
	{"MPR", "XNLH", NULL, false},
	{"MUI", "XNR", NULL, false},
	{"MS", "XUC", NULL, false},
	{"MC", "XNLH", NULL, false},
	{"MI", "XNLH", NULL, false},
	{"MA", "XNLH", NULL, false},
};

const CvssVersionSpec cvss30_spec = {"CVSS:3.0", "3.0", C3_COUNT, cvss3_metrics};
const CvssVersionSpec cvss31_spec = {"CVSS:3.1", "3.1", C3_COUNT, cvss3_metrics};

/* Weights (specification section 7.4), indexed by value code. */
static const double w_av[] = {0.85, 0.62, 0.55, 0.2};
static const double w_ac[] = {0.77, 0.44};
static const double w_pr_unchanged[] = {0.85, 0.62, 0.27};
static const double w_pr_changed[] = {0.85, 0.68, 0.5};
static const double w_ui[] = {0.85, 0.62};
static const double w_cia[] = {0, 0.22, 0.56};
static const double w_e[] = {1, 0.91, 0.94, 0.97, 1};
static const double w_rl[] = {1, 0.95, 0.96, 0.97, 1};
static const double w_rc[] = {1, 0.92, 0.96, 1};
static const double w_req[] = {1, 0.5, 1, 1.5};

#define SCOPE_CHANGED 1

/*
 * Roundup, as v3.1 Appendix A computes it, returning tenths: round to five
 * decimals first, so that a floating-point error just above a multiple of
 * 0.1 does not push the result one tenth up.
 */
static int
cvss3_roundup(double x)
{
	int64		i = (int64) llround(x * 100000.0);

	if (i % 10000 == 0)
		return (int) (i / 10000);
	return (int) (i / 10000 + 1);
}

/* The code of a modified metric, or of its base metric where it is X. */
static inline int
effective(const CvssVector *vec, int modified, int base)
{
	int			code = vec->value[modified];

	return code == CVSS_NOT_DEFINED ? vec->value[base] : code - 1;
}

/* 8.22 x AV x AC x PR x UI, with PR weighed by the scope in effect. */
static double
exploitability(int av, int ac, int pr, int ui, int scope)
{
	const double *w_pr = scope == SCOPE_CHANGED ? w_pr_changed : w_pr_unchanged;

	return 8.22 * w_av[av] * w_ac[ac] * w_pr[pr] * w_ui[ui];
}

/* The base Impact sub-score (section 7.1), the same in v3.0 and v3.1. */
static double
base_impact(const CvssVector *vec)
{
	double		iss = 1 - (1 - w_cia[vec->value[C3_C]]) *
		(1 - w_cia[vec->value[C3_I]]) *
		(1 - w_cia[vec->value[C3_A]]);

	if (vec->value[C3_S] == SCOPE_CHANGED)
		return 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15);
	return 6.42 * iss;
}

/* Base score: Roundup(Minimum[(Impact + Exploitability) (x 1.08), 10]). */
int
cvss3_base_score(const CvssVector *vec)
{
	int			scope = vec->value[C3_S];
	double		impact = base_impact(vec);
	double		expl = exploitability(vec->value[C3_AV], vec->value[C3_AC],
									  vec->value[C3_PR], vec->value[C3_UI], scope);

	if (impact <= 0)
		return 0;
	if (scope == SCOPE_CHANGED)
		return cvss3_roundup(Min(1.08 * (impact + expl), 10));
	return cvss3_roundup(Min(impact + expl, 10));
}

/* The scope in effect for the environmental score: MS, or S where MS is X. */
static int
modified_scope(const CvssVector *vec)
{
	return effective(vec, C3_MS, C3_S);
}

/*
 * The environmental sub-scores: Modified Exploitability, and Modified Impact
 * with v3.1's formula (or v3.0's for a v3.0 vector) where Modified Scope is
 * Changed.  Modified metrics that are X take the base metric's value, and
 * security requirements that are X weigh 1.
 */
void
cvss3_modified_subscores(const CvssVector *vec, double *expl, double *impact)
{
	int			scope = modified_scope(vec);
	double		miss;

	miss = Min(1 - (1 - w_cia[effective(vec, C3_MC, C3_C)] * w_req[vec->value[C3_CR]]) *
			   (1 - w_cia[effective(vec, C3_MI, C3_I)] * w_req[vec->value[C3_IR]]) *
			   (1 - w_cia[effective(vec, C3_MA, C3_A)] * w_req[vec->value[C3_AR]]),
			   0.915);
	if (scope != SCOPE_CHANGED)
		*impact = 6.42 * miss;
	else if (vec->version == CVSS_V3_0)
		*impact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15);
	else
		*impact = 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13);

	*expl = exploitability(effective(vec, C3_MAV, C3_AV), effective(vec, C3_MAC, C3_AC),
						   effective(vec, C3_MPR, C3_PR), effective(vec, C3_MUI, C3_UI),
						   scope);
}

/*
 * Roundup(score x E x RL x RC) for a score in tenths.  Temporal metrics that
 * are absent or X are Not Defined, which weighs 1.
 */
static int
temporal(const CvssVector *vec, int score)
{
	return cvss3_roundup(score / 10.0 * w_e[vec->value[C3_E]] *
						 w_rl[vec->value[C3_RL]] * w_rc[vec->value[C3_RC]]);
}

/* All three scores, in tenths. */
void
cvss3_scores(const CvssVector *vec, Cvss3Scores *scores)
{
	double		expl;
	double		impact;

	scores->base = cvss3_base_score(vec);
	scores->temporal = temporal(vec, scores->base);

	cvss3_modified_subscores(vec, &expl, &impact);
	if (impact <= 0)
		scores->environmental = 0;
	else if (modified_scope(vec) == SCOPE_CHANGED)
		scores->environmental = temporal(vec, cvss3_roundup(Min(1.08 * (impact + expl), 10)));
	else
		scores->environmental = temporal(vec, cvss3_roundup(Min(impact + expl, 10)));
}
