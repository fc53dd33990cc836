\i sql/fixtures/begin.sql
-- CVSS scoring: v3.0, v3.1 and v4.0.
--
-- The expected scores of the vectors below were derived independently: the
-- v3 ones by an exact-arithmetic reading of the specification's formulas
-- (the reference in test/t/cvss3_formulas.py), the v4.0 ones by FIRST's
-- calculator code (cvss_score.js).  test/t/cvss_reference.py checks FIRST's
-- own examples and macro-vector scores from ../shared/data/cvss/.

-- The functions are pure: IMMUTABLE, STRICT, PARALLEL SAFE.
SELECT p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid) AS args,
	   p.provolatile, p.proisstrict, p.proparallel
  FROM pg_catalog.pg_proc p
 WHERE p.pronamespace = 'isms'::regnamespace AND p.proname LIKE 'cvss%'
 ORDER BY 1, 2;

-- v3.1: one vector per branch of the formulas.
SELECT v.note, s.version, s.base, s.temporal, s.environmental, s.severity,
	   isms.cvss_score(v.vector) AS score
  FROM (VALUES
	(1, 'scope unchanged', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(2, 'scope changed, capped at 10', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'),
	(3, 'PR:H weighs 0.27 unchanged', 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N'),
	(4, 'PR:H weighs 0.5 changed', 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:N'),
	(5, 'MS:U takes PR back to 0.27', 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:N/MS:U'),
	(6, 'MS:C weighs MPR (from PR:L) 0.68', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C'),
	(7, 'no impact, scope unchanged', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N'),
	(8, 'negative impact, scope changed', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N'),
	(9, 'negative modified impact', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:C/MC:N/MI:N/MA:N'),
	(10, 'Roundup: exactly 9.2, not 9.3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U'),
	(11, 'Roundup: exactly 4.6, not 4.7', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:N/A:N/RC:U'),
	(12, 'lowest temporal weights', 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/E:U/RL:O/RC:U'),
	(13, 'modified impact capped at 0.915', 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:H/CR:H/IR:H/AR:H'),
	(14, 'v3.1 modified impact, all X', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H'),
	(15, 'v3.0 modified impact, all X', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H'),
	(16, 'v3.1 MS:C with high requirements', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N/CR:H/IR:H/AR:H/MS:C'),
	(17, 'v3.0 MS:C with high requirements', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N/CR:H/IR:H/AR:H/MS:C'),
	(18, 'every metric', 'CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:H/A:N/E:P/RL:W/RC:R/CR:L/IR:H/AR:M/MAV:L/MAC:L/MPR:H/MUI:N/MS:U/MC:H/MI:L/MA:L'),
	(19, 'every metric, any order', 'CVSS:3.1/MA:L/MI:L/MC:H/MS:U/MUI:N/MPR:H/MAC:L/MAV:L/AR:M/IR:H/CR:L/RC:R/RL:W/E:P/A:N/I:H/C:L/S:C/UI:R/PR:L/AC:H/AV:A'),
	(20, 'every optional metric X', 'CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:H/A:N/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X'),
	(21, 'white space around the vector', E'  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\n')
	) AS v(n, note, vector),
	   isms.cvss_scores(v.vector) AS s
 ORDER BY v.n;

-- v4.0: the score of the vector as given (CVSS-B, -BT, -BE, -BTE).
SELECT v.note, s.version, s.base, s.temporal, s.environmental, s.severity,
	   isms.cvss_score(v.vector) AS score
  FROM (VALUES
	(1, 'no impact at all', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N'),
	(2, 'highest', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H'),
	(3, 'a macro vector''s highest vector', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N'),
	(4, 'EQ1 distance 1 (AV:A)', 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
	(5, 'EQ1 distance 2 (AV:L, PR:L)', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
	(6, 'EQ2 distance 1 (AC:H, AT:P)', 'CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
	(7, 'EQ3/EQ6 00: two ways down', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N'),
	(8, 'exact tie 8.55 rounds up', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H'),
	(9, 'lowest macro vector: no lower one', 'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:U/CR:L/IR:L/AR:L'),
	(10, 'subsequent system only', 'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N'),
	(11, 'threat E:P (CVSS-BT)', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P'),
	(12, 'threat E:U (CVSS-BT)', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U'),
	(13, 'requirements L (CVSS-BE)', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L'),
	(14, 'requirements M (CVSS-BE)', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:M/IR:M/AR:M'),
	(15, 'safety MSI:S', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S'),
	(16, 'modified metrics replace base', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:N/MPR:N'),
	(17, 'modified impact to none', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MVC:N/MVI:N/MVA:N'),
	(18, 'every optional metric X', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X'),
	(19, 'supplemental metrics do not score', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red'),
	(20, 'every metric (CVSS-BTE)', 'CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:L/VA:L/SC:L/SI:H/SA:N/E:P/CR:H/IR:M/AR:L/MAV:L/MAC:L/MAT:N/MPR:H/MUI:A/MVC:L/MVI:H/MVA:N/MSC:H/MSI:S/MSA:L'),
	(21, 'every metric, any order', 'CVSS:4.0/MSA:L/MSI:S/MSC:H/MVA:N/MVI:H/MVC:L/MUI:A/MPR:H/MAT:N/MAC:L/MAV:L/AR:L/IR:M/CR:H/E:P/SA:N/SI:H/SC:L/VA:L/VI:L/VC:H/UI:P/PR:L/AT:P/AC:H/AV:A'),
	(22, 'mixed', 'CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:H/VA:H/SC:L/SI:L/SA:H/E:P/CR:M/IR:L/AR:H')
	) AS v(n, note, vector),
	   isms.cvss_scores(v.vector) AS s
 ORDER BY v.n;

-- NULL in, NULL out.
SELECT isms.cvss_score(NULL) IS NULL AS score_null,
	   (isms.cvss_scores(NULL)).base IS NULL AS scores_null,
	   isms.cvss_severity(NULL) IS NULL AS severity_null;

-- Faults: each is 22P02 and names the offending metric or component.
CREATE FUNCTION pg_temp.cvss_error(vector text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	state text;
	message text;
BEGIN
	PERFORM isms.cvss_score(vector);
	RETURN 'no error';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
	RETURN state || ': ' || message;
END
$$;

SELECT v.vector, pg_temp.cvss_error(v.vector) AS error
  FROM (VALUES
	(1, ''),
	(2, 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(3, 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P'),
	(4, 'CVSS:3.10/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(5, 'cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(6, 'CVSS:3.1'),
	(7, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'),
	(8, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H'),
	(9, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L'),
	(10, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:X'),
	(11, 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(12, 'CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(13, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MPR:S'),
	(14, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N'),
	(15, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/'),
	(16, 'CVSS:3.1/AV:N/AC:L//PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(17, 'CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(18, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H junk'),
	(19, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Hx'),
	(20, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/junk'),
	(21, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/:H'),
	(22, 'CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(23, 'CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(24, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:S'),
	(25, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N'),
	(26, 'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
	(27, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N'),
	(28, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S'),
	(29, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:F'),
	(30, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red'),
	(31, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:C'),
	(32, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O'),
	(33, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/VC:L'),
	(34, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N trailing')
	) AS v(n, vector)
 ORDER BY v.n;

-- The full report of a fault: message, detail and hint.
SELECT isms.cvss_score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y');
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H');
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:L/MSI:L');
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Purple');
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_score('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
\echo :LAST_ERROR_SQLSTATE

-- Severity ratings (v3.1 section 5; v4.0 uses the same scale).
SELECT s AS score, isms.cvss_severity(s) AS severity
  FROM unnest('{0, 0.0, 0.1, 3.9, 3.95, 4.0, 6.9, 7.0, 8.9, 8.95, 9.0, 10, 10.00}'::numeric[]) AS s;
SELECT isms.cvss_severity(-0.1);
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_severity(10.01);
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_severity('NaN');
\echo :LAST_ERROR_SQLSTATE

-- Into the register: likelihood from exploitability, impact from the impact
-- metrics, on 5 levels (the default), 3 and 10.
SELECT v.note,
	   isms.cvss_likelihood(v.vector) AS likelihood,
	   isms.cvss_impact(v.vector) AS impact,
	   isms.cvss_likelihood(v.vector, 3) AS likelihood_3,
	   isms.cvss_impact(v.vector, 3) AS impact_3,
	   isms.cvss_likelihood(v.vector, 10) AS likelihood_10,
	   isms.cvss_impact(v.vector, 10) AS impact_10
  FROM (VALUES
	(1, 'v3 network, no privileges', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	(2, 'v3 network, low privileges', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N'),
	(3, 'v3 local, low privileges', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L'),
	(4, 'v3 physical, hardest', 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N'),
	(5, 'v3 scope changed', 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:N'),
	(6, 'v3 negative impact', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N'),
	(7, 'v3 environment lowers both', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L/MPR:H/CR:L/IR:L/AR:L'),
	(8, 'v4 worst case', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
	(9, 'v4 one vulnerable-system H', 'CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N'),
	(10, 'v4 subsequent-system H', 'CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N'),
	(11, 'v4 low impact only', 'CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:N/SC:N/SI:N/SA:L'),
	(12, 'v4 hardest, no impact', 'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N'),
	(13, 'v4 safety', 'CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:S'),
	(14, 'v4 environment raises both', 'CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:N/SC:N/SI:N/SA:L/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H')
	) AS v(n, note, vector)
 ORDER BY v.n;
SELECT pg_catalog.pg_typeof(isms.cvss_likelihood('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')) AS likelihood_type,
	   pg_catalog.pg_typeof(isms.cvss_impact('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')) AS impact_type,
	   isms.level(isms.cvss_likelihood('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 4)) AS level,
	   isms.scale(isms.cvss_likelihood('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 4)) AS scale;
SELECT isms.cvss_likelihood('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 1);
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_impact('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 11);
\echo :LAST_ERROR_SQLSTATE
SELECT isms.cvss_impact('CVSS:3.1/AV:N', 5);
\echo :LAST_ERROR_SQLSTATE

-- Scoring the vulnerability register, and a parallel plan scores the same.
BEGIN;
INSERT INTO isms.organization (name) VALUES ('cvss test');
INSERT INTO isms.vulnerability (title, source, cvss_vector) VALUES
	('SQL injection in login', 'pentest', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
	('stored XSS', 'scanner', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N'),
	('default credentials on a PLC', 'audit', 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S'),
	('no vector yet', 'other', NULL);
UPDATE isms.vulnerability SET cvss_score = isms.cvss_score(cvss_vector);
SELECT title, cvss_score, isms.cvss_severity(cvss_score) AS severity,
	   isms.cvss_likelihood(cvss_vector) AS likelihood, isms.cvss_impact(cvss_vector) AS impact
  FROM isms.vulnerability ORDER BY id;
ROLLBACK;

CREATE TABLE cvss_many AS
SELECT 'CVSS:3.1/AV:' || (ARRAY['N','A','L','P'])[1 + i % 4] || '/AC:' || (ARRAY['L','H'])[1 + i / 4 % 2]
	   || '/PR:' || (ARRAY['N','L','H'])[1 + i / 8 % 3] || '/UI:' || (ARRAY['N','R'])[1 + i / 24 % 2]
	   || '/S:' || (ARRAY['U','C'])[1 + i / 48 % 2] || '/C:' || (ARRAY['N','L','H'])[1 + i / 96 % 3]
	   || '/I:' || (ARRAY['N','L','H'])[1 + i / 288 % 3] || '/A:' || (ARRAY['N','L','H'])[1 + i / 864 % 3] AS vector
  FROM generate_series(0, 2591) AS i;
SELECT count(*), sum(isms.cvss_score(vector)) AS serial_sum FROM cvss_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum(isms.cvss_score(vector)) FROM cvss_many;
SELECT count(*), sum(isms.cvss_score(vector)) AS parallel_sum FROM cvss_many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE cvss_many;
\i sql/fixtures/end.sql
