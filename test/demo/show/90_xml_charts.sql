-- Files a user can open, written into the directory :out (make demo:
-- test/output): the heat map of the demo's residual risks on the default
-- risk matrix, the loss exceedance curve of the FAIR ranges of risk R-001,
-- the Statement of Applicability as XML for an auditor (test/data/soa.xsd),
-- and the OSCAL catalog the demo imported, exported again.
--   psql -X -v out=DIR -f test/demo/show/90_xml_charts.sql (make demo does)
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset
-- R-001's FAIR ranges as a model: PERT distributions for the loss event
-- frequency (per year) and the loss magnitude (per event)
SELECT pg_catalog.jsonb_build_object(
		'lef', pg_catalog.jsonb_build_object('pert', pg_catalog.jsonb_build_array(fair_lef_min, fair_lef_likely, fair_lef_max)),
		'lm', pg_catalog.jsonb_build_object('pert', pg_catalog.jsonb_build_array(fair_lm_min, fair_lm_likely, fair_lm_max)))
	   AS fair_model,
	   ident || ' ' || split_part(title, ' ', 1) || ': loss exceedance (FAIR)' AS fair_title,
	   (SELECT currency FROM isms.organization WHERE id = risk.org_id) AS currency
  FROM isms.risk WHERE ident = 'R-001' AND org_id = :org_id \gset

\pset tuples_only on
\pset format unaligned
\o :out/heatmap.svg
SELECT isms.heatmap_svg();
\o :out/loss_exceedance.svg
SELECT isms.loss_exceedance_svg(:'fair_model'::jsonb, title => :'fair_title', currency => :'currency');
\o :out/soa.xml
SELECT isms.soa_xml();
\o :out/oscal_catalog.xml
SELECT isms.export_oscal_catalog('Example Security Catalog');
\o
\pset tuples_only off
\pset format aligned

\echo
\echo Files written (open the .svg files in a browser)
SELECT :'out' || '/heatmap.svg' AS file,
	   'residual risks on the default matrix: ' || (xpath('/s:svg/@data-risks', svg, n))[1] || ' risks in '
	   || (SELECT count(*) FROM unnest(xpath('//s:g[@class="cell" and @data-count!="0"]', svg, n))) || ' cells' AS content
  FROM (SELECT isms.heatmap_svg() AS svg, ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS n) AS h
UNION ALL
SELECT :'out' || '/loss_exceedance.svg',
	   :'fair_title' || ', 100,000 simulated years: mean annual loss '
	   || to_char((isms.fair_simulate(:'fair_model'::jsonb)).mean, 'FM999,999,990') || ' ' || :'currency'
UNION ALL
SELECT :'out' || '/soa.xml',
	   'Statement of Applicability: ' || (xpath('/s:statementOfApplicability/@controls', doc, n))[1] || ' controls, '
	   || (xpath('/s:statementOfApplicability/@applicable', doc, n))[1] || ' applicable, '
	   || (xpath('/s:statementOfApplicability/@implemented', doc, n))[1] || ' implemented'
  FROM (SELECT isms.soa_xml() AS doc, ARRAY[ARRAY['s', 'urn:isms:soa:1']] AS n) AS s
UNION ALL
SELECT :'out' || '/oscal_catalog.xml',
	   'OSCAL catalog "' || f.name || '": ' || count(c.id) || ' controls ('
	   || count(c.id) FILTER (WHERE c.withdrawn) || ' withdrawn)'
  FROM isms.framework f JOIN isms.control c ON c.framework_id = f.id
 WHERE f.name = 'Example Security Catalog'
 GROUP BY f.name;
