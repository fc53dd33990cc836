\i sql/fixtures/begin.sql
-- Text input and output of likelihood, impact and risk_level.
SET search_path = isms, public;
\set VERBOSITY default

-- levels, explicit scales and labels, case and white space ignored
SELECT '3'::likelihood AS bare, '3/5'::likelihood AS explicit, ' Likely '::likelihood AS label,
       'ALMOST CERTAIN'::likelihood AS spaced, 'almost-certain'::likelihood AS hyphen;
SELECT '1'::impact, 'negligible'::impact, 'Severe'::impact, '2/4'::impact, 'critical'::impact;
SELECT '4'::risk_level, 'critical'::risk_level, 'medium'::risk_level, '2/3'::risk_level,
       'very_low'::risk_level, 'moderate'::risk_level;

-- every built-in label, with level, scale and output
SELECT t, lbl, v, level, scale FROM (
  SELECT 'likelihood' AS t, lbl, lbl::likelihood::text AS v, level(lbl::likelihood), scale(lbl::likelihood)
    FROM unnest(ARRAY['rare','unlikely','possible','likely','almost_certain',
                      'improbable','remote','probable','frequent','low','medium','high']) AS lbl
  UNION ALL
  SELECT 'impact', lbl, lbl::impact::text, level(lbl::impact), scale(lbl::impact)
    FROM unnest(ARRAY['negligible','minor','moderate','major','severe',
                      'marginal','serious','critical','catastrophic','low','medium','high']) AS lbl
  UNION ALL
  SELECT 'risk_level', lbl, lbl::risk_level::text, level(lbl::risk_level), scale(lbl::risk_level)
    FROM unnest(ARRAY['low','medium','high','critical','very_low','moderate','very_high']) AS lbl
) s ORDER BY t, scale, level;

-- labels on an explicit scale; words shared with the default scale print with their scale
SELECT 'high/3'::risk_level, 'low/5'::risk_level, 'very_high/5'::risk_level, 'medium/3'::likelihood;
SELECT '3/3'::risk_level, '2/5'::risk_level, '1/4'::risk_level, '4/5'::risk_level;

-- scales without labels print k/N
SELECT '7/10'::likelihood, '1/2'::impact, '6/6'::risk_level, label('7/10'::likelihood) IS NULL AS no_label;

-- a bare number beyond the default scale stays a bare level until a column's scale resolves it
SELECT '7'::likelihood AS bare7, level('7'::likelihood), scale('7'::likelihood);

-- output followed by input gives back an equal value, for every value of every scale
WITH v AS (
  SELECT format('%s/%s', k, n) AS txt FROM generate_series(2, 10) n, generate_series(1, n) k
  UNION ALL SELECT k::text FROM generate_series(1, 10) k
)
SELECT count(*) AS values_checked,
       count(*) FILTER (WHERE txt::likelihood::text::likelihood = txt::likelihood) AS likelihood_ok,
       count(*) FILTER (WHERE txt::impact::text::impact = txt::impact) AS impact_ok,
       count(*) FILTER (WHERE txt::risk_level::text::risk_level = txt::risk_level) AS risk_level_ok
  FROM v;

-- label(), level(), scale()
SELECT label('4'::likelihood), label('2/3'::impact), label('high/3'::risk_level), label('9/10'::risk_level);
SELECT level('likely'::likelihood), scale('likely'::likelihood), level('low'::impact), scale('low'::impact);

-- casts to and from integer
SELECT 3::likelihood AS from_int, 4::likelihood(4) AS on_four, 'likely'::likelihood::integer AS to_int,
       8::impact(10) AS eight_of_ten;

-- the score
SELECT 'likely'::likelihood * 'major'::impact AS score, risk_score('likely', 'major'),
       'major'::impact * 'likely'::likelihood AS commuted, risk_score('2/4'::likelihood, '3/5'::impact) AS mixed;

-- comparison: same scale by level; different scales by relative position, then scale size
SELECT 'likely'::likelihood > 'possible'::likelihood AS gt, '3'::likelihood = '3/5'::likelihood AS bare_eq,
       'possible'::likelihood = '3/5'::likelihood AS label_eq, '3/5'::likelihood = '3/4'::likelihood AS cross_eq,
       '1/4'::likelihood < '1/5'::likelihood AS lowest_by_size, '3/5'::likelihood < '3/4'::likelihood AS mid_vs_high,
       '2/3'::likelihood <> '3/5'::likelihood AS ne, '2/3'::likelihood >= '3/5'::likelihood AS ge_false,
       '2/3'::likelihood <= '3/5'::likelihood AS le_true;
SELECT v FROM unnest(ARRAY['5/5','1/2','3/5','2/3','2/2','1/10','4/4','10/10','3']::likelihood[]) AS v ORDER BY v;
SELECT min(v), max(v) FROM unnest(ARRAY['2/3','rare','likely','4/4','1/2']::likelihood[]) AS v;
SELECT min(v), max(v) FROM unnest(ARRAY['low','critical','high/3']::risk_level[]) AS v;

-- hashing agrees with equality
SELECT count(DISTINCT v) AS distinct_values FROM unnest(ARRAY['3','3/5','possible','3/4','remote','2/4']::likelihood[]) AS v;
SELECT v, count(*) FROM unnest(ARRAY['3','3/5','possible','likely']::likelihood[]) AS v GROUP BY v ORDER BY v;
SELECT likelihood_hash('3') = likelihood_hash('possible') AS hash_eq,
       likelihood_hash_extended('3', 7) = likelihood_hash_extended('3/5', 7) AS hash_ext_eq;

-- storage: two bytes, passed by value
SELECT pg_column_size('likely'::likelihood), pg_column_size('5/10'::impact), pg_column_size('low'::risk_level);
SELECT typname, typlen, typbyval FROM pg_type
 WHERE typname IN ('likelihood', 'impact', 'risk_level') ORDER BY typname;

-- errors: syntax (22P02) and range (22003)
\set VERBOSITY default
SELECT 'sometimes'::likelihood;
SELECT ''::impact;
SELECT '3/'::likelihood;
SELECT '3x'::likelihood;
SELECT '3/4/5'::risk_level;
SELECT 'likely/4'::likelihood;
SELECT 'likely!'::likelihood;
SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'::impact;
SELECT '0'::likelihood;
SELECT '11'::impact;
SELECT '99999999999999999999'::impact;
SELECT '6/5'::likelihood;
SELECT '0/5'::likelihood;
SELECT '3/11'::risk_level;
SELECT '1/1'::risk_level;
SELECT 'low/11'::risk_level;
SELECT 0::likelihood;
SELECT 11::risk_level;
SELECT 5::likelihood(4);
\set VERBOSITY sqlstate
SELECT 'sometimes'::likelihood;
SELECT '11'::impact;
SELECT '3/1'::risk_level;
SELECT 'x'::risk_level;
\set VERBOSITY default
\i sql/fixtures/end.sql
