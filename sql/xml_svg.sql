-- SVG charts: the risk heat map and the loss exceedance curve.
\set VERBOSITY default
CREATE TEMP TABLE grid5 AS
SELECT ARRAY[['low','low','medium','medium','high'],
			 ['low','medium','medium','high','high'],
			 ['medium','medium','high','high','critical'],
			 ['medium','high','high','critical','critical'],
			 ['high','high','critical','critical','critical']]::isms.risk_level[] AS grid;

-- the whole picture for a small 3 x 3 matrix
SELECT isms.heatmap_svg(ARRAY[['low','low','medium'],['low','medium','high'],['medium','high','high']]::isms.risk_level(3)[],
						ARRAY[[1,0,0],[0,2,0],[0,0,12]]::bigint[], 'Residual <risk> & more');

-- 5 x 5: one cell per likelihood and impact, with its level and count
CREATE TEMP TABLE heat AS
SELECT isms.heatmap_svg(grid, ARRAY[[0,1,0,0,0],[2,0,3,0,0],[0,0,1,4,0],[0,0,0,2,1],[0,0,0,0,1]]::bigint[],
						'Residual risk') AS svg FROM grid5;
SELECT xml_is_well_formed_document(svg::text) AS well_formed,
	   (xpath('/s:svg/@data-risks', svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS risks,
	   (xpath('count(//s:g[@class="cell"])', svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS cells,
	   (xpath('/s:svg/s:title/text()', svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS title
  FROM heat;
SELECT (xpath('/s:g/@data-likelihood', c, n))[1]::text AS likelihood,
	   (xpath('/s:g/@data-impact', c, n))[1]::text AS impact,
	   (xpath('/s:g/@data-level', c, n))[1]::text AS level,
	   (xpath('/s:g/@data-count', c, n))[1]::text AS count,
	   (xpath('/s:g/s:rect/@fill', c, n))[1]::text AS fill,
	   (xpath('/s:g/s:text/text()', c, n))[1]::text AS shown,
	   (xpath('/s:g/s:title/text()', c, n))[1]::text AS tooltip
  FROM heat, unnest(xpath('//s:g[@class="cell"]', svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS c,
	   (SELECT ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS n) AS ns
 WHERE (xpath('/s:g/@data-likelihood', c, n))[1]::text IN ('1', '5')
 ORDER BY 1, 2;
-- axis labels and legend
SELECT string_agg(t::text, ', ') AS labels
  FROM heat, unnest(xpath('/s:svg/s:text/text()', svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
SELECT string_agg(t::text, ', ') AS legend
  FROM heat, unnest(xpath('//s:g[@class="legend"]/s:text/text()', svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
-- no counts: an empty matrix; a 4 x 6 matrix on a 5-level risk scale
SELECT (xpath('count(//s:g[@class="cell"]/s:text)', isms.heatmap_svg(grid, NULL), ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS numbers_shown
  FROM grid5;
SELECT string_agg(t::text, ', ') AS labels
  FROM unnest(xpath('/s:svg/s:text/text()',
		isms.heatmap_svg(array_fill('3/5'::isms.risk_level(5), ARRAY[4, 6]), array_fill(1::bigint, ARRAY[4, 6]), NULL),
		ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
-- bad input
SELECT isms.heatmap_svg(ARRAY['low','high']::isms.risk_level[], NULL);
SELECT isms.heatmap_svg(array_fill('low'::isms.risk_level, ARRAY[11, 2]), NULL);
SELECT isms.heatmap_svg(ARRAY[['low','high'],['high',NULL]]::isms.risk_level[], NULL);
SELECT isms.heatmap_svg(ARRAY[['low','high'],['high','3/5']]::isms.risk_level[], NULL);
SELECT isms.heatmap_svg(grid, ARRAY[[1,2],[3,4]]::bigint[]) FROM grid5;
SELECT isms.heatmap_svg(ARRAY[['low','high'],['high','high']]::isms.risk_level[], ARRAY[[1,-2],[3,4]]::bigint[]);
SELECT isms.heatmap_svg(NULL, NULL) IS NULL AS null_grid;

-- the loss exceedance curve
SELECT isms.loss_exceedance_svg(ARRAY[0, 100000, 250000, 1000000], ARRAY[0.9, 0.5, 0.2, 0.01],
								'Ransomware', 'EUR');
-- points in any order; axis ticks at round amounts
SELECT string_agg(t::text, ', ') AS labels
  FROM unnest(xpath('/s:svg/s:text/text()',
		isms.loss_exceedance_svg(ARRAY[2.5e9, 0, 7e8], ARRAY[0.001, 1, 0.3]),
		ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
SELECT (xpath('//s:path/@d', isms.loss_exceedance_svg(ARRAY[2.5e9, 0, 7e8], ARRAY[0.001, 1, 0.3]),
		ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS path;
-- bad input
SELECT isms.loss_exceedance_svg(ARRAY[1, 2], ARRAY[0.5]);
SELECT isms.loss_exceedance_svg(ARRAY[1], ARRAY[0.5]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 2], ARRAY[0.2, 0.5]);
SELECT isms.loss_exceedance_svg(ARRAY[-1, 2], ARRAY[0.5, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 2], ARRAY[1.5, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 'NaN'::float8], ARRAY[0.5, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[1, NULL], ARRAY[0.5, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[[1, 2]], ARRAY[[0.5, 0.2]]);
