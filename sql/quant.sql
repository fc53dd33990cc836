\i sql/fixtures/begin.sql
-- Quantitative risk analysis (SLE, ALE) and OCTAVE Allegro.

-- SLE = asset value x exposure factor; ALE = SLE x ARO
SELECT isms.sle(250000, 0.4) AS sle, isms.ale(isms.sle(250000, 0.4), 0.5) AS ale;
SELECT isms.sle(0, 1) AS zero_value, isms.sle(1000, 0) AS zero_factor, isms.ale(100000, 0) AS never;
SELECT isms.sle(1e20, 0.123456789) AS exact, isms.ale(12345.67, 2.5) AS exact_ale;
SELECT isms.sle(NULL, 0.5) AS null_in, isms.ale(1, NULL) AS null_aro;
SELECT isms.sle(-1, 0.5);
SELECT isms.sle(100, 1.01);
SELECT isms.sle(100, -0.1);
SELECT isms.sle('NaN', 0.5);
SELECT isms.sle('Infinity', 0.5);
SELECT isms.ale(-5, 1);
SELECT isms.ale(5, -1);
SELECT isms.ale(5, 'NaN');

-- OCTAVE Allegro: impact values
SELECT v, isms.octave_impact_value(v) FROM unnest(ARRAY['low', 'Moderate', ' HIGH ']) v;
SELECT isms.octave_impact_value('medium');

-- relative risk score: sum of priority x impact value
SELECT isms.octave_score('{5,4,3,2,1}', '{3,3,3,3,3}') AS max_of_five,
	   isms.octave_score('{5,4,3,2,1}', '{1,1,1,1,1}') AS min_of_five,
	   isms.octave_score('{5,4,3,2,1}', '{3,2,1,2,3}') AS mixed,
	   isms.octave_score('{}', '{}') AS empty;
SELECT isms.octave_score('{5,4}', '{1}');
SELECT isms.octave_score('{5,0}', '{1,1}');
SELECT isms.octave_score('{5,4}', '{1,4}');
SELECT isms.octave_score('{5,NULL}', '{1,1}');
SELECT isms.octave_score('{{5,4}}', '{1,1}');

-- the relative risk matrix: every probability and score band, at the edges
SELECT p, string_agg(s || ':' || isms.octave_pool(p, s), ' ' ORDER BY s) AS pools
  FROM unnest(ARRAY['high', 'medium', 'low']) p, unnest(ARRAY[1, 15, 16, 29, 30, 45]) s
 GROUP BY p ORDER BY min(array_position(ARRAY['high', 'medium', 'low'], p));
-- with a user-defined sixth area the maximum is 63: bands at 2/3 and 1/3
SELECT isms.octave_pool('high', 42, 63) AS top, isms.octave_pool('high', 41, 63) AS middle,
	   isms.octave_pool('low', 21, 63) AS bottom, isms.octave_pool('low', 22, 63) AS low_middle;
SELECT isms.octave_pool('certain', 20);
SELECT isms.octave_pool('high', 0);
SELECT isms.octave_pool('high', 46);
SELECT isms.octave_pool('high', 10, 2);
SELECT pool, isms.octave_mitigation(pool) FROM generate_series(1, 4) pool;
SELECT isms.octave_mitigation(5);

-- the organization's ranking of impact areas
INSERT INTO isms.organization (name) VALUES ('Allegro Test Org');
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'Allegro Test Org';
SELECT name, priority, user_defined
  FROM isms.octave_rank_impact_areas('reputation_and_customer_confidence', 'financial',
		'productivity', 'safety_and_health', 'fines_and_legal_penalties')
 ORDER BY priority DESC;
SELECT isms.octave_max_score() AS max_score;
SELECT isms.octave_relative_risk_score('{"reputation_and_customer_confidence": "high",
	"financial": "moderate", "productivity": "low", "safety_and_health": "low",
	"fines_and_legal_penalties": "moderate"}') AS score;
SELECT isms.octave_risk_pool('medium', '{"reputation_and_customer_confidence": "high",
	"financial": "moderate", "productivity": "low", "safety_and_health": "low",
	"fines_and_legal_penalties": "moderate"}') AS pool;
-- areas left out count 0
SELECT isms.octave_relative_risk_score('{"financial": "high"}') AS financial_only;
SELECT isms.octave_relative_risk_score('{"weather": "high"}');
SELECT isms.octave_relative_risk_score('["financial"]');
SELECT isms.octave_relative_risk_score('{"financial": "severe"}');
SELECT isms.octave_relative_risk_score('{"financial": null}');
SELECT isms.octave_risk_pool('high', '{}');
-- re-ranking with a user-defined area replaces the ranking
SELECT name, priority, user_defined
  FROM isms.octave_rank_impact_areas('financial', 'customer_data', 'reputation_and_customer_confidence')
 ORDER BY priority DESC;
SELECT isms.octave_max_score() AS max_score,
	   isms.octave_relative_risk_score('{"customer_data": "high", "financial": "low"}') AS score,
	   isms.octave_risk_pool('high', '{"customer_data": "high", "financial": "low"}') AS pool;
\set VERBOSITY terse
SELECT isms.octave_rank_impact_areas('financial', 'financial');
SELECT isms.octave_rank_impact_areas('Bad Name');
\set VERBOSITY default
SELECT name, priority FROM isms.octave_impact_area
 WHERE org_id = isms.current_org() ORDER BY priority DESC;
\i sql/fixtures/end.sql
