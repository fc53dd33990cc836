#!/usr/bin/python3
"""Issue: isms.cvss_score over 1,000,000 stored CVSS v3.1 vectors and
1,000,000 v4.0 vectors, against sum(length(vector)) over the same rows in the
same run: ratio at most 3 (v3.1) and 5 (v4.0).  One process (no parallel
workers, no JIT), best of 3 runs of each query, interleaved, timed at the
client.  Prints the times, the vectors per second and the ratios.

The vectors are random but fixed (setseed): v3.1 base vectors, a quarter with
temporal metrics; v4.0 base vectors, a quarter with E, a tenth with
environmental metrics."""
import os
import time

import psycopg2

ROWS = int(os.environ.get("ISMS_BENCH_ROWS", "1000000"))


def pick(values):
    """SQL for one random value of a list, as a metric value."""
    arr = ",".join(f"'{v}'" for v in values)
    return f"(ARRAY[{arr}])[1 + floor(random() * {len(values)})::int]"


def metrics(spec):
    return " || ".join(f"'/{name}:' || {pick(values)}" for name, values in spec)


V31_BASE = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"),
            ("C", "NLH"), ("I", "NLH"), ("A", "NLH")]
V31_TEMPORAL = [("E", "XUPFH"), ("RL", "XOTWU"), ("RC", "XURC")]
V40_BASE = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"),
            ("VC", "HLN"), ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"),
            ("SA", "HLN")]
V40_ENV = [("CR", "XHML"), ("MAV", "XNALP"), ("MSI", "XSHLN")]

conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute("SELECT setseed(0.42)")
cur.execute(f"""
CREATE TABLE bench_cvss31 AS
SELECT 'CVSS:3.1' || {metrics(V31_BASE)}
	   || CASE WHEN random() < 0.25 THEN {metrics(V31_TEMPORAL)} ELSE '' END AS vector
  FROM generate_series(1, {ROWS})""")
cur.execute(f"""
CREATE TABLE bench_cvss40 AS
SELECT 'CVSS:4.0' || {metrics(V40_BASE)}
	   || CASE WHEN random() < 0.25 THEN '/E:' || {pick("XAPU")} ELSE '' END
	   || CASE WHEN random() < 0.10 THEN {metrics(V40_ENV)} ELSE '' END AS vector
  FROM generate_series(1, {ROWS})""")
cur.execute("VACUUM ANALYZE bench_cvss31, bench_cvss40")
cur.execute("SET max_parallel_workers_per_gather = 0")
cur.execute("SET jit = off")


def timed(sql):
    t0 = time.perf_counter()
    cur.execute(sql)
    cur.fetchall()
    return time.perf_counter() - t0


for table, version, target in (("bench_cvss31", "v3.1", 3), ("bench_cvss40", "v4.0", 5)):
    score_sql = f"SELECT sum(isms.cvss_score(vector)) FROM {table}"
    length_sql = f"SELECT sum(length(vector)) FROM {table}"
    timed(length_sql)                       # warm the cache
    score, length = float("inf"), float("inf")
    for _ in range(3):
        score = min(score, timed(score_sql))
        length = min(length, timed(length_sql))
    ratio = score / length
    print(f"{version}: {ROWS} vectors: sum(cvss_score) {score * 1000:.1f} ms "
          f"({ROWS / score / 1e6:.2f} M vectors/s), sum(length) {length * 1000:.1f} ms, "
          f"ratio {ratio:.2f} (target <= {target}){'' if ratio <= target else ' MISSED'}")

cur.execute("DROP TABLE bench_cvss31, bench_cvss40")
