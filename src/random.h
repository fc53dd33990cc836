/*
 * random.h
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
#ifndef ISMS_RANDOM_H
#define ISMS_RANDOM_H

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

/*
 * A Gamma(shape, 1) variate for shape >= 1: Marsaglia and Tsang, "A simple
 * method for generating gamma variables" (ACM TOMS 26(3), 2000), with
 * d = shape - 1/3 and c = 1 / sqrt(9 d) precomputed by the caller.
 */
static inline double
fair_gamma_mt(FairRng *rng, double d, double c)
{
	for (;;)
	{
		double		x,
					v,
					u;

		do
		{
			x = fair_normal(rng);
			v = 1.0 + c * x;
		} while (v <= 0.0);
		v = v * v * v;
		u = fair_uniform_pos(rng);
		if (u < 1.0 - 0.0331 * (x * x) * (x * x))
			return d * v;
		if (log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
			return d * v;
	}
}

/*
 * A Beta(alpha, beta) variate for alpha, beta >= 1, as X / (X + Y) of two
 * gamma variates; d and c of each shape as for fair_gamma_mt.
 */
static inline double
fair_beta_mt(FairRng *rng, double da, double ca, double db, double cb)
{
	double		x = fair_gamma_mt(rng, da, ca);
	double		y = fair_gamma_mt(rng, db, cb);

	return x / (x + y);
}

#endif							/* ISMS_RANDOM_H */
