/*
 * fair.h
 *	  The seeded random number generator and the distributions behind the
 *	  FAIR Monte Carlo simulation (random.c, fair.c).
 *
 * The generator is xoshiro256** 1.0 (David Blackman and Sebastiano Vigna,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021;
 * reference description at prng.di.unimi.it), seeded through splitmix64
 * (Guy Steele, Doug Lea and Christine Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), as its authors recommend.  Both are
 * written here from their published definitions.  The hot paths are inline
 * so that the simulation loop in fair.c compiles to straight-line code.
 */
#ifndef ISMS_FAIR_H
#define ISMS_FAIR_H

#include "postgres.h"

#include <math.h>

/* The generator's state: 256 bits, never all zero. */
typedef struct FairRng
{
	uint64		s[4];
} FairRng;

/* Number of layers of the normal ziggurat (random.c). */
#define FAIR_ZIG_LAYERS 128

/* Ziggurat tables: x[i] the right edge of layer i, ratio[i] = x[i+1]/x[i] */
extern double fair_zig_x[FAIR_ZIG_LAYERS + 1];
extern double fair_zig_ratio[FAIR_ZIG_LAYERS];

/* random.c */
extern uint64 fair_splitmix64(uint64 *x);
extern void fair_rng_seed(FairRng *rng, uint64 seed);
extern uint64 fair_risk_seed(int64 seed, int64 risk_id);
extern double fair_normal_slow(FairRng *rng, int layer, double u);
extern double fair_gamma(FairRng *rng, double shape);
extern int64 fair_poisson_ptrs(FairRng *rng, double mean);

/* The 64 bits left-rotated by k. */
static inline uint64
fair_rotl(uint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256**: the next 64 random bits. */
static inline uint64
fair_next(FairRng *rng)
{
	uint64	   *s = rng->s;
	uint64		result = fair_rotl(s[1] * 5, 7) * 9;
	uint64		t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = fair_rotl(s[3], 45);
	return result;
}

/* A uniform double in [0, 1): the top 53 bits. */
static inline double
fair_uniform(FairRng *rng)
{
	return (double) (fair_next(rng) >> 11) * 0x1.0p-53;
}

/* A uniform double in (0, 1], safe to take the logarithm of. */
static inline double
fair_uniform_pos(FairRng *rng)
{
	return ((double) (fair_next(rng) >> 11) + 1.0) * 0x1.0p-53;
}

/*
 * A standard normal variate: the ziggurat method of Marsaglia and Tsang
 * (J. Stat. Software 5(8), 2000) in Doornik's form (ZIGNOR, 2005), one
 * 64-bit draw per attempt: the low 7 bits choose the layer, the top 53 the
 * position.  About 98.8% of draws end in the first test.
 */
static inline double
fair_normal(FairRng *rng)
{
	uint64		bits = fair_next(rng);
	int			layer = (int) (bits & (FAIR_ZIG_LAYERS - 1));
	double		u = (double) (bits >> 11) * 0x1.0p-52 - 1.0;

	if (fabs(u) < fair_zig_ratio[layer])
		return u * fair_zig_x[layer];
	return fair_normal_slow(rng, layer, u);
}

/*
 * A Poisson variate of the given mean: inversion by sequential search from
 * zero for small means, Hormann's PTRS (transformed rejection) from 10 on.
 */
static inline int64
fair_poisson(FairRng *rng, double mean)
{
	double		u,
				p,
				cdf;
	int64		k = 0;

	if (mean >= 10.0)
		return fair_poisson_ptrs(rng, mean);
	if (mean <= 0.0)
		return 0;
	u = fair_uniform(rng);
	p = exp(-mean);
	cdf = p;
	/* the bound only guards against rounding leaving cdf just below u */
	while (u > cdf && k < 1000)
	{
		k++;
		p *= mean / (double) k;
		cdf += p;
	}
	return k;
}

/* A Beta(alpha, beta) variate, as the ratio of two gamma variates. */
static inline double
fair_beta(FairRng *rng, double alpha, double beta)
{
	double		x = fair_gamma(rng, alpha);
	double		y = fair_gamma(rng, beta);

	return x / (x + y);
}

#endif							/* ISMS_FAIR_H */
