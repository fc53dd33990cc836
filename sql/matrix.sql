\i sql/fixtures/begin.sql
-- Risk matrices: the shipped default, validation, lookup, versions,
-- re-scoring, and risk appetite.
INSERT INTO isms.organization (name) VALUES ('Matrix Test Org') RETURNING name;
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'Matrix Test Org';

-- the shipped default: 5 x 5 onto 4 levels, NPSA bands on likelihood x impact
SELECT name, version, is_default, likelihood_levels, impact_levels, level_scale, seeded
  FROM isms.risk_matrix WHERE seeded;
SELECT l, string_agg(isms.risk_level(l::isms.likelihood, i::isms.impact)::text, ' ' ORDER BY i) AS levels
  FROM generate_series(1, 5) l, generate_series(1, 5) i GROUP BY l ORDER BY l;
-- every cell follows the bands 1-3 low, 4-6 medium, 8-12 high, 15-25 critical
SELECT count(*) AS mismatches
  FROM generate_series(1, 5) l, generate_series(1, 5) i
 WHERE isms.level(isms.risk_level(l::isms.likelihood, i::isms.impact))
	<> CASE WHEN l * i >= 15 THEN 4 WHEN l * i >= 8 THEN 3 WHEN l * i >= 4 THEN 2 ELSE 1 END;
SELECT isms.default_matrix() = (SELECT id FROM isms.risk_matrix WHERE seeded) AS default_is_seeded;

-- labels, bare levels and explicit scales all fit the 5-level scales
SELECT isms.risk_level('likely', 'major') AS by_label,
	   isms.risk_level('4', '4') AS bare,
	   isms.risk_level('4/5', '4/5') AS explicit,
	   isms.risk_level('rare', 'severe') AS corner,
	   isms.risk_level('almost_certain'::isms.likelihood, NULL) AS null_impact;
-- values that do not fit the matrix
SELECT isms.risk_level('3/4', 'minor');
SELECT isms.risk_level('possible', '2/3');
SELECT isms.risk_level('remote', 'minor');     -- a 4-level label
SELECT isms.risk_level(7::isms.likelihood, 'minor');

-- validation on insert: dimensions, cells, scale, monotony
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 3, 3, '{{low,low},{low,high}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 2, 3, '{low,low,low,high}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 2, 3, '[0:1][0:1]={{low,low},{low,high}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 3, 3, '{{low,medium,high},{low,NULL,high}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 2, 3, '{{low,medium},{high,critical}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 2, 3, '{{low,medium},{high,2/4}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 2, 2, 3, '{{1,2},{3,4}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 3, 3, 3, '{{low,medium,high},{low,medium,high},{low,low,high}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 3, 3, 3, '{{low,medium,high},{medium,low,high},{high,high,high}}');
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('bad', 11, 3, 3, '{{low}}');
SELECT isms.risk_matrix_check('{{low,medium,medium},{medium,high,high}}', 2, 3, 3) AS checked;
SELECT isms.risk_matrix_check('{{1,2},{2,3}}', 2, 2, 3) AS bare_levels_resolved;
SELECT count(*) AS bad_rows FROM isms.risk_matrix WHERE name = 'bad';

-- a 3 x 4 matrix onto 3 levels (N and M differ), bare numbers resolved on insert
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('small', 3, 4, 3, '{{1,1,2,2},{1,2,2,3},{2,2,3,3}}')
RETURNING name, version, grid;
-- (literals need casts: the type-modifier functions risk_level(integer,
-- integer, boolean) make three unknown arguments ambiguous)
SELECT isms.risk_level('high'::isms.likelihood(3), '4/4', 'small') AS small_hh,
	   isms.risk_level('1/3'::isms.likelihood, 'marginal', 'small') AS small_low,
	   isms.risk_level(2::isms.likelihood, 3::isms.impact, 'small') AS bare_fit;
SELECT isms.risk_level('likely'::isms.likelihood, 'minor', 'small');
SELECT isms.risk_level('low'::isms.likelihood, '4/4', 'nonexistent');
SELECT isms.risk_level('low'::isms.likelihood, '4/4', -1::bigint);
-- one lookup per row with the matrix named per row
SELECT m, isms.risk_level('3/3'::isms.likelihood, '4/4', m) FROM (VALUES ('small'), ('small')) v(m);

-- one default: marking another one moves it
UPDATE isms.risk_matrix SET is_default = true WHERE name = 'small';
SELECT name, is_default FROM isms.risk_matrix WHERE name IN ('default', 'small') ORDER BY id;
SELECT isms.risk_level('3/3', '2/4') AS via_default;
SELECT isms.risk_level('likely', 'minor');
-- the shipped matrix is the default again when no other one is
UPDATE isms.risk_matrix SET is_default = false WHERE name = 'small';
SELECT name FROM isms.risk_matrix WHERE id = isms.default_matrix();
-- and it never changes, so that a dump (which leaves it out) loses nothing
UPDATE isms.risk_matrix SET is_default = false WHERE seeded;

-- a matrix is read-only once it has scored a risk
INSERT INTO isms.asset (name) VALUES ('payroll database');
INSERT INTO isms.risk (title, category, asset_id, matrix_id,
	inherent_likelihood, inherent_impact, inherent_level,
	residual_likelihood, residual_impact, residual_level)
SELECT 'payroll fraud', 'fraud', a.id, m.id, '3/3', '4/4',
	   isms.risk_level('3/3', '4/4', m.id), '1/3', '2/4', isms.risk_level('1/3', '2/4', m.id)
  FROM isms.asset a, isms.risk_matrix m WHERE a.name = 'payroll database' AND m.name = 'small';
INSERT INTO isms.risk (title, category, matrix_id, inherent_likelihood, inherent_impact, inherent_level)
SELECT 'office flood', 'physical', m.id, '2/3', '2/4', isms.risk_level('2/3', '2/4', m.id)
  FROM isms.risk_matrix m WHERE m.name = 'small';
SELECT name, (SELECT count(*) FROM isms.risk r WHERE r.matrix_id = m.id) AS risks
  FROM isms.risk_matrix m WHERE name = 'small';
UPDATE isms.risk_matrix SET grid = '{{1,1,1,2},{1,2,2,3},{2,2,3,3}}' WHERE name = 'small';
DELETE FROM isms.risk_matrix WHERE name = 'small';
UPDATE isms.risk_matrix SET description = 'our first matrix' WHERE name = 'small'
RETURNING name, description;
-- the shipped matrix too
UPDATE isms.risk_matrix SET grid[1][1] = 'medium' WHERE seeded;
DELETE FROM isms.risk_matrix WHERE seeded;

-- risk.matrix_id is a reference kept by the workflow trigger and this guard,
-- not a foreign key: a risk names an existing matrix, a matrix in use keeps
-- its id, and the table cannot be truncated
SELECT m.name, isms.risk_matrix_in_use(m.id) AS in_use
  FROM isms.risk_matrix m WHERE name IN ('small', 'tiny') OR seeded ORDER BY name;
SELECT isms.risk_matrix_in_use(-1) AS no_such_matrix, isms.risk_matrix_in_use(NULL) AS null_matrix;
SELECT count(*) AS foreign_keys FROM pg_constraint
 WHERE conrelid = 'isms.risk'::regclass AND confrelid = 'isms.risk_matrix'::regclass;
INSERT INTO isms.risk (title, matrix_id) VALUES ('nowhere', -1);
UPDATE isms.risk SET matrix_id = -2 WHERE title = 'office flood';
UPDATE isms.risk_matrix SET id = -3 WHERE name = 'small';
TRUNCATE isms.risk_matrix;
TRUNCATE isms.risk_matrix CASCADE;
-- a matrix no risk records can still change its id and be deleted
INSERT INTO isms.risk_matrix (id, name, likelihood_levels, impact_levels, level_scale, grid)
VALUES (990901, 'unused', 2, 2, 2, '{{1,1},{1,2}}');
UPDATE isms.risk_matrix SET id = 990902 WHERE id = 990901 RETURNING id, name;
DELETE FROM isms.risk_matrix WHERE id = 990902 RETURNING name;
-- a writer needs no privilege on isms.risk_matrix beyond reading it (the
-- row lock is taken as the table's owner, as for a foreign key)
CREATE ROLE regress_matrix_writer;
GRANT USAGE ON SCHEMA isms TO regress_matrix_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA isms TO regress_matrix_writer;
GRANT INSERT, UPDATE ON isms.risk TO regress_matrix_writer;
INSERT INTO isms.org_member (org_id, member) SELECT id, 'regress_matrix_writer' FROM isms.organization;
SET ROLE regress_matrix_writer;
INSERT INTO isms.risk (title, category, matrix_id, inherent_likelihood, inherent_impact)
SELECT 'server theft', 'physical', m.id, '1/3', '1/4' FROM isms.risk_matrix m WHERE m.name = 'small'
RETURNING title, inherent_level;
UPDATE isms.risk_matrix SET description = 'not mine' WHERE name = 'small';
SELECT isms.risk_matrix_in_use(id) AS may_ask FROM isms.risk_matrix WHERE name = 'small';
RESET ROLE;
-- without SELECT on risks (or UPDATE or DELETE on matrices), no answer
REVOKE SELECT ON isms.risk FROM regress_matrix_writer;
SET ROLE regress_matrix_writer;
SELECT isms.risk_matrix_in_use(id) FROM isms.risk_matrix WHERE name = 'small';
RESET ROLE;
-- SELECT of other columns of risks is not enough; of matrix_id it is
GRANT SELECT (id, title) ON isms.risk TO regress_matrix_writer;
SET ROLE regress_matrix_writer;
SELECT isms.risk_matrix_in_use(id) FROM isms.risk_matrix WHERE name = 'small';
RESET ROLE;
GRANT SELECT (matrix_id) ON isms.risk TO regress_matrix_writer;
SET ROLE regress_matrix_writer;
SELECT isms.risk_matrix_in_use(id) AS may_ask_by_column FROM isms.risk_matrix WHERE name = 'small';
RESET ROLE;
REVOKE SELECT (id, title, matrix_id) ON isms.risk FROM regress_matrix_writer;
-- UPDATE of a column will do: the guard may ask, and the description change
GRANT UPDATE (description) ON isms.risk_matrix TO regress_matrix_writer;
SET ROLE regress_matrix_writer;
UPDATE isms.risk_matrix SET description = 'our first matrix' WHERE name = 'small' RETURNING name, description;
RESET ROLE;
DELETE FROM isms.risk WHERE title = 'server theft';
REVOKE ALL ON ALL TABLES IN SCHEMA isms FROM regress_matrix_writer;
REVOKE ALL ON SCHEMA isms FROM regress_matrix_writer;
DROP ROLE regress_matrix_writer;

-- matrix and organization ids may be negative: one statement over more
-- matrices and organizations than the workflow keeps at once
BEGIN;
INSERT INTO isms.risk_matrix (id, name, likelihood_levels, impact_levels, level_scale, grid)
SELECT -g, 'negative ' || g, 2, 2, 2, '{{1,1},{1,2}}' FROM generate_series(1, 10) g;
INSERT INTO isms.organization (id, name) SELECT -g, 'negative org ' || g FROM generate_series(1, 10) g;
INSERT INTO isms.risk (org_id, title, matrix_id, inherent_likelihood, inherent_impact)
SELECT -(1 + g % 10), 'negative ' || g, -(1 + g % 10), '2/2', '2/2' FROM generate_series(0, 23) g;
SELECT count(*) AS risks, count(DISTINCT matrix_id) AS matrices, count(DISTINCT org_id) AS organizations,
	   min(inherent_level::text) AS level
  FROM isms.risk WHERE title LIKE 'negative %';
ROLLBACK;

-- a new version supersedes it, and risks are re-scored onto it
SELECT isms.supersede_matrix(id, '{{1,2,2,3},{2,3,3,3},{3,3,3,3}}') IS NOT NULL AS superseded
  FROM isms.risk_matrix WHERE name = 'small';
SELECT name, version, supersedes = (SELECT id FROM isms.risk_matrix WHERE name = 'small' AND version = 1)
	   AS supersedes_v1, grid
  FROM isms.risk_matrix WHERE name = 'small' ORDER BY version;
-- the named lookup takes the newest version
SELECT isms.risk_level('2/3'::isms.likelihood, '2/4', 'small') AS newest,
	   isms.risk_level('2/3', '2/4', (SELECT id FROM isms.risk_matrix WHERE name = 'small' AND version = 1)) AS v1;
SELECT r.title, x.stage, x.old_level, x.new_level,
	   x.old_matrix_id = (SELECT id FROM isms.risk_matrix WHERE name = 'small' AND version = 1) AS from_v1
  FROM isms.rescore_risks((SELECT id FROM isms.risk_matrix WHERE name = 'small' AND version = 2)) x
  JOIN isms.risk r ON r.id = x.risk_id ORDER BY r.title, x.stage;
SELECT title, inherent_level, residual_level, m.version
  FROM isms.risk r JOIN isms.risk_matrix m ON m.id = r.matrix_id ORDER BY title;
SELECT name, version, (SELECT count(*) FROM isms.risk r WHERE r.matrix_id = m.id) AS risks
  FROM isms.risk_matrix m WHERE name = 'small' ORDER BY version;
-- version 1 no longer scores a risk, but the history keeps what it scored: still read-only
UPDATE isms.risk_matrix SET grid = '{{1,1,1,2},{1,2,2,3},{2,2,3,3}}' WHERE name = 'small' AND version = 1;
-- a second run finds nothing to move
SELECT count(*) AS moved
  FROM isms.rescore_risks((SELECT id FROM isms.risk_matrix WHERE name = 'small' AND version = 2));
-- onto a matrix whose scales do not fit: the risk is named
DO $$
BEGIN
	PERFORM FROM isms.rescore_risks(isms.default_matrix());
EXCEPTION WHEN invalid_parameter_value THEN
	-- the message names the risk by id; print it without the id
	RAISE NOTICE 'names payroll fraud: %; %; the risk stays on matrix %',
		SQLERRM LIKE 'risk ' || (SELECT id FROM isms.risk WHERE title = 'payroll fraud') || ' %',
		regexp_replace(SQLERRM, '^risk [0-9]+', 'risk <id>'),
		(SELECT m.name FROM isms.risk r JOIN isms.risk_matrix m ON m.id = r.matrix_id WHERE r.title = 'payroll fraud');
END
$$;
SELECT * FROM isms.rescore_risks(-5);
-- a version can only supersede an older version of the same matrix
INSERT INTO isms.risk_matrix (name, version, likelihood_levels, impact_levels, level_scale, grid, supersedes)
SELECT 'other', 5, 2, 2, 3, '{{1,2},{2,3}}', id FROM isms.risk_matrix WHERE name = 'small' AND version = 1;
INSERT INTO isms.risk_matrix (name, version, likelihood_levels, impact_levels, level_scale, grid, supersedes)
SELECT 'small', 1, 3, 4, 3, '{{1,1,2,2},{1,2,2,3},{2,2,3,3}}', id FROM isms.risk_matrix WHERE name = 'small' AND version = 2;
SELECT isms.supersede_matrix(-1, '{{1,2},{2,3}}');

-- a matrix may not be marked seeded after the fact; an unused one may change
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('tiny', 2, 2, 2, '{{1,1},{1,2}}');
UPDATE isms.risk_matrix SET seeded = true WHERE name = 'tiny';
UPDATE isms.risk_matrix SET grid = '{{1,2},{2,2}}' WHERE name = 'tiny' RETURNING grid;
DELETE FROM isms.risk_matrix WHERE name = 'tiny';

-- the lookup reads the matrix once per query, also in a long scan
SELECT isms.risk_level(l::isms.likelihood, i::isms.impact) AS level, count(*)
  FROM generate_series(1, 5) l, generate_series(1, 5) i, generate_series(1, 400) g
 GROUP BY 1 ORDER BY 1;

-- in parallel workers too (each reads the matrix once)
CREATE TABLE scored_cells WITH (parallel_workers = 2) AS
SELECT (1 + g % 5)::isms.likelihood AS l, (1 + g / 5 % 5)::isms.impact AS i FROM generate_series(0, 49999) g;
ANALYZE scored_cells;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT isms.risk_level(l, i), count(*) FROM scored_cells GROUP BY 1;
SELECT isms.risk_level(l, i), count(*) FROM scored_cells GROUP BY 1 ORDER BY 1;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE scored_cells;

-- risk appetite: organization, category and asset, with precedence
SELECT isms.appetite() AS none_set, isms.within_appetite('low') AS without_appetite;
INSERT INTO isms.risk_appetite (max_level, rationale) VALUES ('medium', 'board statement 2024');
INSERT INTO isms.risk_appetite (category, max_level) VALUES ('fraud', 'low');
INSERT INTO isms.risk_appetite (asset_id, max_level)
SELECT id, 'high' FROM isms.asset WHERE name = 'payroll database';
SELECT isms.appetite() AS org, isms.appetite('fraud') AS fraud, isms.appetite('physical') AS physical,
	   isms.appetite('fraud', (SELECT id FROM isms.asset WHERE name = 'payroll database')) AS asset;
SELECT level, isms.within_appetite(level) AS org,
	   isms.within_appetite(level, 'fraud') AS fraud,
	   isms.within_appetite(level, 'fraud', (SELECT id FROM isms.asset WHERE name = 'payroll database')) AS asset,
	   isms.within_appetite(level, NULL, -1) AS unknown_asset
  FROM unnest('{low,medium,high,critical}'::isms.risk_level[]) level;
SELECT isms.within_appetite(NULL) AS null_level;
SELECT isms.within_appetite('2/3');
\set VERBOSITY terse
INSERT INTO isms.risk_appetite (max_level) VALUES ('high');
INSERT INTO isms.risk_appetite (category, max_level) VALUES ('fraud', 'medium');
INSERT INTO isms.risk_appetite (asset_id, max_level)
SELECT id, 'low' FROM isms.asset WHERE name = 'payroll database';
INSERT INTO isms.risk_appetite (category, asset_id, max_level)
SELECT 'fraud', id, 'low' FROM isms.asset WHERE name = 'payroll database';
INSERT INTO isms.risk_appetite (category, max_level) VALUES ('  ', 'low');
\set VERBOSITY default
-- another organization has its own appetite
INSERT INTO isms.organization (name) VALUES ('Matrix Test Org 2');
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'Matrix Test Org 2';
SELECT isms.appetite() AS other_org, isms.within_appetite('low') AS other_org_within;
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'Matrix Test Org';

-- a hostile search_path does not change what the lookups read
CREATE SCHEMA hostile;
CREATE TABLE hostile.risk_matrix (LIKE isms.risk_matrix);
SET search_path = hostile, public;
SELECT isms.risk_level('likely', 'major') AS hostile_path, isms.within_appetite('medium') AS hostile_appetite;
RESET search_path;
DROP SCHEMA hostile CASCADE;
\i sql/fixtures/end.sql
