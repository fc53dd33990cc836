\i sql/fixtures/begin.sql
-- Hostile arguments to the scale types: type modifiers outside 2..10 at
-- every entry point that takes one, corrupt stored values, huge inputs
-- echoed in errors, the exposure index of a bare level above the default
-- scale, and the integer forms of the scoring functions.
SET search_path = isms, public;

-- the result of a statement as text, or its SQLSTATE and message
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE q INTO r;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

--
-- 1. Type modifiers are checked where they enter.  Before, each of these
-- crashed the server (a scale size of 11 to 15 indexed past the label
-- tables) ...
--
SELECT impact_in('3', 0, 15);
SELECT likelihood_from_integer(9, 15, false);
SELECT impact_from_integer(9, 15, true);
SELECT likelihood_in('likely', 0, 15);
SELECT likelihood_apply_scale('3', 15, false);
SELECT impact_apply_scale('major', 14, true);
-- ... and these gave wrong values: 3/11, a scale size of 0 (16 overflowed
-- into the kind bits), 3/8 (1000), a negative modifier ignored
SELECT likelihood_in('3', 0, 11);
SELECT likelihood_from_integer(3, 16, false);
SELECT likelihood_from_integer(3, 1000, false);
SELECT likelihood_in('likely', 0, -5);
\set VERBOSITY sqlstate
SELECT impact_in('3', 0, 15);
\set VERBOSITY default
-- every entry point, every kind of value, typmods around the valid range
SELECT f, t, pg_temp.try(format(f, t)) AS result
  FROM unnest(ARRAY[
		'SELECT likelihood_in(''3'', 0, %s)::text',
		'SELECT likelihood_in(''likely'', 0, %s)::text',
		'SELECT impact_in(''2/4'', 0, %s)::text',
		'SELECT risk_level_in(''high'', 0, %s)::text',
		'SELECT likelihood_apply_scale(''3'', %s, false)::text',
		'SELECT impact_apply_scale(''major'', %s, true)::text',
		'SELECT risk_level_apply_scale(''low/3'', %s, false)::text',
		'SELECT likelihood_from_integer(3, %s, false)::text',
		'SELECT impact_from_integer(9, %s, true)::text',
		'SELECT risk_level_from_integer(2, %s, false)::text',
		'SELECT likelihood_typmod_out(%s)::text']) f,
	   unnest(ARRAY[-5, -1, 0, 1, 2, 3, 4, 10, 11, 15, 16, 1000]) t
 ORDER BY f, t;

-- binary input applies the column's type modifier; the modifier itself
-- cannot be chosen from SQL (recv takes internal), the value's bits can
CREATE TABLE hostile_raw (v smallint);
CREATE TABLE hostile_recv (l likelihood(3), r risk_level);
INSERT INTO hostile_raw VALUES (x'0103'::int);	-- bare 3 with scale bits 0
\copy hostile_raw TO 'results/scale_hostile.bin' (FORMAT binary)
\copy hostile_recv (l) FROM 'results/scale_hostile.bin' (FORMAT binary)
TRUNCATE hostile_raw;
INSERT INTO hostile_raw VALUES (x'00F9'::int);	-- 9 on a 15-level scale
\copy hostile_raw TO 'results/scale_hostile.bin' (FORMAT binary)
\copy hostile_recv (r) FROM 'results/scale_hostile.bin' (FORMAT binary)
TRUNCATE hostile_raw;
INSERT INTO hostile_raw VALUES (x'0013'::int);	-- 3/1
\copy hostile_raw TO 'results/scale_hostile.bin' (FORMAT binary)
\copy hostile_recv (l) FROM 'results/scale_hostile.bin' (FORMAT binary)
TRUNCATE hostile_raw;
INSERT INTO hostile_raw VALUES (x'0153'::int);	-- bare 3: level 3 of the column's 3
\copy hostile_raw TO 'results/scale_hostile.bin' (FORMAT binary)
\copy hostile_recv (l) FROM 'results/scale_hostile.bin' (FORMAT binary)
SELECT l, r FROM hostile_recv;
DROP TABLE hostile_raw, hostile_recv;

--
-- Corrupt stored values: isms 1.0 stored them through the type modifiers
-- above (INSERT INTO t SELECT likelihood_from_integer(9, 15, false)), after
-- which SELECT * and pg_dump crashed.  A binary-coercible cast from
-- smallint makes the same bits here.
--
CREATE CAST (smallint AS isms.likelihood) WITHOUT FUNCTION;
CREATE CAST (smallint AS isms.impact) WITHOUT FUNCTION;
CREATE CAST (smallint AS isms.risk_level) WITHOUT FUNCTION;
CREATE TABLE hostile_stored (what text, bits int, l likelihood, i impact, r risk_level);
INSERT INTO hostile_stored
SELECT what, bits, bits::smallint::likelihood, bits::smallint::impact, bits::smallint::risk_level
  FROM (VALUES ('9 on 15 levels (typmod 15)', x'00F9'::int),
			   ('3 with scale bits 0 (typmod 16)', x'0103'::int),
			   ('3, reserved bits (typmod 1000)', x'3E83'::int),
			   ('kind 3', x'0353'::int),
			   ('level 0', x'0050'::int),
			   ('level 15', x'005F'::int),
			   ('label kind without labels', x'0277'::int),
			   ('bare on another scale', x'0143'::int)) v(what, bits);
DROP CAST (smallint AS isms.likelihood);
DROP CAST (smallint AS isms.impact);
DROP CAST (smallint AS isms.risk_level);
-- what reads them still works, so the rows can be found
SELECT what, level(l), scale(l), l = '3/5' AS eq, likelihood_cmp(l, '3/5') AS cmp
  FROM hostile_stored ORDER BY bits;
-- everything that would index a table by them fails cleanly
SELECT * FROM hostile_stored WHERE bits = x'00F9'::int;
\set VERBOSITY sqlstate
SELECT * FROM hostile_stored WHERE bits = x'00F9'::int;
\set VERBOSITY default
SELECT what, f, pg_temp.try(format(f, bits)) AS result
  FROM hostile_stored,
	   unnest(ARRAY[
		'SELECT l::text FROM hostile_stored WHERE bits = %s',
		'SELECT i::text FROM hostile_stored WHERE bits = %s',
		'SELECT r::text FROM hostile_stored WHERE bits = %s',
		'SELECT label(l) FROM hostile_stored WHERE bits = %s',
		'SELECT likelihood_send(l)::text FROM hostile_stored WHERE bits = %s',
		'SELECT l::likelihood(5)::text FROM hostile_stored WHERE bits = %s',
		'SELECT exposure(l, ''major'')::text FROM hostile_stored WHERE bits = %s',
		'SELECT heatmap(''likely'', i)::text FROM hostile_stored WHERE bits = %s',
		'SELECT level_counts(r)::text FROM hostile_stored WHERE bits = %s',
		'SELECT risk_level(l, ''major'')::text FROM hostile_stored WHERE bits = %s']) f
 ORDER BY bits, f;
COPY (SELECT l FROM hostile_stored WHERE bits = x'0103'::int) TO stdout;
DROP TABLE hostile_stored;

--
-- 13. The exposure index stays within 0..1 per risk: a bare level above the
-- default scale has no scale, and is rejected rather than guessed.
--
SELECT exposure('7'::likelihood, 'major');
\set VERBOSITY sqlstate
SELECT exposure('likely', '6'::impact);
\set VERBOSITY default
SELECT exposure(l, i) AS every_default_cell, max(l * i) AS top
  FROM generate_series(1, 5) a, generate_series(1, 5) b,
	   LATERAL (SELECT a::likelihood AS l, b::impact AS i) v;
-- the top corner of every scale adds exactly 1; given its scale, 7 is fine
SELECT n, exposure(format('%s/%s', n, n)::likelihood, format('%s/%s', n, n)::impact)
  FROM generate_series(2, 10) n GROUP BY n ORDER BY n;
SELECT exposure('7/10'::likelihood, 'major'), exposure('7'::likelihood(10), 'major'),
	   exposure(7::likelihood(10), '5') AS cast_int;
-- the largest exposure of any single value pair is 1
SELECT max(exposure) AS max_per_risk FROM (
  SELECT exposure(format('%s/%s', k, n)::likelihood, format('%s/%s', j, m)::impact)
	FROM generate_series(2, 10) n, generate_series(1, 10) k,
		 generate_series(2, 10) m, generate_series(1, 10) j
   WHERE k <= n AND j <= m
   GROUP BY n, k, m, j) x;

--
-- 14. Bad input is echoed in part: at most 40 characters, cut on a
-- character boundary, then "...".
--
SELECT repeat('a', 10000000)::likelihood;
SELECT repeat('x', 40)::impact;
SELECT repeat('x', 41)::impact;
SELECT repeat('日', 45)::risk_level;
SELECT ('é' || repeat('1', 50))::likelihood;
SELECT repeat('7', 50)::likelihood;
SELECT ('3/' || repeat('9', 10000000))::likelihood;
SELECT length(pg_temp.try(format('SELECT %L::likelihood', repeat('b', 10000000)))) AS message_length;
-- CVSS: a component in part, the vector whole while it could be a real one
-- (a v4.0 vector with every metric has 178 characters), else in part
SELECT cvss_score('CVSS:3.1/AV:' || repeat('N', 10000000));
SELECT cvss_score('CVSS:3.1/' || repeat('Q', 100) || ':N/AC:L');
SELECT cvss_score('CVSS:3.1/AV:N/' || repeat('ü', 60));
SELECT cvss_score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N' || repeat('/AV:N', 100));
SELECT cvss_score(repeat('z', 10000000));
SELECT cvss_severity(('1e' || 1000)::numeric);
SELECT length(pg_temp.try(format('SELECT cvss_score(%L)', repeat('CVSS:3.1/', 1000000)))) AS message_length;
-- the OCTAVE Allegro words
SELECT octave_impact_value(repeat('x', 10000000));
SELECT octave_pool(' ' || repeat('ö', 50), 10);

--
-- 15. Integer forms of the scoring functions: levels on the default scales.
--
SELECT risk_level(3, 4), risk_level(3, 4, 'default'), risk_level(3, 4, default_matrix()),
	   risk_score(3, 4);
-- the same as the likelihood and impact forms, cell by cell
SELECT count(*) AS cells,
	   count(*) FILTER (WHERE risk_level(a, b) <> risk_level(a::likelihood, b::impact)) AS differ,
	   count(*) FILTER (WHERE risk_level(a, b, 'default') <> risk_level(a::likelihood, b::impact)) AS differ_named,
	   count(*) FILTER (WHERE risk_level(a, b, default_matrix()) <> risk_level(a::likelihood, b::impact)) AS differ_by_id,
	   count(*) FILTER (WHERE risk_score(a, b) <> a::likelihood * b::impact) AS differ_score
  FROM generate_series(1, 5) a, generate_series(1, 5) b;
-- out of the default scales
SELECT risk_level(6, 4);
SELECT risk_level(3, 0);
SELECT risk_score(-1, 2);
SELECT risk_level(2147483647, 1, 'default');
\set VERBOSITY sqlstate
SELECT risk_level(0, 1, default_matrix());
SELECT risk_score(1, 6);
\set VERBOSITY default
SELECT risk_level(NULL::int, 3) IS NULL AS null_likelihood, risk_score(3, NULL) IS NULL AS null_impact;
-- smaller integer types widen; a matrix of fewer levels takes levels that fit
SELECT risk_level(2::smallint, 5::smallint), risk_score(2::smallint, 2);
INSERT INTO risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('hostile 3x4', 3, 4, 3, '{{1,1,2,2},{1,2,2,3},{2,2,3,3}}');
SELECT risk_level(3, 2, 'hostile 3x4'), risk_level(1, 4, 'hostile 3x4');
SELECT risk_level(4, 4, 'hostile 3x4');
DELETE FROM risk_matrix WHERE name = 'hostile 3x4';
-- as a driver sends them: parameters typed integer, or left to the server
PREPARE by_int(int, int) AS SELECT risk_level($1, $2), risk_score($1, $2);
EXECUTE by_int(5, 5);
PREPARE untyped AS SELECT risk_level($1, $2) AS level, risk_score($1, $2) AS score;
EXECUTE untyped(1, 1);
EXECUTE untyped('likely', 'major');
PREPARE by_text(varchar, varchar) AS SELECT risk_level($1, $2, 'default');
EXECUTE by_text('almost certain', 'minor');
DEALLOCATE by_int;
DEALLOCATE untyped;
DEALLOCATE by_text;
-- quoted literals mean what they meant before the integer forms
SELECT risk_level('likely', 'major'), risk_level('3', '4'), risk_level('4/5', 'severe', 'default'),
	   risk_score('likely', 'major'), risk_level('2', 'minor', default_matrix());
SELECT risk_level('often', 'major');
-- declarations: volatility, parallel safety and strictness as the originals
SELECT p.oid::regprocedure, p.provolatile, p.proparallel, p.proisstrict, p.proleakproof
  FROM pg_proc p
 WHERE p.pronamespace = 'isms'::regnamespace AND p.proname IN ('risk_level', 'risk_score')
 ORDER BY p.oid::regprocedure::text;
\i sql/fixtures/end.sql
