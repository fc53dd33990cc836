/*
 * random.c
 *	  The seeded generator (xoshiro256** seeded by splitmix64) and the
 *	  slower parts of the distributions used by the FAIR simulation: the
 *	  ziggurat tables and tail, and Poisson variates of large mean.  See
 *	  random.h for the sources of each method.
 *
 * Everything here is deterministic: the same seed gives the same stream on
 * every run and every platform with IEEE doubles and a C99 libm.
 */
#include "postgres.h"

#include <math.h>

#include "random.h"

/* Marsaglia and Tsang's constants for 128 layers: the base layer's right
 * edge r and the common area v of every layer. */
#define ZIG_R	3.442619855899
#define ZIG_V	9.91256303526217e-3

double		fair_zig_x[FAIR_ZIG_LAYERS + 1];
double		fair_zig_ratio[FAIR_ZIG_LAYERS];
static bool fair_zig_ready = false;

/*
 * Build the ziggurat: layer 0 is the base (a rectangle of area v standing
 * in for the base strip plus the tail), x[1] = r, and each next edge is
 * where the layer above has area v.  Computed once per backend.
 */
static void
fair_zig_init(void)
{
	double		f = exp(-0.5 * ZIG_R * ZIG_R);

	fair_zig_x[0] = ZIG_V / f;
	fair_zig_x[1] = ZIG_R;
	for (int i = 2; i < FAIR_ZIG_LAYERS; i++)
	{
		fair_zig_x[i] = sqrt(-2.0 * log(ZIG_V / fair_zig_x[i - 1] + f));
		f = exp(-0.5 * fair_zig_x[i] * fair_zig_x[i]);
	}
	fair_zig_x[FAIR_ZIG_LAYERS] = 0.0;
	for (int i = 0; i < FAIR_ZIG_LAYERS; i++)
		fair_zig_ratio[i] = fair_zig_x[i + 1] / fair_zig_x[i];
	fair_zig_ready = true;
}

/* splitmix64: advance *x and return the next output. */
uint64
fair_splitmix64(uint64 *x)
{
	uint64		z = (*x += UINT64CONST(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Seed the generator: four splitmix64 outputs from the seed. */
void
fair_rng_seed(FairRng *rng, uint64 seed)
{
	uint64		x = seed;

	if (!fair_zig_ready)
		fair_zig_init();
	for (int i = 0; i < 4; i++)
		rng->s[i] = fair_splitmix64(&x);
	/* splitmix64 is a bijection of its counter: never four zeros, but be sure */
	if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
		rng->s[0] = 1;
}

/*
 * The seed of one risk of a portfolio: the portfolio's seed mixed with the
 * risk's id through splitmix64, so that a risk draws the same years
 * wherever its row lands in a scan.
 */
uint64
fair_risk_seed(int64 seed, int64 risk_id)
{
	uint64		x = (uint64) risk_id;

	return (uint64) seed ^ fair_splitmix64(&x);
}

/* The normal tail beyond r (Marsaglia 1964), on the side of u's sign. */
static double
fair_normal_tail(FairRng *rng, bool negative)
{
	double		x,
				y;

	do
	{
		x = log(fair_uniform_pos(rng)) / ZIG_R;
		y = log(fair_uniform_pos(rng));
	} while (-2.0 * y < x * x);
	return negative ? x - ZIG_R : ZIG_R - x;
}

/*
 * The rest of a ziggurat draw whose first test failed: the tail for the
 * base layer, the wedge test otherwise, and new attempts until one passes.
 */
double
fair_normal_slow(FairRng *rng, int layer, double u)
{
	for (;;)
	{
		uint64		bits;
		double		x,
					f0,
					f1;

		if (layer == 0)
			return fair_normal_tail(rng, u < 0.0);
		x = u * fair_zig_x[layer];
		f0 = exp(-0.5 * (fair_zig_x[layer] * fair_zig_x[layer] - x * x));
		f1 = exp(-0.5 * (fair_zig_x[layer + 1] * fair_zig_x[layer + 1] - x * x));
		if (f1 + fair_uniform(rng) * (f0 - f1) < 1.0)
			return x;

		/* a new attempt */
		bits = fair_next(rng);
		layer = (int) (bits & (FAIR_ZIG_LAYERS - 1));
		u = (double) (bits >> 11) * 0x1.0p-52 - 1.0;
		if (fabs(u) < fair_zig_ratio[layer])
			return u * fair_zig_x[layer];
	}
}

/*
 * A Poisson variate of mean >= 10: PTRS, the transformed rejection method
 * with squeeze of W. Hormann, "The transformed rejection method for
 * generating Poisson random variables" (Insurance: Mathematics and
 * Economics 12(1), 1993).
 */
int64
fair_poisson_ptrs(FairRng *rng, double mean)
{
	double		slam = sqrt(mean);
	double		loglam = log(mean);
	double		b = 0.931 + 2.53 * slam;
	double		a = -0.059 + 0.02483 * b;
	double		invalpha = 1.1239 + 1.1328 / (b - 3.4);
	double		vr = 0.9277 - 3.6224 / (b - 2.0);

	for (;;)
	{
		double		u = fair_uniform(rng) - 0.5;
		double		v = fair_uniform(rng);
		double		us = 0.5 - fabs(u);
		double		kd;
		int64		k;

		if (us <= 0.0)
			continue;
		kd = floor((2.0 * a / us + b) * u + mean + 0.43);
		if (us >= 0.07 && v <= vr)
			return (int64) kd;
		if (kd < 0.0 || (us < 0.013 && v > us))
			continue;
		k = (int64) kd;
		if (log(v) + log(invalpha) - log(a / (us * us) + b) <=
			-mean + kd * loglam - lgamma(kd + 1.0))
			return k;
	}
}
