#!/usr/bin/python3
"""isms.risk_level(l, i) over 5,000,000 rows, single worker, against:

- sum(l * i) on integer columns of the same table (the baseline: target
  ratio at most 1.5);
- a SQL CASE function doing the same lookup (the default matrix's bands on
  the score), which the planner inlines;
- a PL/pgSQL function reading the cell from isms.risk_matrix.

Each query aggregates its 5,000,000 results (sum, or isms.max for
risk_level) so that no rows travel to the client.  Times are the best of
three runs, except the PL/pgSQL function (one run: it is slow).
"""
import sys
import time

import psycopg2

ROWS = 5_000_000

SETUP = [
    "DROP TABLE IF EXISTS bench_risk_level",
    f"""CREATE TABLE bench_risk_level AS
        SELECT 1 + (g % 5) AS li, 1 + ((g / 5) % 5) AS ii,
               (1 + (g % 5))::isms.likelihood AS l, (1 + ((g / 5) % 5))::isms.impact AS i
          FROM generate_series(0, {ROWS - 1}) g""",
    "VACUUM ANALYZE bench_risk_level",
    """CREATE FUNCTION pg_temp.level_case(l isms.likelihood, i isms.impact)
       RETURNS isms.risk_level LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT (CASE WHEN l::integer * i::integer >= 15 THEN 4
                      WHEN l::integer * i::integer >= 8 THEN 3
                      WHEN l::integer * i::integer >= 4 THEN 2
                      ELSE 1 END)::isms.risk_level $$""",
    """CREATE FUNCTION pg_temp.level_plpgsql(l isms.likelihood, i isms.impact)
       RETURNS isms.risk_level LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
       DECLARE
         r isms.risk_level;
       BEGIN
         SELECT m.grid[l::integer][i::integer] INTO r FROM isms.risk_matrix m WHERE m.is_default;
         RETURN r;
       END $$""",
    "SET max_parallel_workers_per_gather = 0",
]

QUERIES = [
    ("sum(l * i), integer columns", "SELECT sum(li * ii)::text FROM bench_risk_level", 3),
    ("isms.risk_level(l, i)", "SELECT isms.max(isms.risk_level(l, i))::text FROM bench_risk_level", 3),
    ("SQL CASE function", "SELECT isms.max(pg_temp.level_case(l, i))::text FROM bench_risk_level", 3),
    ("PL/pgSQL function", "SELECT isms.max(pg_temp.level_plpgsql(l, i))::text FROM bench_risk_level", 1),
]


def main():
    conn = psycopg2.connect("")
    conn.autocommit = True
    cur = conn.cursor()
    for statement in SETUP:
        cur.execute(statement)
    times = {}
    results = {}
    # interleave the runs so that a noisy neighbour hurts all queries alike
    for run in range(3):
        for name, sql, runs in QUERIES:
            if run >= runs:
                continue
            t = time.perf_counter()
            cur.execute(sql)
            results[name] = cur.fetchone()[0]
            times[name] = min(times.get(name, float("inf")), time.perf_counter() - t)
    base = times[QUERIES[0][0]]
    rl = times[QUERIES[1][0]]
    print(f"risk_level lookup, {ROWS:,} rows, 1 worker (best of 3; PL/pgSQL 1 run)")
    for name, _, _ in QUERIES:
        print(f"  {name:30s} {times[name] * 1000:9.1f} ms   ratio to sum(l * i) {times[name] / base:6.2f}"
              f"   ratio to isms.risk_level {times[name] / rl:6.2f}   result {results[name]}")
    status = "ok" if rl / base <= 1.5 else "ABOVE TARGET"
    print(f"  target: isms.risk_level / sum(l * i) at most 1.5: {rl / base:.2f} {status}")
    cur.execute("DROP TABLE bench_risk_level")
    conn.close()


if __name__ == "__main__":
    sys.exit(main())
