#!/usr/bin/python3
"""Issue: isms.heatmap(l, i) over 5,000,000 risks against
SELECT l, i, count(*) ... GROUP BY l, i on the same rows: ratio at most 0.7
with one worker; then both again with 2 parallel workers.  Best of 3 runs of
each query, interleaved, timed at the client."""
import os
import time

import psycopg2

ROWS = int(os.environ.get("ISMS_BENCH_ROWS", "5000000"))
conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute(f"""
CREATE TABLE bench_heatmap AS
SELECT (1 + (g * 7) % 5)::isms.likelihood AS l, (1 + (g * 13) % 5)::isms.impact AS i
  FROM generate_series(1, {ROWS}) g""")
cur.execute("VACUUM ANALYZE bench_heatmap")
cur.execute("SELECT count(*) FROM bench_heatmap")

QUERIES = {
    "heatmap": "SELECT isms.heatmap(l, i) FROM bench_heatmap",
    "group_by": "SELECT l, i, count(*) FROM bench_heatmap GROUP BY l, i",
}


def best(sql):
    t = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        cur.execute(sql)
        cur.fetchall()
        t = min(t, time.perf_counter() - t0)
    return t


for workers in (0, 2):
    cur.execute(f"SET max_parallel_workers_per_gather = {workers}")
    cur.execute("SET parallel_setup_cost = 0")
    cur.execute("SET parallel_tuple_cost = 0")
    cur.execute("EXPLAIN " + QUERIES["heatmap"])
    plan = " ".join(r[0] for r in cur.fetchall())
    hm, gb = best(QUERIES["heatmap"]), best(QUERIES["group_by"])
    print(f"{ROWS} rows, {'1 process' if workers == 0 else f'{workers} workers'}"
          f"{' (partial aggregate)' if 'Partial' in plan else ''}: "
          f"heatmap {hm * 1000:.1f} ms, GROUP BY {gb * 1000:.1f} ms, ratio {hm / gb:.3f}"
          f"{' (target <= 0.7)' if workers == 0 else ''}")
cur.execute("DROP TABLE bench_heatmap")
