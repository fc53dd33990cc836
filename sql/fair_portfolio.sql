\i sql/fixtures/begin.sql
-- The FAIR portfolio aggregate: one model per risk, the same result in any
-- row order and in serial and parallel plans.

-- (a low fillfactor spreads the rows over pages that workers share out)
CREATE TABLE fair_risks (id bigint PRIMARY KEY, model jsonb) WITH (fillfactor = 10, parallel_workers = 2);
INSERT INTO fair_risks
SELECT g, CASE g % 3
			WHEN 0 THEN jsonb_build_object('lef', 0.2 + g % 7 / 10.0, 'lm', jsonb_build_object('lognormal', jsonb_build_array(1000, 100000 + g)))
			WHEN 1 THEN jsonb_build_object('lef', jsonb_build_object('pert', jsonb_build_array(0.1, 0.5, 2)),
										  'lm', jsonb_build_object('pert', jsonb_build_array(500, 2000 + g, 50000)))
			ELSE jsonb_build_object('lef', jsonb_build_object('tef', 10, 'vulnerability', 0.1),
									'lm', jsonb_build_object('uniform', jsonb_build_array(100, 1000)))
		  END
  FROM generate_series(1, 60) g;
ANALYZE fair_risks;
CREATE FUNCTION pg_temp.explain_lines(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE query LOOP
		RETURN NEXT line;
	END LOOP;
END
$$;

-- one risk: the same years as fair_simulate with the risk's derived seed
SELECT (SELECT isms.fair_portfolio(model, id, 20000, 5) FROM fair_risks WHERE id = 3)
	 = (SELECT isms.fair_simulate(model, 20000, isms.fair_risk_seed(5, id)) FROM fair_risks WHERE id = 3)
	   AS single_risk_matches;
SELECT isms.fair_risk_seed(5, 3) AS derived_seed, isms.fair_risk_seed(5, 4) <> isms.fair_risk_seed(5, 3) AS differs;

-- the mean of the total is the sum of the risks' means (the years add)
SELECT round(((SELECT (isms.fair_portfolio(model, id, 20000, 5)).mean FROM fair_risks)
		- (SELECT sum((isms.fair_simulate(model, 20000, isms.fair_risk_seed(5, id))).mean) FROM fair_risks))::numeric, 6)
	   AS mean_difference;

-- row order does not matter
SELECT (SELECT isms.fair_portfolio(model, id, 20000, 5) FROM (SELECT * FROM fair_risks ORDER BY id) s)
	 = (SELECT isms.fair_portfolio(model, id, 20000, 5) FROM (SELECT * FROM fair_risks ORDER BY id DESC) s)
	   AS order_independent;

-- exact result
SELECT (r).iterations, round((r).mean::numeric, 4) AS mean, round((r).p50::numeric, 4) AS p50,
	   round((r).p99::numeric, 4) AS p99,
	   (r).p10 <= (r).p50 AND (r).p50 <= (r).p90 AND (r).p90 <= (r).p95
		   AND (r).p95 <= (r).p99 AND (r).p99 <= (r).max AS percentiles_monotone
  FROM (SELECT isms.fair_portfolio(model, id, 20000, 5) r FROM fair_risks) s;

-- serial plan
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_result AS SELECT isms.fair_portfolio(model, id, 20000, 5) r FROM fair_risks;
CREATE TEMP TABLE serial_default AS SELECT isms.fair_portfolio(model, id) r FROM fair_risks;

-- forced parallel plan: partial aggregates in workers, combined in the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
-- debug_parallel_query, called force_parallel_mode before PostgreSQL 16
DO $$ BEGIN EXECUTE CASE WHEN current_setting('debug_parallel_query', true) IS NULL
	THEN 'SET force_parallel_mode = on' ELSE 'SET debug_parallel_query = on' END; END $$;
EXPLAIN (COSTS OFF) SELECT isms.fair_portfolio(model, id, 20000, 5) FROM fair_risks;
-- the workers really ran partial aggregates
SELECT count(*) FILTER (WHERE line LIKE '%Partial Aggregate%') AS partial_aggregates,
	   count(*) FILTER (WHERE line LIKE '%Finalize Aggregate%') AS finalize_aggregates,
	   count(*) FILTER (WHERE line ~ 'Workers Launched: 2') AS two_workers_launched,
	   count(*) FILTER (WHERE line ~ 'Parallel Seq Scan.*rows=[1-9]') AS scans_with_rows
  FROM pg_temp.explain_lines('EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
	SELECT isms.fair_portfolio(model, id, 20000, 5) FROM fair_risks') line;
SELECT (SELECT r FROM serial_result) = isms.fair_portfolio(model, id, 20000, 5) AS parallel_equals_serial
  FROM fair_risks;
SELECT (SELECT r FROM serial_default) = isms.fair_portfolio(model, id) AS parallel_equals_serial_defaults
  FROM fair_risks;
-- grouped, in parallel: each group equals its own serial simulation
CREATE TEMP TABLE grouped_parallel AS
SELECT id % 4 AS grp, isms.fair_portfolio(model, id, 5000, 8) r FROM fair_risks GROUP BY 1;
DO $$ BEGIN EXECUTE CASE WHEN current_setting('debug_parallel_query', true) IS NULL
	THEN 'RESET force_parallel_mode' ELSE 'RESET debug_parallel_query' END; END $$;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
SET max_parallel_workers_per_gather = 0;
SELECT g.grp, g.r = s.r AS equal
  FROM grouped_parallel g
  JOIN (SELECT id % 4 AS grp, isms.fair_portfolio(model, id, 5000, 8) r FROM fair_risks GROUP BY 1) s USING (grp)
 ORDER BY g.grp;
RESET max_parallel_workers_per_gather;

-- rows without a model are skipped; no rows give NULL
SELECT isms.fair_portfolio(model, id, 1000, 1) IS NULL AS empty FROM fair_risks WHERE false;
SELECT isms.fair_portfolio(NULL::jsonb, id, 1000, 1) IS NULL AS only_nulls FROM fair_risks;
SELECT (SELECT isms.fair_portfolio(m, i, 1000, 1) FROM (VALUES ((SELECT model FROM fair_risks WHERE id = 1), 1::bigint), (NULL, 2)) v(m, i))
	 = (SELECT isms.fair_portfolio(model, id, 1000, 1) FROM fair_risks WHERE id = 1) AS null_model_skipped;

-- errors (raised in the leader or in a parallel worker: no CONTEXT line)
\set SHOW_CONTEXT never
SELECT isms.fair_portfolio(model, NULL, 1000, 1) FROM fair_risks;
SELECT isms.fair_portfolio(model, id, id::integer + 1000, 1) FROM fair_risks;
SELECT isms.fair_portfolio(model, id, 1000, id) FROM fair_risks;
SELECT isms.fair_portfolio(model, id, NULL, 1) FROM fair_risks;
SELECT isms.fair_portfolio(model, id, 0, 1) FROM fair_risks;
SELECT isms.fair_portfolio('{"lef": 1}', id, 10, 1) FROM fair_risks;
-- totals beyond the fixed point's range (about 3.9e28) are an error, not a wrap
SELECT isms.fair_portfolio('{"lef": {"constant": 1000}, "lm": 1e23}', g, 10, 1) FROM generate_series(1, 1000) g;

DROP TABLE fair_risks;
\i sql/fixtures/end.sql
