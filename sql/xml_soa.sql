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

-- The register's Statement of Applicability, isms.soa_xml(): every Annex A
-- control of the current organization (isms.v_soa), decided or not
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
DELETE FROM isms.soa WHERE org_id = isms.current_org();
DELETE FROM isms.person WHERE org_id = isms.current_org();
DELETE FROM isms.organization WHERE name = 'XML tests';
