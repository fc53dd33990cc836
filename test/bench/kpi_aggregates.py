#!/usr/bin/python3
"""The C aggregates on one server, one process (no parallel workers): the flat
(bytea) states of 1.1 against the internal states of 1.0, on the same rows,
in the same session, interleaved.  The 1.0 aggregates are made again in a
schema of their own from the 1.0 C functions, which the library keeps for a
schema not yet updated.

isms.level_counts over 5,000,000 risk levels, isms.heatmap over 5,000,000
rows and grouped by 1,000 keys (a state per group), isms.duration_stats over
2,000,000 intervals, isms.fair_portfolio over 200 risks of 10,000 simulated
years.  Best of 5 runs of each query, timed at the client.  Prints the ratio
1.1 / 1.0 (target: at most 1.1) and whether both give the same result."""
import os
import time

import psycopg2

ROWS = int(os.environ.get("ISMS_BENCH_ROWS", "5000000"))
RUNS = 5
conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute("""
CREATE SCHEMA bench_v10;
CREATE FUNCTION bench_v10.heatmap_transfn(internal, isms.likelihood, isms.impact) RETURNS internal
	AS '$libdir/isms', 'heatmap_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_v10.heatmap_finalfn(internal) RETURNS bigint[]
	AS '$libdir/isms', 'heatmap_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_v10.level_counts_transfn(internal, isms.risk_level) RETURNS internal
	AS '$libdir/isms', 'level_counts_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_v10.level_counts_finalfn(internal) RETURNS bigint[]
	AS '$libdir/isms', 'level_counts_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_v10.count_grid_combine(internal, internal) RETURNS internal
	AS '$libdir/isms', 'count_grid_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_v10.count_grid_serialize(internal) RETURNS bytea
	AS '$libdir/isms', 'count_grid_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bench_v10.count_grid_deserialize(bytea, internal) RETURNS internal
	AS '$libdir/isms', 'count_grid_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE bench_v10.heatmap(isms.likelihood, isms.impact) (
	SFUNC = bench_v10.heatmap_transfn, STYPE = internal, SSPACE = 816,
	FINALFUNC = bench_v10.heatmap_finalfn, COMBINEFUNC = bench_v10.count_grid_combine,
	SERIALFUNC = bench_v10.count_grid_serialize, DESERIALFUNC = bench_v10.count_grid_deserialize,
	PARALLEL = SAFE);
CREATE AGGREGATE bench_v10.level_counts(isms.risk_level) (
	SFUNC = bench_v10.level_counts_transfn, STYPE = internal, SSPACE = 816,
	FINALFUNC = bench_v10.level_counts_finalfn, COMBINEFUNC = bench_v10.count_grid_combine,
	SERIALFUNC = bench_v10.count_grid_serialize, DESERIALFUNC = bench_v10.count_grid_deserialize,
	PARALLEL = SAFE);
CREATE FUNCTION bench_v10.duration_stats_transfn(internal, interval) RETURNS internal
	AS '$libdir/isms', 'duration_stats_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_v10.duration_stats_finalfn(internal) RETURNS isms.duration_stats
	AS '$libdir/isms', 'duration_stats_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE bench_v10.duration_stats(interval) (
	SFUNC = bench_v10.duration_stats_transfn, STYPE = internal,
	FINALFUNC = bench_v10.duration_stats_finalfn);
CREATE FUNCTION bench_v10.fair_portfolio_transfn(internal, jsonb, bigint, integer, bigint) RETURNS internal
	AS '$libdir/isms', 'fair_portfolio_transfn' LANGUAGE C PARALLEL SAFE COST 100000;
CREATE FUNCTION bench_v10.fair_portfolio_finalfn(internal) RETURNS isms.fair_result
	AS '$libdir/isms', 'fair_portfolio_finalfn' LANGUAGE C PARALLEL SAFE;
CREATE AGGREGATE bench_v10.fair_portfolio(jsonb, bigint, integer, bigint) (
	SFUNC = bench_v10.fair_portfolio_transfn, STYPE = internal,
	FINALFUNC = bench_v10.fair_portfolio_finalfn);
""")
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
    "level_counts": "SELECT {s}.level_counts(r) FROM bench_aggs",
    "heatmap": "SELECT {s}.heatmap(l, i) FROM bench_aggs",
    "heatmap_grouped": "SELECT k, {s}.heatmap(l, i) FROM bench_aggs GROUP BY k ORDER BY k",
    "duration_stats": "SELECT {s}.duration_stats(d) FROM bench_aggs",
    "fair_portfolio": "SELECT {s}.fair_portfolio(model, id, 10000, 42) FROM bench_portfolio",
}


def run(sql):
    t0 = time.perf_counter()
    cur.execute(sql)
    rows = cur.fetchall()
    return time.perf_counter() - t0, rows


for name, sql in QUERIES.items():
    best = {"bench_v10": float("inf"), "isms": float("inf")}
    results = {}
    for _ in range(RUNS):
        for schema in best:
            t, rows = run(sql.format(s=schema))
            best[schema] = min(best[schema], t)
            results[schema] = rows
    same = results["bench_v10"] == results["isms"]
    print(f"{name}: 1.0 (internal) {best['bench_v10'] * 1000:.1f} ms, "
          f"1.1 (bytea) {best['isms'] * 1000:.1f} ms, ratio {best['isms'] / best['bench_v10']:.3f}"
          f" (target <= 1.1), {'same result' if same else 'RESULTS DIFFER'}")
cur.execute("DROP TABLE bench_aggs, bench_portfolio")
cur.execute("DROP SCHEMA bench_v10 CASCADE")
