-- Charts as SVG files a user can open: the heat map of the register's
-- residual risks on the default risk matrix, and a loss exceedance curve.
\echo
\echo '== isms: charts as SVG pictures =='
\pset tuples_only on
\pset format unaligned
\o :out/heatmap.svg
WITH m AS (
	SELECT * FROM isms.risk_matrix WHERE is_default ORDER BY version DESC LIMIT 1
), c AS (
	SELECT isms.level(r.residual_likelihood) AS l, isms.level(r.residual_impact) AS i,
		   count(*) AS n
	  FROM isms.risk r
	 WHERE r.residual_likelihood IS NOT NULL AND r.residual_impact IS NOT NULL
	   AND r.status <> 'closed'
	 GROUP BY 1, 2
)
SELECT isms.heatmap_svg(m.grid,
		(SELECT array_agg(counts ORDER BY l)
		   FROM (SELECT l, array_agg(coalesce(c.n, 0) ORDER BY i) AS counts
				   FROM generate_series(1, m.likelihood_levels) AS l
				  CROSS JOIN generate_series(1, m.impact_levels) AS i
				   LEFT JOIN c USING (l, i)
				  GROUP BY l) AS r),
		'Residual risk on ' || m.name)
  FROM m;
\o :out/loss_exceedance.svg
-- an example curve: probability that the annual loss exceeds each amount
SELECT isms.loss_exceedance_svg(
		ARRAY[0, 25000, 50000, 100000, 250000, 500000, 1000000, 2000000],
		ARRAY[0.95, 0.80, 0.62, 0.41, 0.18, 0.07, 0.02, 0.004],
		'Loss exceedance: ransomware (example)', 'EUR');
\o
\pset tuples_only off
\pset format aligned
\echo 'written: heatmap.svg, loss_exceedance.svg'
