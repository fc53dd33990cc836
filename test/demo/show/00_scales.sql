\echo
\echo '== isms: the scale types =='
\echo 'likelihood and impact on 5 levels (the default), risk_level on 4; the score is likelihood x impact'
\echo
SELECT isms.level(l) AS level, l AS likelihood, i AS impact, r AS risk_level
  FROM unnest('{rare,unlikely,possible,likely,almost_certain}'::isms.likelihood[],
              '{negligible,minor,moderate,major,severe}'::isms.impact[],
              '{low,medium,high,critical,NULL}'::isms.risk_level[]) AS s(l, i, r);

\echo 'Scores: likelihood (rows) x impact (columns)'
SELECT l AS "likelihood / impact",
       isms.risk_score(l, 'negligible') AS negligible, isms.risk_score(l, 'minor') AS minor,
       isms.risk_score(l, 'moderate') AS moderate, isms.risk_score(l, 'major') AS major,
       isms.risk_score(l, 'severe') AS severe
  FROM unnest('{almost_certain,likely,possible,unlikely,rare}'::isms.likelihood[]) AS l;

\echo 'Other scales: a type modifier fixes a column''s scale'
SELECT v AS input, v::isms.likelihood(4) AS "likelihood(4)", v::isms.impact(10) AS "impact(10)",
       v::isms.risk_level(3) AS "risk_level(3)"
  FROM unnest('{1,2,3}'::text[]) AS v;
