\i sql/fixtures/begin.sql
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
SELECT isms.heatmap_svg(NULL::isms.risk_level[], NULL) IS NULL AS null_grid;

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

-- The register's heat map, isms.heatmap_svg(kind, matrix, risk_ids): the
-- current organization's risks, counted by likelihood and impact
-- the xml_* tests work in an organization of their own
INSERT INTO isms.organization (name) VALUES ('XML tests')
	ON CONFLICT ON CONSTRAINT organization_name_unique DO NOTHING;
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';
CREATE FUNCTION pg_temp.cells(svg xml) RETURNS TABLE (likelihood int, impact int, level text, count int)
	LANGUAGE sql AS $$
	SELECT (xpath('/s:g/@data-likelihood', c, n))[1]::text::int,
		   (xpath('/s:g/@data-impact', c, n))[1]::text::int,
		   (xpath('/s:g/@data-level', c, n))[1]::text,
		   (xpath('/s:g/@data-count', c, n))[1]::text::int
	  FROM (SELECT ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS n) AS ns,
		   unnest(xpath('//s:g[@class="cell"]', svg, n)) AS c
$$;
CREATE FUNCTION pg_temp.summary(svg xml) RETURNS TABLE (title text, risks text, cells bigint, nonzero bigint)
	LANGUAGE sql AS $$
	SELECT (xpath('/s:svg/s:title/text()', svg, n))[1]::text,
		   (xpath('/s:svg/@data-risks', svg, n))[1]::text,
		   (SELECT count(*) FROM pg_temp.cells(svg)),
		   (SELECT count(*) FROM pg_temp.cells(svg) WHERE count > 0)
	  FROM (SELECT ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS n) AS ns
$$;
-- risks start as assessed (the workflow's rule); X-5 is avoided, which closes it
INSERT INTO isms.risk (ident, title, status, treatment,
					   inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
					   target_likelihood, target_impact)
VALUES ('X-1', 'Ransomware', 'assessed', 'mitigate', 'likely', 'severe', 'possible', 'major', 'unlikely', 'major'),
	   ('X-2', 'Phishing', 'assessed', 'mitigate', 'almost_certain', 'major', 'possible', 'major', 'unlikely', 'major'),
	   ('X-3', 'Laptop theft', 'assessed', 'monitor', 'possible', 'minor', 'possible', 'minor', 'possible', 'minor'),
	   ('X-4', 'Flood', 'assessed', 'transfer', 'rare', 'severe', 'rare', 'moderate', 'rare', 'moderate'),
	   ('X-5', 'Old server', 'assessed', 'avoid', 'likely', 'major', 'rare', 'negligible', NULL, NULL),
	   ('X-6', 'Not assessed yet', 'identified', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
UPDATE isms.risk SET status = 'treatment_planned', activity_ended_on = CURRENT_DATE
 WHERE ident = 'X-5' AND org_id = isms.current_org()
RETURNING ident, status;
-- residual risks on the default matrix: open risks only (X-5 is closed,
-- X-6 has no values); 25 cells, their level from the matrix
SELECT * FROM pg_temp.summary(isms.heatmap_svg());
SELECT * FROM pg_temp.cells(isms.heatmap_svg()) WHERE count > 0 ORDER BY 1, 2;
SELECT c.likelihood, c.impact, c.level,
	   c.level = isms.risk_level(c.likelihood::isms.likelihood, c.impact::isms.impact)::text AS from_matrix
  FROM pg_temp.cells(isms.heatmap_svg()) AS c WHERE c.likelihood IN (1, 5) ORDER BY 1, 2;
-- axis labels of the default 5 x 5 matrix
SELECT string_agg(t::text, ', ') AS labels
  FROM unnest(xpath('/s:svg/s:text/text()', isms.heatmap_svg(),
					ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
-- inherent, current (no risk has values) and target
SELECT * FROM pg_temp.summary(isms.heatmap_svg('inherent'));
SELECT * FROM pg_temp.cells(isms.heatmap_svg('inherent')) WHERE count > 0 ORDER BY 1, 2;
SELECT * FROM pg_temp.summary(isms.heatmap_svg('current'));
SELECT * FROM pg_temp.cells(isms.heatmap_svg('target')) WHERE count > 0 ORDER BY 1, 2;
-- a subset: the risks named, closed ones too
SELECT * FROM pg_temp.cells(isms.heatmap_svg('residual', NULL,
		ARRAY(SELECT id FROM isms.risk WHERE ident IN ('X-1', 'X-5')))) WHERE count > 0 ORDER BY 1, 2;
SELECT * FROM pg_temp.summary(isms.heatmap_svg(risk_ids => '{}'));
-- another matrix: the newest version of the named one
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('xml strict', 5, 5, 3, array_fill('high'::isms.risk_level(3), ARRAY[5, 5]));
SELECT isms.supersede_matrix(id, array_fill('medium'::isms.risk_level(3), ARRAY[5, 5])) IS NOT NULL AS v2
  FROM isms.risk_matrix WHERE name = 'xml strict';
SELECT * FROM pg_temp.summary(isms.heatmap_svg('residual', 'xml strict'));
SELECT DISTINCT level FROM pg_temp.cells(isms.heatmap_svg('residual', 'xml strict'));
-- values that do not fit the matrix, and bad arguments
\set SHOW_CONTEXT never
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('xml 3x3', 3, 3, 3, '{{low,low,medium},{low,medium,high},{medium,high,high}}');
SELECT isms.heatmap_svg('residual', 'xml 3x3');
SELECT isms.heatmap_svg('residual', 'no such matrix');
SELECT isms.heatmap_svg('gross');
SELECT isms.heatmap_svg(NULL);
\set SHOW_CONTEXT errors
DELETE FROM isms.risk WHERE org_id = isms.current_org();
DELETE FROM isms.risk_matrix WHERE name IN ('xml strict', 'xml 3x3');

-- The loss exceedance curve of a FAIR model: isms.loss_exceedance drawn
\set model '{"lef": {"pert": [0.02, 0.08, 0.3]}, "lm": {"pert": [200000, 850000, 4000000]}}'
SELECT (xpath('/s:svg/s:title/text()', svg, n))[1]::text AS title,
	   (xpath('//s:path[@class="curve"]/@data-points', svg, n))[1]::text AS points,
	   (xpath('//s:path[@class="curve"]/@d', svg, n))[1]::text
		= (xpath('//s:path[@class="curve"]/@d', direct, n))[1]::text AS same_curve
  FROM (SELECT isms.loss_exceedance_svg(:'model'::jsonb, 20000, 7, 12, 'Ransomware', 'EUR') AS svg,
			   (SELECT isms.loss_exceedance_svg(array_agg(loss ORDER BY loss), array_agg(probability ORDER BY loss),
												'Ransomware', 'EUR')
				  FROM isms.loss_exceedance(:'model'::jsonb, 20000, 7, 12)) AS direct,
			   ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS n) AS s;
SELECT string_agg(t::text, ', ') AS labels
  FROM unnest(xpath('/s:svg/s:text/text()', isms.loss_exceedance_svg(:'model'::jsonb, 20000, 7, 12, 'Ransomware', 'EUR'),
					ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
-- defaults: 100,000 years, seed 1, 50 points, a default title
SELECT (xpath('//s:path[@class="curve"]/@data-points', svg, n))[1]::text AS points,
	   (xpath('/s:svg/s:title/text()', svg, n))[1]::text AS title,
	   svg::text = isms.loss_exceedance_svg(:'model'::jsonb, 100000, 1, 50)::text AS same_as_explicit
  FROM (SELECT isms.loss_exceedance_svg(:'model'::jsonb) AS svg,
			   ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS n) AS s;
-- a model without losses, no model, a bad model
SELECT (xpath('//s:path[@class="curve"]/@d', isms.loss_exceedance_svg('{"lef": 0, "lm": 1000}'::jsonb, 100, 1, 3),
			  ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS no_loss;
SELECT isms.loss_exceedance_svg(NULL::jsonb) IS NULL AS no_model;
SELECT isms.loss_exceedance_svg('{"lef": {"pert": [3, 2, 1]}, "lm": 1}'::jsonb);

-- Hostile and boundary input.  A curve has at most 10000 points and losses
-- from 0 to 1e27 (the largest annual loss a FAIR simulation gives), so that
-- its axis and ticks stay finite: 1.7e308 once drew ticks up to infinity,
-- for ever, until the server ran out of memory
SELECT isms.loss_exceedance_svg(ARRAY[0, 1.7e308], ARRAY[1, 0], 't', 'EUR');
SELECT isms.loss_exceedance_svg(ARRAY[0, 1.0000001e27], ARRAY[1, 0]);
SELECT string_agg(t::text, ', ') AS labels
  FROM unnest(xpath('/s:svg/s:text/text()', isms.loss_exceedance_svg(ARRAY[0, 1e27], ARRAY[1, 0]),
					ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
-- the smallest losses: the axis spans at least 0.05, ticks a cent apart
SELECT string_agg(t::text, ', ') AS labels
  FROM unnest(xpath('/s:svg/s:text/text()', isms.loss_exceedance_svg(ARRAY[0, 5e-324], ARRAY[1, 0]),
					ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']])) AS t;
SELECT isms.loss_exceedance_svg(ARRAY[1, 'Infinity'::float8], ARRAY[0.5, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[1, '-Infinity'::float8], ARRAY[0.5, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 2], ARRAY[0.5, 'NaN'::float8]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 2], ARRAY['-Infinity'::float8, 0.2]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 2], ARRAY[0.5, NULL]);
SELECT isms.loss_exceedance_svg('{}'::float8[], '{}'::float8[]);
SELECT isms.loss_exceedance_svg(ARRAY[1, 2, 3], ARRAY[0.5, 0.2]);
-- 10000 points, and not one more
SELECT (xpath('//s:path[@class="curve"]/@data-points',
			  isms.loss_exceedance_svg(array_agg(g::float8), array_agg(1 - g / 10000.0)),
			  ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1] AS points
  FROM generate_series(1, 10000) AS g;
SELECT isms.loss_exceedance_svg(array_agg(g::float8), array_agg(1 - g / 10001.0))
  FROM generate_series(1, 10001) AS g;
-- heat map counts whose total is beyond bigint
SELECT isms.heatmap_svg(ARRAY[['low','high'],['high','high']]::isms.risk_level[],
						ARRAY[[9223372036854775807, 1], [0, 0]]::bigint[]);

-- Well-formed whatever the text: characters that XML 1.0 does not allow
-- (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF)
-- become U+FFFD, written &#xFFFD;.  Each class of characters, in titles
-- and labels of both charts, read back by an XML parser.
CREATE TEMP TABLE char_class (class text, chars text);
INSERT INTO char_class VALUES
	('C0 controls', (SELECT string_agg(chr(c), '' ORDER BY c) FROM generate_series(1, 31) AS c
					 WHERE c NOT IN (9, 10, 13))),
	('tab, newline, carriage return', E'\t\n\r'),
	('DEL', chr(127)),
	('C1 controls', (SELECT string_agg(chr(c), '' ORDER BY c) FROM generate_series(128, 159) AS c)),
	('U+FFFE, U+FFFF', chr(65534) || chr(65535)),
	('beyond the BMP', chr(65536) || chr(128512) || chr(1114111));
-- a text as its characters, all but printable ASCII as U+XXXX
CREATE FUNCTION pg_temp.codes(s text) RETURNS text
	LANGUAGE sql AS $$
	SELECT string_agg(CASE WHEN ascii(c) BETWEEN 33 AND 126 THEN c
						   ELSE 'U+' || upper(lpad(to_hex(ascii(c)), greatest(4, length(to_hex(ascii(c)))), '0'))
					  END, ' ' ORDER BY o)
	  FROM regexp_split_to_table(s, '') WITH ORDINALITY AS t(c, o)
$$;
SELECT c.class, xml_is_well_formed_document(s.svg::text) AS well_formed, pg_temp.codes(x.title) AS title
  FROM char_class c,
	   LATERAL (SELECT isms.heatmap_svg(grid, NULL, '<' || c.chars || '>') AS svg FROM grid5) AS s,
	   XMLTABLE(XMLNAMESPACES('http://www.w3.org/2000/svg' AS s), '/s:svg' PASSING s.svg
				COLUMNS title text PATH 's:title') AS x
 ORDER BY c.class;
SELECT c.class, xml_is_well_formed_document(s.svg::text) AS well_formed, pg_temp.codes(x.title) AS title,
	   pg_temp.codes(substring(x.axis FROM '^Annual loss \((.*)\)$')) AS currency
  FROM char_class c,
	   LATERAL (SELECT isms.loss_exceedance_svg(ARRAY[0, 1000], ARRAY[1, 0], '<' || c.chars || '>', c.chars) AS svg) AS s,
	   XMLTABLE(XMLNAMESPACES('http://www.w3.org/2000/svg' AS s), '/s:svg' PASSING s.svg
				COLUMNS title text PATH 's:title', axis text PATH 's:text[starts-with(., "Annual loss")]') AS x
 ORDER BY c.class;
-- the replacement as written, in the model's curve too
SELECT substring(isms.heatmap_svg(grid, NULL, E'a\x01\x1b[31mb' || chr(65535))::text FROM '<title>[^<]*</title>') AS title
  FROM grid5;
SELECT substring(isms.loss_exceedance_svg('{"lef": 1, "lm": 1000}'::jsonb, 100, 1, 3, E'\x02', E'E\x7fUR\x1f')::text
				 FROM '<text[^>]*>Annual loss[^<]*</text>') AS axis;
-- a risk matrix whose name holds a control character names the register's map
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES (E'xml\x07bell', 3, 3, 3, '{{low,low,medium},{low,medium,high},{medium,high,high}}');
SELECT xml_is_well_formed_document(isms.heatmap_svg('residual', E'xml\x07bell')::text) AS well_formed,
	   (xpath('/s:svg/s:title/text()', isms.heatmap_svg('residual', E'xml\x07bell'),
			  ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1]::text AS title;
DELETE FROM isms.risk_matrix WHERE name = E'xml\x07bell';

-- The register's map reads the current organization's risks only: values
-- of another organization's risks that do not fit the matrix (on a 3-level
-- scale here) are never even looked up
INSERT INTO isms.organization (name) VALUES ('XML tests, other');
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests, other';
INSERT INTO isms.risk_matrix (name, likelihood_levels, impact_levels, level_scale, grid)
VALUES ('xml other 3x3', 3, 3, 3, '{{low,low,medium},{low,medium,high},{medium,high,high}}');
INSERT INTO isms.risk (ident, title, matrix_id, residual_likelihood, residual_impact)
SELECT 'O-1', 'Elsewhere', id, '1/3', '3/3' FROM isms.risk_matrix WHERE name = 'xml other 3x3';
SELECT residual_likelihood, isms.scale(residual_likelihood) AS levels FROM isms.risk WHERE ident = 'O-1';
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';
INSERT INTO isms.risk (ident, title, status, treatment, inherent_likelihood, inherent_impact,
					   residual_likelihood, residual_impact)
VALUES ('X-7', 'Here', 'assessed', 'mitigate', 'likely', 'major', 'possible', 'major');
SELECT * FROM pg_temp.summary(isms.heatmap_svg());
DELETE FROM isms.risk WHERE ident IN ('O-1', 'X-7');
DELETE FROM isms.organization WHERE name = 'XML tests, other';
\i sql/fixtures/end.sql
