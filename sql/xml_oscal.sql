\i sql/fixtures/begin.sql
-- OSCAL catalogs: import (XML and JSON), statements, idempotence, export,
-- round trip, identifiers.  Fixtures: test/data/oscal_sample.{xml,json}.
\set VERBOSITY default
\set sample `cat test/data/oscal_sample.xml`
\set sample_json `cat test/data/oscal_sample.json`
\i test/data/catalog_digest.sql

SELECT * FROM isms.import_oscal_catalog(:'sample');

-- the framework and its metadata
SELECT name, title, version, source, uuid, published, last_modified, oscal_version, seeded
  FROM isms.framework WHERE name = 'Example Security Catalog';
SELECT oscal_metadata, oscal_back_matter FROM isms.framework WHERE name = 'Example Security Catalog';

-- groups and controls, nested, in document order (the catalogs the
-- extension seeds are left out: seeded)
SELECT g.ident, p.ident AS parent, g.title, g.class, g.sort_order, g.props
  FROM isms.control_group g LEFT JOIN isms.control_group p ON p.id = g.parent_id
 WHERE NOT g.seeded
 ORDER BY g.ident;
SELECT c.ident, p.ident AS parent, g.ident AS "group", c.title, c.class, c.withdrawn, c.sort_order
  FROM isms.control c LEFT JOIN isms.control p ON p.id = c.parent_id
  LEFT JOIN isms.control_group g ON g.id = c.group_id
 WHERE NOT c.seeded
 ORDER BY c.ident;
SELECT c.props, c.links FROM isms.control c WHERE ident IN ('org-1', 'org-1.2') ORDER BY ident;

-- statements in plain text, parameters shown as NIST prints them
SELECT ident, statement FROM isms.control WHERE NOT seeded ORDER BY ident;

-- parameters
SELECT p.ident, c.ident AS control, p.label, p.depends_on, p.how_many, p.choices, p.param_values
  FROM isms.control_param p LEFT JOIN isms.control c ON c.id = p.control_id
 ORDER BY p.ident;

-- parts, nested, with their prose as markup (white space normalized)
SELECT coalesce(c.ident, g.ident) AS owner, pp.ident AS parent, p.ident, p.name, p.title,
	   p.prose, p.props
  FROM isms.control_part p LEFT JOIN isms.control c ON c.id = p.control_id
  LEFT JOIN isms.control_group g ON g.id = p.group_id
  LEFT JOIN isms.control_part pp ON pp.id = p.parent_id
 ORDER BY owner, p.ident;

-- importing again updates and never duplicates
SELECT count(*) AS groups_before FROM isms.control_group WHERE NOT seeded \gset
SELECT count(*) AS controls_before FROM isms.control WHERE NOT seeded \gset
SELECT count(*) AS parts_before FROM isms.control_part \gset
SELECT count(*) AS params_before FROM isms.control_param \gset
UPDATE isms.control SET title = 'changed by hand' WHERE ident = 'org-2';
SELECT * FROM isms.import_oscal_catalog(:'sample');
SELECT count(*) = :groups_before AS same_groups,
	   (SELECT count(*) FROM isms.control WHERE NOT seeded) = :controls_before AS same_controls,
	   (SELECT count(*) FROM isms.control_part) = :parts_before AS same_parts,
	   (SELECT count(*) FROM isms.control_param) = :params_before AS same_params,
	   (SELECT title FROM isms.control WHERE ident = 'org-2') AS org_2_title
  FROM isms.control_group WHERE NOT seeded;

-- the same document once more changes nothing: no row gets a new version
-- or an audit entry but the framework's (the record of the import), and
-- parts keep their ids
SELECT max(id) AS a0 FROM isms.audit_log \gset
SELECT array_agg(p.id ORDER BY p.id)::text AS part_ids
  FROM isms.control_part p JOIN isms.framework f ON f.id = p.framework_id
 WHERE f.name = 'Example Security Catalog' \gset
SELECT * FROM isms.import_oscal_catalog(:'sample');
SELECT table_name, operation, count(*) FROM isms.audit_log WHERE id > :a0 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT array_agg(p.id ORDER BY p.id)::text = :'part_ids' AS same_part_ids
  FROM isms.control_part p JOIN isms.framework f ON f.id = p.framework_id
 WHERE f.name = 'Example Security Catalog';
-- a part whose text changed is updated in place (and so is the statement
-- of its control), a part the document no longer has is deleted; the
-- original document then puts both back as they were
SELECT max(id) AS a1 FROM isms.audit_log \gset
SELECT * FROM isms.import_oscal_catalog(replace(replace(:'sample',
	'<p>Review it every <insert type="param" id-ref="org-1_prm_3"/>.</p>',
	'<p>Review it every <insert type="param" id-ref="org-1_prm_3"/>, or sooner.</p>'),
	'<part id="org-1_smt.a.1" name="item">
                  <prop name="label" value="1."/>
                  <p><insert type="param" id-ref="org-1_prm_2"/> policy; and</p>
               </part>', ''));
SELECT table_name, operation, coalesce(new_row, old_row) ->> 'ident' AS ident
  FROM isms.audit_log WHERE id > :a1 AND table_name <> 'isms.framework' ORDER BY id;
SELECT max(id) AS a2 FROM isms.audit_log \gset
SELECT * FROM isms.import_oscal_catalog(:'sample');
SELECT table_name, operation, coalesce(new_row, old_row) ->> 'ident' AS ident
  FROM isms.audit_log WHERE id > :a2 AND table_name <> 'isms.framework' ORDER BY id;
SELECT p.ident, p.prose FROM isms.control_part p WHERE p.ident LIKE 'org-1_smt%' ORDER BY p.ident;

-- a control, a group and a parameter the document no longer has are deleted
SELECT * FROM isms.import_oscal_catalog(
	replace(replace(:'sample', '<control id="org-3">', '<!-- <control id="org-3">'),
			'<title>Segregation</title>
      </control>', '<title>Segregation</title> </control> -->'));
SELECT ident FROM isms.control WHERE ident LIKE 'org-%' ORDER BY 1;
SELECT * FROM isms.import_oscal_catalog(:'sample');
SELECT ident FROM isms.control WHERE ident LIKE 'org-%' ORDER BY 1;

-- but never a control that the register refers to: a Statement of
-- Applicability entry for org-3 stops the import, which changes nothing
INSERT INTO isms.organization (name) VALUES ('XML tests')
	ON CONFLICT ON CONSTRAINT organization_name_unique DO NOTHING;
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';
INSERT INTO isms.soa (control_id, applicable, justification, implementation_status)
SELECT id, false, 'Not needed here.', 'not_applicable' FROM isms.control WHERE ident = 'org-3';
SELECT * FROM isms.import_oscal_catalog(
	replace(replace(:'sample', '<control id="org-3">', '<!-- <control id="org-3">'),
			'<title>Segregation</title>
      </control>', '<title>Segregation</title> </control> -->'));
SELECT ident FROM isms.control WHERE ident LIKE 'org-%' ORDER BY 1;
-- an import that keeps the control updates it, and the entry stays
SELECT * FROM isms.import_oscal_catalog(:'sample');
SELECT c.ident, s.justification FROM isms.soa s JOIN isms.control c ON c.id = s.control_id
 WHERE c.ident = 'org-3';
DELETE FROM isms.soa WHERE control_id = (SELECT id FROM isms.control WHERE ident = 'org-3');

-- the catalogs the extension installs are not overwritten
SELECT * FROM isms.import_oscal_catalog(:'sample', 'iso27001-2022');
SELECT count(*) AS annex_a_controls FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'iso27001-2022' AND c.seeded;

-- the export: OSCAL XML in the schema's element order
SELECT isms.export_oscal_catalog('Example Security Catalog');

-- importing the export gives the same catalog
SELECT * FROM isms.import_oscal_catalog(
	isms.export_oscal_catalog('Example Security Catalog')::text, 'round trip');
SELECT a.part, a.digest = b.digest AS same
  FROM pg_temp.catalog_digest('Example Security Catalog') a
  JOIN pg_temp.catalog_digest('round trip') b USING (part) ORDER BY 1;
-- and so does exporting that again
SELECT isms.export_oscal_catalog('round trip')::text
	 = isms.export_oscal_catalog('Example Security Catalog')::text AS same_export;

-- a framework that did not come from OSCAL exports its statements as parts
INSERT INTO isms.framework (name, title, version) VALUES ('by hand', 'Typed in', '1');
INSERT INTO isms.control_group (framework_id, ident, title)
SELECT id, 'T1', 'Theme one' FROM isms.framework WHERE name = 'by hand';
INSERT INTO isms.control (framework_id, group_id, ident, title, statement, sort_order)
SELECT f.id, g.id, v.ident, v.title, v.statement, v.n
  FROM isms.framework f JOIN isms.control_group g ON g.framework_id = f.id,
	   (VALUES ('1.1', 'First', E'Do this.\nAnd that & more.', 1),
			   ('x-2', 'Second', NULL, 2),
			   ('A 5/b', 'Third', 'Typed by hand.', 3)) AS v(ident, title, statement, n)
 WHERE f.name = 'by hand';
SELECT regexp_replace(regexp_replace(isms.export_oscal_catalog('by hand')::text,
		'uuid="[0-9a-f-]+"', 'uuid="..."'), '<last-modified>[^<]+', '<last-modified>...');
-- whatever the idents, the export's ids are tokens and an import reads the idents back
SELECT * FROM isms.import_oscal_catalog(isms.export_oscal_catalog('by hand')::text, 'by hand again');
SELECT c.ident, c.title, c.statement FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'by hand again' ORDER BY c.sort_order;

-- identifiers: ISO numbers its controls "5.1", which is not an OSCAL token
-- (a token starts with a letter or "_"); such ids are kept, with a NOTICE,
-- and exported as "_5.1" with the original in an isms property
SELECT isms.oscal_json_to_xml(:'sample_json'::jsonb);
SELECT * FROM isms.import_oscal_catalog(:'sample_json'::jsonb);
SELECT c.ident, c.title, c.statement, c.props
  FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'Example JSON catalog' ORDER BY c.ident;
SELECT p.name, p.prose FROM isms.control_part p JOIN isms.control c ON c.id = p.control_id
 WHERE c.ident = '5.1' ORDER BY p.sort_order;
SELECT isms.export_oscal_catalog('Example JSON catalog');
SELECT * FROM isms.import_oscal_catalog(isms.export_oscal_catalog('Example JSON catalog')::text,
										'JSON round trip');
SELECT a.part, a.digest = b.digest AS same
  FROM pg_temp.catalog_digest('Example JSON catalog') a
  JOIN pg_temp.catalog_digest('JSON round trip') b USING (part) ORDER BY 1;

-- invalid catalogs: 2200M with the line
\set head '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="0d8a7d9e-3f1c-4c43-9d4e-6f7b0a9b2c11"><metadata><title>Bad</title></metadata>'
SELECT * FROM isms.import_oscal_catalog(:'head' || '<group id="g 1"><title>x</title></group></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || '<control id="a/b"><title>x</title></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || E'\n<control><title>x</title></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || E'\n<control id="c1"></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || '<control id="c1"><title>x</title></control><control id="c1"><title>y</title></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || '<control id="c1"><title>x</title><param id="1p"/></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || '<control id="c1"><title>x</title><param id="p"/><param id="p"/></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || '<control id="c1"><title>x</title><part id="s"/></control></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog('<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="nope"><metadata><title>x</title></metadata></catalog>', 'bad');
SELECT * FROM isms.import_oscal_catalog('<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="0d8a7d9e-3f1c-4c43-9d4e-6f7b0a9b2c11"/>', 'bad');
SELECT * FROM isms.import_oscal_catalog(:'head' || '</catalog>', '');
SELECT * FROM isms.import_oscal_catalog('{"catalog": {"uuid": "5b1f0c8e-2d3a-4e5f-8a9b-0c1d2e3f4a5b", "metadata": {"title": "x"}, "groups": [{"id": "g", "title": "G", "controls": [{"title": "no id"}]}]}}'::jsonb, 'bad');
SELECT * FROM isms.import_oscal_catalog('{"catalog": {"uuid": "5b1f0c8e-2d3a-4e5f-8a9b-0c1d2e3f4a5b", "metadata": {}}}'::jsonb, 'bad');
SELECT * FROM isms.import_oscal_catalog('[1, 2]'::jsonb, 'bad');
SELECT count(*) AS bad_frameworks FROM isms.framework WHERE name = 'bad';

-- a stored fragment broken by hand never reaches a client as broken XML
UPDATE isms.control_part SET prose = '<p>broken' WHERE ident = 'org-2_smt'
   AND framework_id = (SELECT id FROM isms.framework WHERE name = 'round trip');
SELECT isms.export_oscal_catalog('round trip');

-- the rules of the tables control_param and control_part: SQLSTATE and
-- constraint of each bad row
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	state text;
	con text;
BEGIN
	BEGIN
		EXECUTE stmt;
		RAISE EXCEPTION USING ERRCODE = 'XTOK0';	-- undo it
	EXCEPTION WHEN SQLSTATE 'XTOK0' THEN
		RETURN 'ok';
	END;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, con = CONSTRAINT_NAME;
	RETURN state || ' ' || con;
END $$;
SELECT f.id AS fw,
	   (SELECT c.id FROM isms.control c WHERE c.framework_id = f.id AND c.ident = 'org-1') AS ctl,
	   (SELECT g.id FROM isms.control_group g WHERE g.framework_id = f.id AND g.ident = 'org') AS grp,
	   (SELECT p.ident FROM isms.control_param p WHERE p.framework_id = f.id ORDER BY p.ident LIMIT 1) AS prm
  FROM isms.framework f WHERE f.name = 'Example Security Catalog' \gset
SELECT t.what, pg_temp.try(pg_catalog.format('INSERT INTO isms.%s', t.stmt)) AS outcome
  FROM (VALUES
	('param: valid', pg_catalog.format('control_param (framework_id, control_id, ident) VALUES (%s, %s, %L)', :fw, :ctl, 'new-p')),
	('param: of the catalog itself', pg_catalog.format('control_param (framework_id, ident) VALUES (%s, %L)', :fw, 'new-p')),
	('param: no such framework', pg_catalog.format('control_param (framework_id, ident) VALUES (-1, %L)', 'new-p')),
	('param: no such control', pg_catalog.format('control_param (framework_id, control_id, ident) VALUES (%s, -1, %L)', :fw, 'new-p')),
	('param: no such group', pg_catalog.format('control_param (framework_id, group_id, ident) VALUES (%s, -1, %L)', :fw, 'new-p')),
	('param: id used twice in the framework', pg_catalog.format('control_param (framework_id, control_id, ident) VALUES (%s, %s, %L)', :fw, :ctl, :'prm')),
	('param: of a control and a group', pg_catalog.format('control_param (framework_id, control_id, group_id, ident) VALUES (%s, %s, %s, %L)', :fw, :ctl, :grp, 'new-p')),
	('param: unknown how-many', pg_catalog.format('control_param (framework_id, ident, how_many, choices) VALUES (%s, %L, %L, %L)', :fw, 'new-p', 'all', '{a,b}')),
	('param: choices without how-many', pg_catalog.format('control_param (framework_id, ident, choices) VALUES (%s, %L, %L)', :fw, 'new-p', '{a,b}')),
	('part: valid', pg_catalog.format('control_part (framework_id, control_id, name) VALUES (%s, %s, %L)', :fw, :ctl, 'guidance')),
	('part: no such framework', pg_catalog.format('control_part (framework_id, control_id, name) VALUES (-1, %s, %L)', :ctl, 'guidance')),
	('part: no such control', pg_catalog.format('control_part (framework_id, control_id, name) VALUES (%s, -1, %L)', :fw, 'guidance')),
	('part: no such group', pg_catalog.format('control_part (framework_id, group_id, name) VALUES (%s, -1, %L)', :fw, 'guidance')),
	('part: no such parent part', pg_catalog.format('control_part (framework_id, control_id, parent_id, name) VALUES (%s, %s, -1, %L)', :fw, :ctl, 'item')),
	('part: of neither a control nor a group', pg_catalog.format('control_part (framework_id, name) VALUES (%s, %L)', :fw, 'guidance')),
	('part: of a control and a group', pg_catalog.format('control_part (framework_id, control_id, group_id, name) VALUES (%s, %s, %s, %L)', :fw, :ctl, :grp, 'guidance'))
  ) AS t(what, stmt);

-- OSCAL's enumerated values in any case: catalogs in the wild write
-- "Withdrawn", "One-or-more", "Statement"; a withdrawn control must not
-- land in a Statement of Applicability as applicable
\set case_head '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="7c0e6a52-93d4-4b1e-8f5a-2a6b9c1d0e31"><metadata><title>Case</title></metadata>'
SELECT * FROM isms.import_oscal_catalog(:'case_head'
	|| '<control id="w1"><title>Old</title><prop name="status" value="Withdrawn"/></control>'
	|| '<control id="w2"><title>Older</title><prop name="Status" value="WITHDRAWN" ns="http://csrc.nist.gov/ns/oscal"/></control>'
	|| '<control id="w3"><title>Not withdrawn</title><prop name="status" value="Withdrawn" ns="http://example.com/ns"/></control>'
	|| '<control id="s1"><title>Select</title>'
	|| '<param id="s1_prm"><select how-many="One-Or-More"><choice>a</choice><choice>b</choice></select></param>'
	|| '<param id="s1_prm_2"><select how-many="ONE"><choice>c</choice><choice>d</choice></select></param>'
	|| '<part id="s1_smt" name="Statement"><p>Choose <insert type="Param" id-ref="s1_prm"/>'
	|| ' and <insert type="PARAM" id-ref="s1_prm_2"/>:</p>'
	|| '<part id="s1_smt.a" name="item"><prop name="Label" value="a."/><p>first</p></part></part></control>'
	|| '</catalog>', 'case');
SELECT c.ident, c.withdrawn, c.statement, c.props
  FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'case' ORDER BY c.ident;
SELECT p.ident, p.how_many, p.choices
  FROM isms.control_param p JOIN isms.framework f ON f.id = p.framework_id
 WHERE f.name = 'case' ORDER BY p.ident;
-- the export writes them as the schema spells them
SELECT (xpath('count(//o:prop[@name="status"][@value="withdrawn"])', x, n))[1]::text AS withdrawn,
	   array_to_string(xpath('//o:select/@how-many', x, n), ', ') AS how_many
  FROM (SELECT isms.export_oscal_catalog('case') AS x,
			   ARRAY[ARRAY['o', 'http://csrc.nist.gov/ns/oscal/1.0']] AS n) AS e;
-- and the same in JSON
SELECT * FROM isms.import_oscal_catalog('{"catalog": {"uuid": "0a3c5e7f-1b2d-4c6e-8f0a-2b4d6f8a0c1e",
	"metadata": {"title": "Case JSON"},
	"controls": [{"id": "w1", "title": "Old", "props": [{"name": "status", "value": "Withdrawn"}]},
				 {"id": "s1", "title": "Select",
				  "params": [{"id": "s1_prm", "select": {"how-many": "ONE-OR-MORE", "choice": ["a", "b"]}}],
				  "parts": [{"id": "s1_smt", "name": "STATEMENT", "prose": "Choose {{ Insert: Param, s1_prm }}."}]}]}}'::jsonb,
	'case json');
SELECT c.ident, c.withdrawn, c.statement
  FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'case json' ORDER BY c.ident;
SELECT p.ident, p.how_many
  FROM isms.control_param p JOIN isms.framework f ON f.id = p.framework_id
 WHERE f.name = 'case json' ORDER BY p.ident;

-- Well-formed whatever the text: characters that XML 1.0 does not allow
-- (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF)
-- become U+FFFD, written &#xFFFD;, in the export (text columns, properties
-- and links, stored markup) and in the JSON conversion
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
INSERT INTO isms.framework (name, title, version) VALUES ('characters', E'Every\x01character', E'1\x7f');
INSERT INTO isms.control (framework_id, ident, title, statement, sort_order, props, links)
SELECT f.id, 'c-' || n, '<' || c.chars || '>', 'Do' || c.chars, n,
	   jsonb_build_array(jsonb_build_object('name', 'note', 'value', c.chars)),
	   jsonb_build_array(jsonb_build_object('href', '#c-' || n, 'text', c.chars))
  FROM isms.framework f,
	   (SELECT c.*, row_number() OVER (ORDER BY c.class) AS n FROM char_class c) AS c
 WHERE f.name = 'characters';
INSERT INTO isms.control_param (framework_id, control_id, ident, label, usage)
SELECT c.framework_id, c.id, 'p-' || k.n, k.chars, '<p>' || k.chars || '</p>'
  FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id AND f.name = 'characters'
  JOIN (SELECT k.*, row_number() OVER (ORDER BY k.class) AS n FROM char_class k) AS k ON c.ident = 'c-' || k.n;
SELECT xml_is_well_formed_document(isms.export_oscal_catalog('characters')::text) AS well_formed;
SELECT k.class, pg_temp.codes(x.title) AS title, pg_temp.codes(x.statement) AS statement,
	   pg_temp.codes(x.prop) AS prop, pg_temp.codes(x.link) AS link, pg_temp.codes(x.label) AS label,
	   pg_temp.codes(x.usage) AS usage
  FROM XMLTABLE(XMLNAMESPACES('http://csrc.nist.gov/ns/oscal/1.0' AS o), '//o:control'
				PASSING isms.export_oscal_catalog('characters')
				COLUMNS id text PATH '@id', title text PATH 'o:title',
						statement text PATH 'o:part[@name="statement"]/o:p[1]',
						prop text PATH 'o:prop[@name="note"]/@value', link text PATH 'o:link/o:text',
						label text PATH 'o:param/o:label', usage text PATH 'o:param/o:usage/o:p') AS x
  JOIN (SELECT k.*, row_number() OVER (ORDER BY k.class) AS n FROM char_class k) AS k ON x.id = 'c-' || k.n
 ORDER BY k.class;
-- the replacement as written
UPDATE isms.control SET title = E'Bell\x07', statement = E'Escape \x1b[1m', props = '[{"name": "note", "value": "\u0001"}]',
	   links = '[{"href": "#c-1", "text": "\u0002\uffff"}]'
 WHERE ident = 'c-1' AND framework_id = (SELECT id FROM isms.framework WHERE name = 'characters');
UPDATE isms.control_param SET label = E'\x0b', usage = E'<p>Stored\x1b</p>'
 WHERE ident = 'p-1' AND framework_id = (SELECT id FROM isms.framework WHERE name = 'characters');
SELECT substring(isms.export_oscal_catalog('characters')::text FROM '<control id="c-1">.*?</control>') AS control;
SELECT substring(isms.export_oscal_catalog('characters')::text FROM '<title>.*?</title>') AS title,
	   substring(isms.export_oscal_catalog('characters')::text FROM '<version>.*?</version>') AS version;
-- an export of such a catalog imports, its text then holding U+FFFD
SELECT * FROM isms.import_oscal_catalog(isms.export_oscal_catalog('characters')::text, 'characters again');
SELECT c.ident, pg_temp.codes(c.title) AS title, pg_temp.codes(c.statement) AS statement
  FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
 WHERE f.name = 'characters again' AND c.ident IN ('c-1', 'c-6') ORDER BY c.ident;
-- the JSON conversion: titles, Markdown prose and properties
SELECT c.class, xml_is_well_formed_document(d.doc::text) AS well_formed, pg_temp.codes(x.title) AS title,
	   pg_temp.codes(x.prose) AS prose, pg_temp.codes(x.prop) AS prop
  FROM char_class c,
	   LATERAL (SELECT isms.oscal_json_to_xml(jsonb_build_object('catalog', jsonb_build_object(
					'uuid', '5b1f0c8e-2d3a-4e5f-8a9b-0c1d2e3f4a5b',
					'metadata', jsonb_build_object('title', 'T' || c.chars),
					'controls', jsonb_build_array(jsonb_build_object(
						'id', 'c1', 'title', '<' || c.chars || '>',
						'props', jsonb_build_array(jsonb_build_object('name', 'note', 'value', c.chars)),
						'parts', jsonb_build_array(jsonb_build_object(
							'name', 'statement', 'prose', '**Do**' || c.chars))))))) AS doc) AS d,
	   XMLTABLE(XMLNAMESPACES('http://csrc.nist.gov/ns/oscal/1.0' AS o), '//o:control' PASSING d.doc
				COLUMNS title text PATH 'o:title', prose text PATH 'o:part/o:p',
						prop text PATH 'o:prop/@value') AS x
 ORDER BY c.class;
SELECT isms.oscal_json_to_xml(('{"catalog": {"uuid": "5b1f0c8e-2d3a-4e5f-8a9b-0c1d2e3f4a5b",
	"metadata": {"title": "Bell\u0007"}, "controls": [{"id": "c1", "title": "Escape \u001b[1m\uffff",
	"parts": [{"name": "statement", "prose": "*Tab*\t\u0008"}]}]}}')::jsonb);

DELETE FROM isms.framework WHERE NOT seeded;
\i sql/fixtures/end.sql
