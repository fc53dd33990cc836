/*
 * cvss.h
 *	  CVSS vectors (v3.0, v3.1, v4.0): the parsed form shared by the parser
 *	  (cvss.c) and the two scoring engines (cvss3.c, cvss4.c).
 *
 * Scores are integers in tenths (0 to 100) from the moment they are rounded;
 * only the v3 sub-scores that the likelihood and impact mappings use are
 * doubles.
 */
#ifndef ISMS_CVSS_H
#define ISMS_CVSS_H

#include "postgres.h"

/* The most metrics a vector of any supported version can carry (v4.0: 32). */
#define CVSS_MAX_METRICS	32

/* A metric not present in the vector; optional metrics become CVSS_NOT_DEFINED. */
#define CVSS_ABSENT			0xFF

/* Code of "X" (Not Defined): the first value of every optional metric. */
#define CVSS_NOT_DEFINED	0

typedef enum CvssVersion
{
	CVSS_V3_0,
	CVSS_V3_1,
	CVSS_V4_0
} CvssVersion;

/*
 * One metric of a version: its abbreviation and its values.  A value is
 * coded as its position in "values" (one letter each), or in "words" where
 * the values are words (v4.0's Provider Urgency: Clear, Green, ...).
 * Optional metrics list "X" first, so that Not Defined is code 0.
 */
typedef struct CvssMetric
{
	const char *name;
	const char *values;
	const char *const *words;	/* NULL, or as many words as "values" has letters */
	bool		mandatory;
} CvssMetric;

/* The metrics of one version, in the specification's preferred order. */
typedef struct CvssVersionSpec
{
	const char *prefix;			/* "CVSS:3.1" */
	const char *name;			/* "3.1" */
	int			nmetrics;
	const CvssMetric *metrics;
} CvssVersionSpec;

/* A parsed vector: value codes by metric position in its version's table. */
typedef struct CvssVector
{
	CvssVersion version;
	uint8		value[CVSS_MAX_METRICS];
} CvssVector;

/* Scores of a v3.x vector, in tenths. */
typedef struct Cvss3Scores
{
	int			base;
	int			temporal;
	int			environmental;
} Cvss3Scores;

/* cvss.c */
extern void cvss_parse(const char *str, int len, CvssVector *vec);

/* cvss3.c */
extern const CvssVersionSpec cvss30_spec;
extern const CvssVersionSpec cvss31_spec;
extern void cvss3_scores(const CvssVector *vec, Cvss3Scores *scores);
extern int	cvss3_base_score(const CvssVector *vec);
extern void cvss3_modified_subscores(const CvssVector *vec,
									 double *exploitability, double *impact);

/* cvss4.c */
extern const CvssVersionSpec cvss40_spec;
extern int	cvss4_score(const CvssVector *vec);
extern int	cvss4_exploitability_distance(const CvssVector *vec);
extern int	cvss4_impact_class(const CvssVector *vec);

#endif							/* ISMS_CVSS_H */
