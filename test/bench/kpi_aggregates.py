#!/usr/bin/python3
"""The C aggregates on one server, one process (no parallel workers):
isms.level_counts over 5,000,000 risk levels, isms.duration_stats over
2,000,000 intervals, isms.fair_portfolio over 200 risks of 10,000 simulated
years, isms.heatmap over 5,000,000 rows grouped by 1,000 keys (a state per
group).  Best of 3 runs of each query, timed at the client.  Prints the md5 of
each result, so that two builds can be compared for identical results."""
import hashlib
import os
import time

import psycopg2

ROWS = int(os.environ.get("ISMS_BENCH_ROWS", "5000000"))
conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute(f"""
CREATE TABLE bench_aggs AS
SELECT g % 1000 AS k,
	   (1 + (g * 7) % 5)::isms.likelihood AS l, (1 + (g * 13) % 5)::isms.impact AS i,
	   (1 + (g * 11) % 5)::isms.risk_level AS r,
	   CASE WHEN g <= {ROWS * 2 // 5} THEN make_interval(secs => (g::bigint * 7919) % 100003) END AS d
  FROM generate_series(1, {ROWS}) g""")
cur.execute("""
CREATE TABLE bench_portfolio AS
SELECT g AS id, jsonb_build_object('lef', 1 + g % 4,
	   'lm', jsonb_build_object('lognormal', jsonb_build_array(1000 * g, 100000 * g))) AS model
  FROM generate_series(1, 200) g""")
cur.execute("VACUUM ANALYZE bench_aggs")
cur.execute("VACUUM ANALYZE bench_portfolio")
cur.execute("SET max_parallel_workers_per_gather = 0")
cur.execute("SELECT count(*) FROM bench_aggs")

QUERIES = {
    "level_counts": "SELECT isms.level_counts(r) FROM bench_aggs",
    "duration_stats": "SELECT isms.duration_stats(d) FROM bench_aggs",
    "heatmap_grouped": "SELECT k, isms.heatmap(l, i) FROM bench_aggs GROUP BY k ORDER BY k",
    "fair_portfolio": "SELECT isms.fair_portfolio(model, id, 10000, 42) FROM bench_portfolio",
}


def best(sql):
    t = float("inf")
    digest = None
    for _ in range(3):
        t0 = time.perf_counter()
        cur.execute(sql)
        rows = cur.fetchall()
        t = min(t, time.perf_counter() - t0)
        digest = hashlib.md5(repr(rows).encode()).hexdigest()
    return t, digest


for name, sql in QUERIES.items():
    t, digest = best(sql)
    print(f"{name}: {t * 1000:.1f} ms (result md5 {digest})")
cur.execute("DROP TABLE bench_aggs, bench_portfolio")
