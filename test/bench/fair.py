#!/usr/bin/python3
"""FAIR Monte Carlo: isms.fair_simulate against the same computation in numpy.

Two models, 1,000,000 simulated years each, timed in the same run: a compound
Poisson/lognormal model and a PERT x PERT model.  numpy does the same work
vectorized: Poisson event counts, one loss magnitude per event, per-year sums
(bincount), mean, sample standard deviation, nearest-rank percentiles
(method="inverted_cdf") and the maximum.  Each side is timed as the best of
three runs.  Target: isms at most the numpy time.

Uses Debian's python3-numpy and python3-psycopg2 (/usr/bin/python3).
"""
import json
import math
import sys
import time

import numpy as np
import psycopg2

N = 1_000_000
Z95 = 1.6448536269514722
RUNS = 3

MODELS = {
    "compound Poisson/lognormal": {"lef": 3, "lm": {"lognormal": [10000, 1000000]}},
    "PERT x PERT": {"lef": {"pert": [0.5, 2, 6]}, "lm": {"pert": [10000, 50000, 500000]}},
}


def pert(rng, lo, mode, hi, size, gamma=4.0):
    a = 1 + gamma * (mode - lo) / (hi - lo)
    b = 1 + gamma * (hi - mode) / (hi - lo)
    return lo + (hi - lo) * rng.beta(a, b, size)


def draw(rng, node, size):
    if isinstance(node, (int, float)):
        return np.full(size, float(node))
    if "lognormal" in node:
        lo, hi = node["lognormal"]
        mu = (math.log(lo) + math.log(hi)) / 2
        sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
        return rng.lognormal(mu, sigma, size)
    if "pert" in node:
        return pert(rng, *node["pert"], size)
    raise ValueError(node)


def numpy_simulate(model, n, seed):
    rng = np.random.default_rng(seed)
    lef = model["lef"]
    if isinstance(lef, (int, float)):
        events = rng.poisson(lef, n)
    else:
        events = rng.poisson(draw(rng, lef, n))
    magnitudes = draw(rng, model["lm"], int(events.sum()))
    years = np.repeat(np.arange(n), events)
    loss = np.bincount(years, weights=magnitudes, minlength=n)
    pct = np.percentile(loss, [10, 50, 90, 95, 99], method="inverted_cdf")
    return loss.mean(), loss.std(ddof=1), pct, loss.max()


def best(fn):
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main():
    conn = psycopg2.connect("")
    cur = conn.cursor()
    print(f"FAIR simulation, {N:,} iterations, best of {RUNS} (numpy {np.__version__})")
    worst = 0.0
    for name, model in MODELS.items():
        doc = json.dumps(model)

        def run_isms():
            cur.execute("SELECT (r).mean, (r).p99 FROM isms.fair_simulate(%s::jsonb, %s, 1) r",
                        (doc, N))
            return cur.fetchone()

        t_isms, (mean_isms, p99_isms) = best(run_isms)
        t_np, (mean_np, _, pct_np, _) = best(lambda: numpy_simulate(model, N, 1))
        ratio = t_isms / t_np
        worst = max(worst, ratio)
        print(f"  {name}: isms.fair_simulate {t_isms * 1000:.1f} ms, numpy {t_np * 1000:.1f} ms,"
              f" ratio {ratio:.2f} (mean {mean_isms:,.0f} vs {mean_np:,.0f},"
              f" p99 {p99_isms:,.0f} vs {pct_np[4]:,.0f})")
    conn.close()
    status = "ok" if worst <= 1.0 else "SLOWER THAN NUMPY"
    print(f"  target: isms at most the numpy time: {status}")


if __name__ == "__main__":
    sys.exit(main())
