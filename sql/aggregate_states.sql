\i sql/fixtures/begin.sql
-- The flat states of heatmap, level_counts, duration_stats and
-- fair_portfolio: a bytea (not a pseudo-type, so that Citus aggregates them
-- on its workers), updated in place inside the aggregate; forced parallel
-- plans (states combined from the workers) equal the serial results; the
-- support functions called directly leave their arguments as they are and
-- refuse states they did not write; PUBLIC does not call them.
SET search_path = isms, public;

-- the state types
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtranstype::regtype AS state,
	   t.typtype <> 'p' AS combinable_by_citus, a.aggcombinefn <> 0 AS has_combine,
	   a.aggserialfn = 0 AND a.aggdeserialfn = 0 AS no_serial_functions
  FROM pg_aggregate a JOIN pg_type t ON t.oid = a.aggtranstype JOIN pg_proc p ON p.oid = a.aggfnoid
 WHERE p.pronamespace = 'isms'::regnamespace
   AND p.proname IN ('heatmap', 'level_counts', 'duration_stats', 'fair_portfolio')
 ORDER BY a.aggfnoid::regprocedure::text;

CREATE TABLE agg_rows (
	id integer PRIMARY KEY,
	grp integer,
	l likelihood,
	i impact,
	r risk_level,
	d interval
) WITH (parallel_workers = 2);
INSERT INTO agg_rows
SELECT g, g % 7, (1 + g % 5)::likelihood, (1 + (g * 7) % 5)::impact,
	   (1 + (g * 3) % 4)::risk_level,
	   CASE WHEN g % 11 <> 0 THEN make_interval(mins => (g * 37) % 1000, secs => g % 60) END
  FROM generate_series(1, 20000) g;
INSERT INTO agg_rows VALUES (20001, 8, '7/10', '9/10', 'high/3', '-2 days'),
							(20002, 9, NULL, 'major', NULL, NULL);
CREATE TABLE agg_portfolio (id bigint PRIMARY KEY, grp integer, model jsonb) WITH (parallel_workers = 2);
INSERT INTO agg_portfolio
SELECT g, g % 3, jsonb_build_object('lef', 1 + g % 4,
	   'lm', jsonb_build_object('lognormal', jsonb_build_array(1000 * g, 50000 * g)))
  FROM generate_series(1, 40) g;
INSERT INTO agg_portfolio VALUES (41, 0, NULL);
ANALYZE agg_rows, agg_portfolio;

-- serial results, whole table and per group (hashed and sorted)
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_all AS
SELECT heatmap(l, i) AS hm, level_counts(r) AS lc, duration_stats(d) AS ds FROM agg_rows;
CREATE TEMP TABLE serial_fair AS
SELECT fair_portfolio(model, id, 2000, 7) AS fp, fair_portfolio(model, id) FILTER (WHERE id <= 2) AS fp_default
  FROM agg_portfolio;
SET enable_sort = off;
CREATE TEMP TABLE serial_hashed AS
SELECT grp, heatmap(l, i) AS hm, level_counts(r) AS lc, duration_stats(d) AS ds
  FROM agg_rows GROUP BY grp;
RESET enable_sort;
SET enable_hashagg = off;
CREATE TEMP TABLE serial_sorted AS
SELECT grp, heatmap(l, i) AS hm, level_counts(r) AS lc, duration_stats(d) AS ds
  FROM agg_rows GROUP BY grp;
RESET enable_hashagg;
SELECT hm, lc, (ds).* FROM serial_all;
SELECT (fp).mean, (fp).p95, (fp_default).mean FROM serial_fair;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE (h.hm, h.lc, h.ds) IS NOT DISTINCT FROM (s.hm, s.lc, s.ds)) AS hashed_equal_sorted
  FROM serial_hashed h FULL JOIN serial_sorted s USING (grp);
-- the groups add up to the whole
SELECT (SELECT sum((ds).count) FROM serial_sorted) = (SELECT (ds).count FROM serial_all) AS counts_add_up;

-- window use: the running state is updated in place, the final function
-- runs on it again and again, and must leave it as it is
SELECT count(*) AS rows_compared,
	   count(*) FILTER (WHERE w.ds = (SELECT duration_stats(x.d) FROM agg_rows x
									   WHERE x.id <= w.id AND (x.id <= 1500 OR x.id > 20000))
						  AND w.hm = (SELECT heatmap(x.l, x.i) FROM agg_rows x
									   WHERE x.id <= w.id AND (x.id <= 1500 OR x.id > 20000))) AS equal
  FROM (SELECT id, duration_stats(d) OVER (ORDER BY id) AS ds, heatmap(l, i) OVER (ORDER BY id) AS hm
		  FROM agg_rows WHERE id <= 1500 OR id > 20000) w
 WHERE w.id % 500 = 0 OR w.id > 20000;

-- forced parallel plans: the workers' states are combined in the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT heatmap(l, i), level_counts(r), duration_stats(d) FROM agg_rows;
SELECT (SELECT (hm, lc, ds) FROM serial_all) IS NOT DISTINCT FROM
	   (SELECT (heatmap(l, i), level_counts(r), duration_stats(d)) FROM agg_rows) AS parallel_equals_serial;
EXPLAIN (COSTS OFF)
SELECT grp, heatmap(l, i), level_counts(r), duration_stats(d) FROM agg_rows GROUP BY grp;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE (p.hm, p.lc, p.ds) IS NOT DISTINCT FROM (s.hm, s.lc, s.ds)) AS parallel_equals_serial
  FROM (SELECT grp, heatmap(l, i) AS hm, level_counts(r) AS lc, duration_stats(d) AS ds
		  FROM agg_rows GROUP BY grp) p FULL JOIN serial_sorted s USING (grp);
EXPLAIN (COSTS OFF)
SELECT fair_portfolio(model, id, 2000, 7) FROM agg_portfolio;
SELECT (SELECT (fp, fp_default) FROM serial_fair) IS NOT DISTINCT FROM
	   (SELECT (fair_portfolio(model, id, 2000, 7), fair_portfolio(model, id) FILTER (WHERE id <= 2)) FROM agg_portfolio)
	   AS parallel_equals_serial;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- called directly (by a superuser), outside an aggregate: each call makes
-- a new state and leaves its arguments unchanged
CREATE TEMP TABLE direct AS
SELECT heatmap_transfn(NULL, '2'::likelihood, '3'::impact) AS h1,
	   level_counts_transfn(NULL, 'high'::risk_level) AS l1,
	   duration_stats_transfn(NULL, '1 hour') AS d1,
	   fair_portfolio_transfn(NULL, '{"lef": 1, "lm": 100}', 1, 10, 1) AS f1;
SELECT heatmap_finalfn(heatmap_transfn(h1, '2', '3')) AS twice, heatmap_finalfn(h1) AS once,
	   heatmap_finalfn(count_grid_combine(h1, h1)) AS combined, heatmap_finalfn(h1) AS still_once
  FROM direct;
SELECT level_counts_finalfn(count_grid_combine(l1, level_counts_transfn(l1, 'low'))) AS combined,
	   level_counts_finalfn(l1) AS once, level_counts_finalfn(count_grid_combine(NULL, l1)) AS from_null,
	   count_grid_combine(NULL, NULL) IS NULL AS null_null
  FROM direct;
SELECT (duration_stats_finalfn(duration_stats_combine(d1, duration_stats_transfn(d1, '3 hours')))).*
  FROM direct;
SELECT (duration_stats_finalfn(d1)).count AS still_one, (duration_stats_finalfn(NULL)).count AS none,
	   duration_stats_transfn(NULL, NULL) IS NULL AS null_input_no_state
  FROM direct;
SELECT (fair_portfolio_finalfn(fair_portfolio_combinefn(f1, f1))).mean AS combined,
	   (fair_portfolio_finalfn(f1)).mean AS once,
	   fair_portfolio_transfn(NULL, NULL, 1, 10, 1) IS NULL AS no_model_no_state
  FROM direct;

-- states the functions did not write are refused, never read
\set VERBOSITY default
SELECT heatmap_finalfn('\x00'::bytea);
SELECT heatmap_transfn(''::bytea, '2', '3');
SELECT level_counts_finalfn(overlay(l1 PLACING '\x00000000'::bytea FROM 1)) FROM direct;	-- wrong magic
SELECT heatmap_finalfn(overlay(h1 PLACING '\x0b000000'::bytea FROM 5)) FROM direct;	-- 11 rows
SELECT heatmap_finalfn(h1 || '\x00'::bytea) FROM direct;
SELECT count_grid_combine(h1, substr(h1, 1, 100)) FROM direct;
SELECT count_grid_combine(d1, h1) FROM direct;	-- a duration state is not a count state
SELECT duration_stats_finalfn(substr(d1, 1, 7)) FROM direct;
SELECT duration_stats_finalfn(overlay(d1 PLACING '\xffffffffffffff7f'::bytea FROM 5)) FROM direct;	-- count past the end
SELECT duration_stats_transfn(d1 || '\x00'::bytea, '1 hour') FROM direct;
SELECT duration_stats_combine(d1, h1) FROM direct;
SELECT fair_portfolio_finalfn(substr(f1, 1, 40)) FROM direct;
SELECT fair_portfolio_finalfn(overlay(f1 PLACING '\x00000000'::bytea FROM 1)) FROM direct;	-- wrong magic
SELECT fair_portfolio_finalfn(overlay(f1 PLACING '\xffffff7f'::bytea FROM 5)) FROM direct;	-- iterations
SELECT fair_portfolio_combinefn(f1, h1) FROM direct;
SELECT fair_portfolio_transfn(h1, '{"lef": 1, "lm": 100}', 1, 10, 1) FROM direct;
-- a state of other settings: the aggregate's own error
SELECT fair_portfolio_combinefn(f1, fair_portfolio_transfn(NULL, '{"lef": 1, "lm": 100}', 1, 10, 2)) FROM direct;
\set VERBOSITY terse

-- PUBLIC does not call them; the roles of isms do (Citus checks the
-- caller's EXECUTE on the support functions of an aggregate it splits), and
-- get the same errors for states they make up
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_agg_reader, regress_agg_other;
CREATE ROLE regress_agg_reader IN ROLE isms_reader;
CREATE ROLE regress_agg_other;
RESET client_min_messages;
GRANT USAGE ON SCHEMA isms TO regress_agg_other;
SELECT p.oid::regprocedure AS support_function,
	   has_function_privilege('regress_agg_reader', p.oid, 'EXECUTE') AS reader_may_call,
	   has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_call
  FROM pg_proc p
 WHERE p.oid IN (SELECT unnest(ARRAY[a.aggtransfn, a.aggcombinefn, a.aggfinalfn]::oid[])
				   FROM pg_aggregate a JOIN pg_proc f ON f.oid = a.aggfnoid
				  WHERE f.pronamespace = 'isms'::regnamespace
					AND f.proname IN ('heatmap', 'level_counts', 'duration_stats', 'fair_portfolio', 'exposure'))
 ORDER BY p.oid::regprocedure::text;
GRANT SELECT ON direct TO regress_agg_reader, regress_agg_other;
SET ROLE regress_agg_other;
SELECT heatmap_finalfn(h1) FROM direct;
SELECT count_grid_combine(h1, h1) FROM direct;
SELECT heatmap(l, i) FROM (VALUES ('2'::likelihood, '3'::impact)) v(l, i);	-- the aggregate itself: yes
RESET ROLE;
SET ROLE regress_agg_reader;
SELECT heatmap_finalfn(count_grid_combine(h1, h1)) FROM direct;
SELECT heatmap_finalfn(substr(h1, 1, 12)) FROM direct;
SELECT duration_stats_combine(d1, overlay(d1 PLACING '\x01'::bytea FROM 1)) FROM direct;
SELECT fair_portfolio_finalfn(f1 || f1) FROM direct;
RESET ROLE;
DROP OWNED BY regress_agg_reader, regress_agg_other;
DROP ROLE regress_agg_reader, regress_agg_other;
\i sql/fixtures/end.sql
