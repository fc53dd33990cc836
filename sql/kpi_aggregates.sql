\i sql/fixtures/begin.sql
-- KPI aggregates: exact results on a fixed data set, GROUP BY, window use,
-- and forced parallel plans that must equal the serial result.
SET search_path = isms, public;

CREATE TABLE kpi_risks (
	id integer PRIMARY KEY,
	unit text,
	l likelihood,
	i impact,
	r risk_level,
	ttd interval
);
INSERT INTO kpi_risks
SELECT g, (ARRAY['finance', 'it', 'hr'])[1 + g % 3],
       (1 + g % 5)::likelihood, (1 + (g * 7) % 5)::impact,
       (1 + (g * 3) % 4)::risk_level,
       make_interval(hours => g % 50, mins => (g * 13) % 60)
  FROM generate_series(1, 30000) g;
INSERT INTO kpi_risks VALUES (30001, 'it', NULL, 'major', NULL, NULL),
                             (30002, 'hr', '2/4', '3/4', 'high/3', '10 days');
ANALYZE kpi_risks;

-- small exact cases
SELECT heatmap(l, i) FROM (VALUES ('likely'::likelihood, 'major'::impact), ('likely', 'major'),
                                  ('rare', 'severe'), (NULL, 'minor')) v(l, i);
SELECT heatmap(l, i) FROM (VALUES ('2/3'::likelihood, '1/2'::impact)) v(l, i);
SELECT heatmap(l, i) IS NULL AS empty_is_null FROM kpi_risks WHERE false;
SELECT level_counts(r) FROM (VALUES ('low'::risk_level), ('critical'), ('critical'), (NULL)) v(r);
SELECT exposure(l, i) FROM (VALUES ('almost_certain'::likelihood, 'severe'::impact),
                                   ('rare', 'negligible'), ('2/4', '3/4')) v(l, i);
SELECT (duration_stats(d)).* FROM (VALUES ('1 hour'::interval), ('2 hours'), ('4 hours'),
                                          ('1 day'), (NULL)) v(d);
SELECT (duration_stats(d)).* FROM (VALUES ('1 hour'::interval)) v(d) WHERE false;

-- the whole table, serially
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_result AS
SELECT heatmap(l, i) AS hm, level_counts(r) AS lc, exposure(l, i) AS ex, duration_stats(ttd) AS ds
  FROM kpi_risks;
SELECT hm, lc, ex, (ds).* FROM serial_result;
CREATE TEMP TABLE serial_groups AS
SELECT unit, heatmap(l, i) AS hm, level_counts(r) AS lc, exposure(l, i) AS ex, duration_stats(ttd) AS ds
  FROM kpi_risks GROUP BY unit;
-- duration percentiles agree with percentile_cont, the mean with avg
SELECT (ds).p50 = (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ttd) FROM kpi_risks) AS p50_ok,
       (ds).p90 = (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY ttd) FROM kpi_risks) AS p90_ok,
       (ds).mean = (SELECT avg(ttd) FROM kpi_risks) AS mean_ok,
       (ds).max = (SELECT max(ttd) FROM kpi_risks) AS max_ok
  FROM serial_result;
-- the heat map equals GROUP BY counts
SELECT count(*) AS cells_differing
  FROM (SELECT level(l) AS li, level(i) AS ii, count(*) AS n FROM kpi_risks
         WHERE l IS NOT NULL AND i IS NOT NULL GROUP BY 1, 2) g, serial_result
 WHERE hm[li][ii] <> n;

-- GROUP BY
SELECT unit, heatmap(l, i), level_counts(r), round(exposure(l, i)::numeric, 4) AS exposure,
       (duration_stats(ttd)).count
  FROM kpi_risks GROUP BY unit ORDER BY unit;

-- window use: a running level count
SELECT id, level_counts(r) OVER (ORDER BY id) AS running, exposure(l, i) OVER (ORDER BY id) AS running_exposure
  FROM kpi_risks WHERE id <= 4 ORDER BY id;

-- forced parallel plans: EXPLAIN shows a Partial Aggregate, results equal the serial ones
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT heatmap(l, i), level_counts(r), exposure(l, i), duration_stats(ttd) FROM kpi_risks;
SELECT hm = (SELECT hm FROM serial_result) AS heatmap_equal,
       lc = (SELECT lc FROM serial_result) AS level_counts_equal,
       ex = (SELECT ex FROM serial_result) AS exposure_equal,
       ds = (SELECT ds FROM serial_result) AS duration_stats_equal
  FROM (SELECT heatmap(l, i) AS hm, level_counts(r) AS lc, exposure(l, i) AS ex,
               duration_stats(ttd) AS ds FROM kpi_risks) p;
EXPLAIN (COSTS OFF)
SELECT unit, heatmap(l, i), level_counts(r), exposure(l, i), duration_stats(ttd) FROM kpi_risks GROUP BY unit;
SELECT count(*) AS groups_differing FROM
  (SELECT unit, heatmap(l, i) AS hm, level_counts(r) AS lc, exposure(l, i) AS ex,
          duration_stats(ttd) AS ds FROM kpi_risks GROUP BY unit) p
  FULL JOIN serial_groups s USING (unit)
 WHERE p.hm IS DISTINCT FROM s.hm OR p.lc IS DISTINCT FROM s.lc OR p.ex IS DISTINCT FROM s.ex
    OR p.ds IS DISTINCT FROM s.ds;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE kpi_risks;
\i sql/fixtures/end.sql
