\i sql/fixtures/begin.sql
-- The Statement of Applicability as XML (schema test/data/soa.xsd; the
-- test t/xml_real_inputs.py validates it with xmllint).
\set VERBOSITY default
SELECT isms.soa_xml(ARRAY[
	ROW('5.1', 'Policies for information security', 'Organizational controls', true,
		'Required by risks R-1 & R-2.', 'implemented', 'CISO', 'Policy v3, <intranet>/policy', '2025-01-15'),
	ROW('5.7', 'Threat intelligence', 'Organizational controls', true,
		'Risk R-7.', 'planned', NULL, NULL, NULL),
	ROW('7.4', 'Physical security monitoring', 'Physical controls', false,
		'No premises of our own.', NULL, NULL, NULL, NULL)]::isms.soa_entry[],
	'Example Ltd', 'ISO/IEC 27001:2022', '2022', '2025-02-01 10:00:00+00');
-- no entries
SELECT isms.soa_xml('{}'::isms.soa_entry[], 'Example Ltd', 'ISO/IEC 27001:2022', NULL,
					'2025-02-01 10:00:00+00');
-- a control not decided yet (applicable NULL): no applicable, no status;
-- the root counts it as undecided
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
						  ROW('5.2', 'Roles', NULL, true, 'Always.', NULL, NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022', NULL, '2025-02-01 10:00:00+00');
-- bad entries
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, true, NULL, 'done', NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, true, NULL, NULL, NULL, NULL, NULL),
						  ROW('5.1', 'Again', NULL, true, NULL, NULL, NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml('{}'::isms.soa_entry[], ' ', 'ISO/IEC 27001:2022');
-- applicability and status must agree
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, true, NULL, 'not_applicable', NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, false, NULL, 'planned', NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, NULL, NULL, 'planned', NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml(ARRAY[ROW('', 'Policies', NULL, true, NULL, NULL, NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');

-- Well-formed whatever the text: characters that XML 1.0 does not allow
-- (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF)
-- become U+FFFD, written &#xFFFD;.  Each class of characters in every
-- field, read back by an XML parser.
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
SELECT c.class, xml_is_well_formed_document(d.doc::text) AS well_formed,
	   pg_temp.codes(x.organization) AS organization, pg_temp.codes(x.justification) AS justification,
	   x.id = '5.1' || c.chars AS same_id, x.title = 'Policies' || c.chars AS same_title
  FROM char_class c,
	   LATERAL (SELECT isms.soa_xml(ARRAY[ROW('5.1' || c.chars, 'Policies' || c.chars, c.chars, true,
											  '<' || c.chars || '>', 'implemented', c.chars, c.chars,
											  NULL)]::isms.soa_entry[],
									'Org' || c.chars, 'ISO' || c.chars, c.chars,
									'2025-02-01 10:00:00+00') AS doc) AS d,
	   XMLTABLE(XMLNAMESPACES('urn:isms:soa:1' AS s), '/s:statementOfApplicability' PASSING d.doc
				COLUMNS organization text PATH '@organization', id text PATH 's:control/@id',
						title text PATH 's:control/s:title',
						justification text PATH 's:control/s:justification') AS x
 ORDER BY c.class;
-- the replacement as written: colours pasted from a terminal
SELECT isms.soa_xml(ARRAY[ROW('5.1', E'Policies\x1b[0m', NULL, true,
							  E'Pasted: \x1b[31mred\x1b[0m, \x01' || chr(65534) || chr(127) || chr(128512),
							  'implemented', NULL, NULL, NULL)]::isms.soa_entry[],
					E'Example\x02Ltd', 'ISO/IEC 27001:2022', NULL, '2025-02-01 10:00:00+00');

-- The register's Statement of Applicability, isms.soa_xml(): every Annex A
-- control of the current organization (isms.v_soa), decided or not; none
-- is chosen yet, and the xml_* tests' organization is not the only one
INSERT INTO isms.organization (name) VALUES ('XML tests'), ('XML tests, other');
SELECT isms.soa_xml();
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';
INSERT INTO isms.person (name) VALUES ('Ada Officer');
INSERT INTO isms.soa (control_id, applicable, justification, implementation_status, owner_id,
					  implemented_on, reviewed_on)
SELECT c.id, v.applicable, v.justification, v.status, p.id,
	   CASE WHEN v.status = 'implemented' THEN DATE '2025-01-10' END, v.reviewed::date
  FROM (VALUES ('A.5.1', true, 'Risks X-1 & X-2.', 'implemented', '2025-01-15'),
			   ('A.5.7', true, 'Risk X-2.', 'partially_implemented', NULL),
			   ('A.7.4', false, 'No premises of our own.', 'not_applicable', NULL),
			   ('A.8.8', true, 'Scanner findings.', 'planned', NULL)) AS v(ident, applicable, justification, status, reviewed)
  JOIN isms.control c ON c.ident = v.ident
  JOIN isms.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
  LEFT JOIN isms.person p ON p.name = 'Ada Officer' AND v.status LIKE '%implemented';
INSERT INTO isms.control_evidence (soa_id, title, reference, collected_on)
SELECT s.id, e.title, e.reference, e.collected::date
  FROM isms.soa s JOIN isms.control c ON c.id = s.control_id AND c.ident = 'A.5.1' AND s.org_id = isms.current_org(),
	   (VALUES ('Policy v3', 'DOC-12', '2025-01-10'), ('Board minutes', NULL, '2025-01-12')) AS e(title, reference, collected);
CREATE TEMP TABLE soa_doc AS SELECT isms.soa_xml() AS doc, now() AS at;
-- the root: organization, framework, generated (now), counts
SELECT (xpath('/s:statementOfApplicability/@organization', doc, n))[1]::text AS organization,
	   (xpath('/s:statementOfApplicability/@framework', doc, n))[1]::text AS framework,
	   (xpath('/s:statementOfApplicability/@frameworkVersion', doc, n))[1]::text AS version,
	   (xpath('/s:statementOfApplicability/@generated', doc, n))[1]::text
		= to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS generated_now,
	   (xpath('/s:statementOfApplicability/@controls', doc, n))[1]::text AS controls,
	   (xpath('/s:statementOfApplicability/@applicable', doc, n))[1]::text AS applicable,
	   (xpath('/s:statementOfApplicability/@implemented', doc, n))[1]::text AS implemented,
	   (xpath('/s:statementOfApplicability/@undecided', doc, n))[1]::text AS undecided,
	   (xpath('count(//s:control)', doc, n))[1]::text AS control_elements
  FROM soa_doc, (SELECT ARRAY[ARRAY['s', 'urn:isms:soa:1']] AS n) AS ns;
-- the decided controls, and the first undecided one, in catalog order
SELECT c::text AS control
  FROM soa_doc, (SELECT ARRAY[ARRAY['s', 'urn:isms:soa:1']] AS n) AS ns,
	   unnest(xpath('//s:control[@applicable or @id="A.5.2"]', doc, n)) AS c;
-- the same counts as isms.v_soa
SELECT count(*) AS controls, count(*) FILTER (WHERE applicable) AS applicable,
	   count(*) FILTER (WHERE implementation_status = 'implemented') AS implemented,
	   count(*) FILTER (WHERE soa_id IS NULL) AS undecided
  FROM isms.v_soa;
-- the register's SoA: a justification and an evidence title with every
-- class of characters
UPDATE isms.soa s SET justification = (SELECT string_agg(chars, '|' ORDER BY class) FROM char_class)
  FROM isms.control c WHERE c.id = s.control_id AND c.ident = 'A.5.7' AND s.org_id = isms.current_org();
INSERT INTO isms.control_evidence (soa_id, title, collected_on)
SELECT s.id, E'Scan\x1b[1m\x0c', '2025-01-11'
  FROM isms.soa s JOIN isms.control c ON c.id = s.control_id AND c.ident = 'A.5.7' AND s.org_id = isms.current_org();
SELECT xml_is_well_formed_document(d.doc::text) AS well_formed,
	   pg_temp.codes(x.justification) AS justification, pg_temp.codes(x.evidence) AS evidence
  FROM (SELECT isms.soa_xml() AS doc) AS d,
	   XMLTABLE(XMLNAMESPACES('urn:isms:soa:1' AS s), '//s:control[@id="A.5.7"]' PASSING d.doc
				COLUMNS justification text PATH 's:justification', evidence text PATH 's:evidence') AS x;
DELETE FROM isms.control_evidence WHERE org_id = isms.current_org();
DELETE FROM isms.soa WHERE org_id = isms.current_org();
DELETE FROM isms.person WHERE org_id = isms.current_org();
DELETE FROM isms.organization WHERE name = 'XML tests';
\i sql/fixtures/end.sql
