\i sql/fixtures/begin.sql
-- FAIR Monte Carlo simulation: models, determinism, closed forms, the loss
-- exceedance curve, samples of the distributions, and malformed models.

-- the closed form: frequency x exp(mu + sigma^2 / 2)
SELECT isms.lognormal_ale(0.1, 1, 10) AS reference,
	   round(isms.lognormal_ale(0.1, 1, 10)::numeric, 14) = 0.40400128269457 AS matches_reference,
	   isms.lognormal_ale(2, 5, 5) AS degenerate, isms.lognormal_ale(0, 1, 10) AS never;
SELECT isms.lognormal_ale(-1, 1, 10);
SELECT isms.lognormal_ale(1, 0, 10);
SELECT isms.lognormal_ale(1, 10, 1);
SELECT isms.lognormal_ale('NaN', 1, 10);
SELECT isms.lognormal_ale(1, 1, 'Infinity');

-- the same model, iterations and seed give the same result, to the bit
CREATE TEMP TABLE models (name text PRIMARY KEY, model jsonb);
INSERT INTO models VALUES
	('poisson-lognormal', '{"lef": 0.1, "lm": {"lognormal": [1, 10]}}'),
	('frequent-lognormal', '{"lef": 4, "lm": {"lognormal": [1000, 50000]}}'),
	('pert-pert', '{"lef": {"pert": [0.5, 2, 6]}, "lm": {"pert": [10000, 50000, 500000]}}'),
	('tef-vulnerability', '{"lef": {"tef": {"uniform": [10, 30]}, "vulnerability": {"pert": [0.1, 0.2, 0.5]}},
		"lm": {"normal": [20000, 5000]}}'),
	('secondary', '{"lef": {"constant": 2},
		"lm": {"primary": {"pert": [1000, 2000, 9000], "gamma": 3},
			   "secondary": {"frequency": 0.25, "magnitude": {"lognormal": [10000, 200000]}}}}'),
	('large-lef', '{"lef": {"uniform": [40, 60]}, "lm": {"uniform": [100, 300]}}');
SELECT name, a = b AS same_seed_same_result, a <> c AS other_seed_other_result
  FROM models,
	   LATERAL (SELECT isms.fair_simulate(model, 20000, 42) a, isms.fair_simulate(model, 20000, 42) b,
					   isms.fair_simulate(model, 20000, 43) c) r
 ORDER BY name;

-- exact results for one seed (fixed by the generator and its seeding)
SELECT (r).iterations, round((r).mean::numeric, 6) AS mean, round((r).stddev::numeric, 6) AS stddev,
	   round((r).p10::numeric, 6) AS p10, round((r).p50::numeric, 6) AS p50,
	   round((r).p90::numeric, 6) AS p90, round((r).p95::numeric, 6) AS p95,
	   round((r).p99::numeric, 6) AS p99, round((r).max::numeric, 6) AS max
  FROM (SELECT isms.fair_simulate('{"lef": 0.1, "lm": {"lognormal": [1, 10]}}', 100000, 1) r) s;
-- the defaults are 100000 iterations and seed 1
SELECT isms.fair_simulate('{"lef": 0.1, "lm": {"lognormal": [1, 10]}}')
	 = isms.fair_simulate('{"lef": 0.1, "lm": {"lognormal": [1, 10]}}', 100000, 1) AS defaults;

-- the mean against the closed form, and percentiles in order
-- (tolerance: 4 standard errors, sd / sqrt(n); the seed makes it pass or fail for good)
SELECT name, (r).iterations,
	   abs((r).mean - expected) <= 4 * (r).stddev / sqrt((r).iterations) AS mean_ok,
	   round((abs((r).mean - expected) / ((r).stddev / sqrt((r).iterations)))::numeric, 2) AS standard_errors,
	   (r).p10 <= (r).p50 AND (r).p50 <= (r).p90 AND (r).p90 <= (r).p95
		   AND (r).p95 <= (r).p99 AND (r).p99 <= (r).max AS percentiles_monotone
  FROM (SELECT m.name, isms.fair_simulate(m.model, 200000, 7) r,
			   CASE m.name
				   WHEN 'poisson-lognormal' THEN isms.lognormal_ale(0.1, 1, 10)
				   WHEN 'frequent-lognormal' THEN isms.lognormal_ale(4, 1000, 50000)
				   -- E[PERT] = (min + gamma mode + max) / (gamma + 2)
				   WHEN 'pert-pert' THEN (0.5 + 4 * 2 + 6) / 6.0 * (10000 + 4 * 50000 + 500000) / 6.0
				   -- E[tef] E[vulnerability] E[lm]; the normal is clipped at 0 beyond 4 sd
				   WHEN 'tef-vulnerability' THEN 20 * ((0.1 + 4 * 0.2 + 0.5) / 6.0) * 20000
				   WHEN 'secondary' THEN 2 * ((1000 + 3 * 2000 + 9000) / 5.0
											  + 0.25 * isms.lognormal_ale(1, 10000, 200000))
				   WHEN 'large-lef' THEN 50 * 200
			   END AS expected
		  FROM models m) s
 ORDER BY name;

-- the standard deviation of a compound Poisson: sqrt(lambda E[X^2]);
-- for a constant magnitude of 1 the annual loss is the Poisson count
SELECT lambda, (r).mean, round((r).stddev::numeric, 3) AS stddev, (r).p50, (r).max,
	   abs((r).mean - lambda) <= 4 * sqrt(lambda / 200000.0) AS mean_ok,
	   abs((r).stddev - sqrt(lambda)) <= 0.02 * sqrt(lambda) AS stddev_ok
  FROM unnest(ARRAY[0.5, 3, 9.5, 10, 25, 1000]) lambda,
	   LATERAL (SELECT isms.fair_simulate(jsonb_build_object('lef', lambda, 'lm', 1), 200000, 3) r) s
 ORDER BY lambda;

-- nearest-rank percentiles: with n = 10 the p-th percentile is the value of rank ceil(p n / 100)
SELECT (r).iterations, (r).p10, (r).p50, (r).p90, (r).p95, (r).p99, (r).max, (r).stddev IS NOT NULL AS has_sd
  FROM (SELECT isms.fair_simulate('{"lef": 1000, "lm": 1}', 10, 5) r) s;
SELECT array_agg(x ORDER BY x) AS years_sorted FROM isms.fair_years('{"lef": 1000, "lm": 1}', 10, 5) x;
-- the statistics are those of the simulated years: percentile_disc is nearest rank
SELECT name,
	   (r).p10 = y.p10 AND (r).p50 = y.p50 AND (r).p90 = y.p90 AND (r).p95 = y.p95
		   AND (r).p99 = y.p99 AND (r).max = y.max AS percentiles_equal,
	   abs((r).mean - y.mean) <= 1e-9 * y.mean AS mean_equal,
	   abs((r).stddev - y.sd) <= 1e-9 * y.sd AS stddev_equal, y.n
  FROM models,
	   LATERAL (SELECT isms.fair_simulate(model, 30001, 17) r) s,
	   LATERAL (SELECT count(*) n, avg(x) mean, stddev_samp(x) sd, max(x) max,
					   percentile_disc(0.10) WITHIN GROUP (ORDER BY x) p10,
					   percentile_disc(0.50) WITHIN GROUP (ORDER BY x) p50,
					   percentile_disc(0.90) WITHIN GROUP (ORDER BY x) p90,
					   percentile_disc(0.95) WITHIN GROUP (ORDER BY x) p95,
					   percentile_disc(0.99) WITHIN GROUP (ORDER BY x) p99
				  FROM isms.fair_years(model, 30001, 17) x) y
 ORDER BY name;
SELECT (r).iterations, (r).mean, (r).stddev, (r).p10, (r).p99
  FROM (SELECT isms.fair_simulate('{"lef": {"constant": 0}, "lm": 5}', 1, 1) r) s;

-- the loss exceedance curve
SELECT count(*) AS points, min(loss) AS first_loss, max(probability) AS first_probability,
	   min(probability) AS last_probability,
	   bool_and(probability BETWEEN 0 AND 1) AS probabilities_ok
  FROM isms.loss_exceedance('{"lef": 2, "lm": {"lognormal": [100, 1000]}}', 50000, 9, 20);
-- the curve falls as the loss rises, and its last point is the largest loss
SELECT bool_and(loss > prev_loss) AS losses_rise, bool_and(probability <= prev_probability) AS probabilities_fall,
	   max(loss) = (SELECT (isms.fair_simulate('{"lef": 2, "lm": {"lognormal": [100, 1000]}}', 50000, 9)).max)
		   AS last_is_max
  FROM (SELECT loss, probability, lag(loss) OVER w AS prev_loss, lag(probability) OVER w AS prev_probability
		  FROM isms.loss_exceedance('{"lef": 2, "lm": {"lognormal": [100, 1000]}}', 50000, 9, 20)
		WINDOW w AS (ORDER BY loss)) s
 WHERE prev_loss IS NOT NULL;
-- at loss 0 the probability is that of a year with a loss: 1 - exp(-lef)
SELECT round(probability::numeric, 3) AS p_any_loss, round((1 - exp(-2))::numeric, 3) AS expected
  FROM isms.loss_exceedance('{"lef": 2, "lm": {"lognormal": [100, 1000]}}', 50000, 9, 20) LIMIT 1;
-- an exact small curve: constant losses of 1 per event, lef 1000, 10 years
SELECT * FROM isms.loss_exceedance('{"lef": 1000, "lm": 1}', 10, 5, 3);
SELECT * FROM isms.loss_exceedance('{"lef": 1, "lm": 1}', 10, 5, 1);
SELECT * FROM isms.loss_exceedance('{"lef": 1, "lm": 1}', 10, 5, 10001);

-- samples of the distributions: moments and quantiles against the exact ones
SELECT round(avg(x)::numeric, 2) AS mean, round(stddev(x)::numeric, 2) AS sd,
	   round(avg((x > 10 + 1.6448536269514722)::int)::numeric, 3) AS p_above_z95,
	   round(min(x)::numeric, 1) > 5 AS no_clipping
  FROM isms.fair_sample('{"normal": [10, 1]}', 400000, 11) x;
SELECT round(avg((x < 100)::int)::numeric, 3) AS below_p05, round(avg((x > 10000)::int)::numeric, 3) AS above_p95
  FROM isms.fair_sample('{"lognormal": [100, 10000]}', 400000, 12) x;
SELECT round(avg(x)::numeric, 2) AS mean, (1 + 4 * 2 + 10) / 6.0 AS expected_mean,
	   min(x) >= 1 AND max(x) <= 10 AS within_range
  FROM isms.fair_sample('{"pert": [1, 2, 10]}', 400000, 13) x;
SELECT round(avg(x)::numeric, 2) AS mean, (1 + 8 * 2 + 10) / 10.0 AS expected_mean
  FROM isms.fair_sample('{"pert": [1, 2, 10], "gamma": 8}', 400000, 13) x;
SELECT round(avg(x)::numeric, 3) AS mean, round(variance(x)::numeric, 4) AS var, 1 / 12.0 AS expected_var
  FROM isms.fair_sample('{"uniform": [0, 1]}', 400000, 14) x;
SELECT min(x), max(x), count(*) FROM isms.fair_sample('{"normal": [0.1, 1]}', 1000, 15) x;  -- clipped at 0
SELECT array_agg(x) AS constants FROM isms.fair_sample('7.5', 3) x;
SELECT array_agg(x) AS degenerate_pert FROM isms.fair_sample('{"pert": [3, 3, 3]}', 2) x;
SELECT (SELECT array_agg(x) FROM isms.fair_sample('{"uniform": [0, 1]}', 5, 99) x)
	 = (SELECT array_agg(x) FROM isms.fair_sample('{"uniform": [0, 1]}', 5, 99) x) AS sample_deterministic;
-- probabilities are clipped to [0, 1]: vulnerability 1.5 acts as 1
SELECT isms.fair_simulate('{"lef": {"tef": 3, "vulnerability": 1.5}, "lm": 1}', 1000, 2)
	 = isms.fair_simulate('{"lef": {"tef": 3, "vulnerability": 1}, "lm": 1}', 1000, 2) AS clipped;

-- malformed models: the error names the node
SELECT isms.fair_simulate('[1, 2]');
SELECT isms.fair_simulate('{"lef": 1}');
SELECT isms.fair_simulate('{"lm": 1}');
SELECT isms.fair_simulate('{"lef": 1, "lm": 1, "extra": 1}');
SELECT isms.fair_simulate('{"lef": "often", "lm": 1}');
SELECT isms.fair_simulate('{"lef": -1, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"poisson": 3}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"pert": [1, 2]}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"pert": [3, 2, 1]}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"pert": [1, 2, 3], "gamma": -1}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"uniform": [1, 2], "gamma": 4}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"uniform": [1, 2], "normal": [1, 2]}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"lognormal": [0, 10]}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"lognormal": [10, 1]}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"lognormal": [1, "x"]}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"uniform": [-1, 1]}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"normal": [5, -1]}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"constant": [5]}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": 1e400}');
SELECT isms.fair_simulate('{"lef": {"tef": 5}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"tef": 5, "vulnerability": 0.5, "contact": 2}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": {"tef": 5, "vulnerability": {"normal": [0.5]}}, "lm": 1}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"secondary": {"frequency": 0.1, "magnitude": 5}}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"primary": 5, "secondary": 3}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"primary": 5, "secondary": {"frequency": 0.1}}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"primary": 5, "secondary": {"frequency": 0.1, "magnitude": {"pert": [1]}}}}');
SELECT isms.fair_simulate('{"lef": 1, "lm": {"primary": 5, "tertiary": 1}}');
SELECT isms.fair_sample('[1]');
-- out-of-range settings and draws
SELECT isms.fair_simulate('{"lef": 1, "lm": 1}', 0);
SELECT isms.fair_simulate('{"lef": 1, "lm": 1}', 10000001);
SELECT isms.fair_simulate('{"lef": 1e8, "lm": 1}', 10);
SELECT isms.fair_simulate('{"lef": 1, "lm": 1e30}', 10);
SELECT isms.fair_sample('1', 0);
SELECT count(*) FROM isms.fair_years('{"lef": 1, "lm": 1}', -1);
SELECT count(*) FROM isms.fair_years('{"lef": 1, "lm": [1]}');
SELECT * FROM isms.loss_exceedance('{"lef": 1, "lm": 1}', 0);
SELECT isms.fair_simulate(NULL) IS NULL AS strict;

-- a threat event frequency that overflows (a lognormal whose 95th
-- percentile is 1e300) is an error, also where vulnerability 0 would make
-- the loss event frequency NaN and the years silently free of loss
SELECT isms.fair_simulate('{"lef": {"tef": {"lognormal": [1, 1e300]}, "vulnerability": 0}, "lm": 1}', 100);
-- a huge but finite threat event frequency times a small vulnerability is fine
SELECT (r).iterations, (r).mean > 0 AS has_losses
  FROM (SELECT isms.fair_simulate('{"lef": {"tef": 1e12, "vulnerability": 1e-11}, "lm": 1}', 100) AS r) AS s;
-- the curve is exactly the share of the simulated years above each point,
-- also where a point falls on a simulated loss (multiples of 1000 here)
SELECT count(*) AS points, count(*) FILTER (WHERE e.loss = round(e.loss / 1000) * 1000) AS on_a_loss,
	   bool_and(e.probability = (SELECT count(*) FILTER (WHERE y > e.loss)::float8 / count(*)
								   FROM isms.fair_years('{"lef": 3, "lm": 1000}', 20000, 4) AS y)) AS exact
  FROM isms.loss_exceedance('{"lef": 3, "lm": 1000}', 20000, 4, 13) AS e;
SELECT count(*) AS points,
	   bool_and(e.probability = (SELECT count(*) FILTER (WHERE y > e.loss)::float8 / count(*)
								   FROM isms.fair_years('{"lef": 0.7, "lm": {"lognormal": [10, 5000]}}', 30000, 8) AS y)) AS exact
  FROM isms.loss_exceedance('{"lef": 0.7, "lm": {"lognormal": [10, 5000]}}', 30000, 8, 101) AS e;
\i sql/fixtures/end.sql
