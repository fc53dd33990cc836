#!/bin/bash
# test/citus/cluster.sh test/citus/aggregates.sh: the aggregates with flat
# states (heatmap, level_counts, duration_stats, fair_portfolio) across
# organizations on Citus aggregate partially on the workers
# (worker_partial_agg) and combine on the coordinator (coord_combine_agg),
# and give what one server gives on the same rows (a local copy of them on
# the coordinator, aggregated by PostgreSQL alone).  Per organization, the
# whole aggregate runs on the workers.  Output diffed against
# test/citus/expected/aggregates.out.
set -eu
cd "$(dirname "$0")/../.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION isms CASCADE" >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT isms.distribute()" >/dev/null
psql -X -q -a >"$out" 2>&1 <<'SQL' || true
-- the rows go in without the triggers: only the aggregates are tested here
SET client_min_messages = warning;
SET citus.enable_unsafe_triggers = on;
ALTER TABLE isms.organization DISABLE TRIGGER USER;
ALTER TABLE isms.risk DISABLE TRIGGER USER;
RESET client_min_messages;
INSERT INTO isms.organization (id, name) VALUES (1, 'One'), (2, 'Two'), (3, 'Three');
INSERT INTO isms.risk (id, org_id, ident, title, inherent_likelihood, inherent_impact, inherent_level, sle, aro)
SELECT g, 1 + g % 3, 'R-' || g, 'risk ' || g, (1 + g % 5)::isms.likelihood, (1 + (g * 7) % 5)::isms.impact,
	   (1 + (g * 3) % 4)::isms.risk_level, (g * 7) % 97, 1 + g % 3
  FROM generate_series(1, 600) g;
INSERT INTO isms.risk (id, org_id, ident, title) VALUES (601, 2, 'R-601', 'unassessed');
CREATE TEMP TABLE local_risk AS SELECT * FROM isms.risk;
SELECT count(*) AS risks, count(DISTINCT org_id) AS organizations FROM isms.risk;

-- the plans: partial aggregates on the workers, combined on the coordinator
SET client_min_messages = error;	-- (the functions stay on the coordinator)
CREATE FUNCTION pg_temp.plan(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
		RETURN NEXT line;
	END LOOP;
END
$$;
CREATE FUNCTION pg_temp.pushdown(query text) RETURNS TABLE (worker_query text, combined_on_coordinator boolean)
	LANGUAGE sql AS $$
SELECT (SELECT regexp_replace(btrim(l), '_[0-9]+ ', '_N ') FROM pg_temp.plan(query) l WHERE l ~ '^ *Query: '),
	   (SELECT bool_or(l ~ 'coord_combine_agg\(') FROM pg_temp.plan(query) l)
$$;
RESET client_min_messages;
\x on
SELECT * FROM pg_temp.pushdown('SELECT isms.heatmap(inherent_likelihood, inherent_impact) FROM isms.risk');
SELECT * FROM pg_temp.pushdown('SELECT isms.level_counts(inherent_level) FROM isms.risk');
SELECT * FROM pg_temp.pushdown('SELECT isms.duration_stats(make_interval(hours => sle::integer)) FROM isms.risk');
SELECT * FROM pg_temp.pushdown('SELECT isms.fair_portfolio(CASE WHEN aro IS NOT NULL THEN jsonb_build_object(''lef'', aro, ''lm'', sle * 1000 + 1) END, id, 1000, 7) FROM isms.risk');
\x off

-- the results, on Citus and on the local copy
SELECT isms.heatmap(inherent_likelihood, inherent_impact)::text AS hm,
	   isms.level_counts(inherent_level)::text AS lc,
	   isms.duration_stats(make_interval(hours => sle::integer))::text AS ds,
	   isms.fair_portfolio(CASE WHEN aro IS NOT NULL THEN jsonb_build_object('lef', aro, 'lm', sle * 1000 + 1) END, id, 1000, 7)::text AS fp
  FROM isms.risk \gset citus_
SELECT isms.heatmap(inherent_likelihood, inherent_impact)::text AS hm,
	   isms.level_counts(inherent_level)::text AS lc,
	   isms.duration_stats(make_interval(hours => sle::integer))::text AS ds,
	   isms.fair_portfolio(CASE WHEN aro IS NOT NULL THEN jsonb_build_object('lef', aro, 'lm', sle * 1000 + 1) END, id, 1000, 7)::text AS fp
  FROM local_risk \gset local_
\x on
SELECT :'citus_hm' AS heatmap, :'citus_lc' AS level_counts, :'citus_ds' AS duration_stats,
	   :'citus_fp' AS fair_portfolio;
\x off
SELECT :'citus_hm' = :'local_hm' AS heatmap_equal, :'citus_lc' = :'local_lc' AS level_counts_equal,
	   :'citus_ds' = :'local_ds' AS duration_stats_equal, :'citus_fp' = :'local_fp' AS fair_portfolio_equal;

-- per organization (grouped by the distribution column): each group on one worker
CREATE TEMP TABLE local_per_org AS
SELECT org_id, isms.heatmap(inherent_likelihood, inherent_impact)::text AS hm,
	   isms.duration_stats(make_interval(hours => sle::integer))::text AS ds
  FROM local_risk GROUP BY org_id;
SELECT org_id, c.hm = l.hm AS heatmap_equal, c.ds = l.ds AS duration_stats_equal
  FROM (SELECT org_id, isms.heatmap(inherent_likelihood, inherent_impact)::text AS hm,
			   isms.duration_stats(make_interval(hours => sle::integer))::text AS ds
		  FROM isms.risk GROUP BY org_id ORDER BY org_id) c
  JOIN local_per_org l USING (org_id)
 ORDER BY org_id;
-- no rows: no state from any worker
SELECT isms.heatmap(inherent_likelihood, inherent_impact) IS NULL AS empty_heatmap_is_null,
	   (isms.duration_stats(make_interval(hours => sle::integer))).count AS no_durations
  FROM isms.risk WHERE org_id = 99;
SELECT isms.heatmap(inherent_likelihood, inherent_impact) IS NULL AS empty_heatmap_is_null
  FROM isms.risk WHERE sle < 0;

-- a login of isms_reader (not a superuser): Citus checks its EXECUTE on the
-- support functions.  (BYPASSRLS: the organization policies on the workers
-- are not what this checks.)
SET client_min_messages = warning;
CREATE ROLE regress_citus_reader LOGIN BYPASSRLS IN ROLE isms_reader;
RESET client_min_messages;
SELECT isms.exposure(inherent_likelihood, inherent_impact) AS exposure FROM local_risk \gset local_
SET ROLE regress_citus_reader;
SELECT isms.heatmap(inherent_likelihood, inherent_impact)::text = :'local_hm' AS heatmap_equal,
	   isms.level_counts(inherent_level)::text = :'local_lc' AS level_counts_equal,
	   isms.duration_stats(make_interval(hours => sle::integer))::text = :'local_ds' AS duration_stats_equal,
	   isms.exposure(inherent_likelihood, inherent_impact) = :'local_exposure' AS exposure_equal
  FROM isms.risk;
RESET ROLE;
SQL
diff -u test/citus/expected/aggregates.out "$out"
