\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- The register on a fresh install: seeded catalogs, the reader views, and
-- the rules every register table follows.

-- Two seeded frameworks.
SELECT name, title, version, seeded FROM isms.framework ORDER BY id;

-- ISO/IEC 27001:2022 Annex A: four themes of 37, 8, 14 and 34 controls, in order.
SELECT g.ident, g.title, count(c.id) AS controls,
	   string_agg(c.ident, ' ' ORDER BY c.sort_order) AS idents
  FROM isms.control_group g
  JOIN isms.framework f ON f.id = g.framework_id AND f.name = 'iso27001-2022'
  LEFT JOIN isms.control c ON c.group_id = g.id
 GROUP BY g.ident, g.title, g.sort_order
 ORDER BY g.sort_order;

-- The 93 identifiers and titles.
SELECT c.ident, c.title, c.seeded, c.withdrawn, c.parent_id IS NULL AS top_level
  FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
 ORDER BY c.sort_order;

-- The 2013 edition's 14 domains are the 14 framework components.
SELECT cp.id, cp.name, g.ident, g.title, g.seeded
  FROM isms.component cp JOIN isms.control_group g ON g.id = cp.domain_group_id
 ORDER BY cp.id;
SELECT count(*) AS controls_2013 FROM isms.control c
  JOIN isms.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2013';

-- Every 2022 control maps to at least one 2013 domain; eleven are new in 2022.
SELECT basis, count(*) AS mappings, count(DISTINCT control_id) AS controls, bool_and(seeded) AS seeded
  FROM isms.control_crosswalk GROUP BY basis ORDER BY basis;
SELECT count(*) AS unmapped FROM isms.control c
  JOIN isms.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022'
 WHERE NOT EXISTS (SELECT FROM isms.control_crosswalk x WHERE x.control_id = c.id);
SELECT string_agg(c.ident, ' ' ORDER BY c.sort_order) AS new_in_2022
  FROM isms.control_crosswalk x JOIN isms.control c ON c.id = x.control_id
 WHERE x.basis = 'subject_matter';

-- The predecessors named cover the 114 controls of 2013, each domain in full
-- (A.5: 2, A.6: 7, A.7: 6, A.8: 10, A.9: 14, A.10: 2, A.11: 15, A.12: 14,
-- A.13: 7, A.14: 13, A.15: 5, A.16: 7, A.17: 4, A.18: 8), and each lies in
-- the domain it is mapped to.
SELECT count(DISTINCT l) AS controls_2013_covered
  FROM isms.control_crosswalk x, unnest(x.legacy_controls) l;
SELECT g.ident AS domain, count(DISTINCT l) AS predecessors,
	   bool_and(l LIKE g.ident || '.%') AS in_domain
  FROM isms.control_crosswalk x
  JOIN isms.control_group g ON g.id = x.group_id, unnest(x.legacy_controls) l
 GROUP BY g.ident, g.sort_order ORDER BY g.sort_order;

-- The whole mapping, domain by domain.
SELECT g.ident AS domain, string_agg(c.ident, ' ' ORDER BY c.sort_order) AS controls_2022
  FROM isms.control_crosswalk x
  JOIN isms.control_group g ON g.id = x.group_id
  JOIN isms.control c ON c.id = x.control_id
 GROUP BY g.ident, g.sort_order ORDER BY g.sort_order;
SELECT c.ident, x.legacy_controls
  FROM isms.control_crosswalk x JOIN isms.control c ON c.id = x.control_id
 WHERE c.ident IN ('A.5.8', 'A.5.17', 'A.7.10', 'A.8.8', 'A.8.32')
 ORDER BY c.sort_order, x.group_id;

-- The threat catalog of ISO/IEC 27005 Annex C: 43 threats in 8 types.
SELECT category, count(*) AS threats, min(ident) AS first, max(ident) AS last
  FROM isms.threat WHERE seeded GROUP BY category ORDER BY min(id);
SELECT ident, name, origins FROM isms.threat
 WHERE ident IN ('PD-01', 'NE-05', 'ES-02', 'CI-07', 'TF-01', 'CF-05') ORDER BY id;

-- The six ISMS roles and the seven scoping questions.
SELECT key, title, seeded FROM isms.role ORDER BY key;
SELECT position, key, question FROM isms.scope_question ORDER BY position;

-- On a fresh install the SoA view shows all 93 controls, none decided yet.
SELECT count(*) AS controls, count(soa_id) AS decided, count(org_id) AS org
  FROM isms.v_soa;
SELECT ident, title, theme, domains_2013, applicable, implementation_status, evidence_count
  FROM isms.v_soa WHERE ident IN ('A.5.1', 'A.5.7', 'A.8.8', 'A.8.34') ORDER BY sort_order;
SELECT count(*) AS risks FROM isms.v_risk_register;

-- Every table with an org_id: NOT NULL, defaulting to current_org(), a
-- foreign key to organization, dumped, and its identity sequence dumped too.
-- (The audit log and the event outbox, written by the C code, outlive the
-- organizations they record: see sql/audit_chains.sql.)
SELECT c.relname, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS org_default
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'isms'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id'
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relkind = 'r' AND c.relname !~ '_history$'	-- history tables: see sql/history.sql
   AND c.relname NOT IN ('audit_log', 'event')
   AND (NOT a.attnotnull OR pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM 'isms.current_org()'
		OR NOT EXISTS (SELECT FROM pg_constraint k
						WHERE k.conrelid = c.oid AND k.contype = 'f'
						  AND k.confrelid = 'isms.organization'::regclass AND k.conkey = ARRAY[a.attnum]));
SELECT c.relname AS not_dumped
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'isms'
 WHERE c.relkind = 'r'
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname IN ('org_id', 'seeded'))
   AND c.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'isms')::oid[]);
-- (risk_matrix belongs to the methodology section, which registers its own sequence)
SELECT s.relname AS sequence_not_dumped
  FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace AND n.nspname = 'isms'
  JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'i'
 WHERE s.relkind = 'S' AND d.refobjid <> 'isms.risk_matrix'::regclass
   AND d.refobjid = ANY ((SELECT extconfig FROM pg_extension WHERE extname = 'isms')::oid[])
   AND s.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'isms')::oid[]);
-- Seeded rows are left out of the dump.
SELECT c.relname, x.cond
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(oid, cond)
  JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'isms' AND x.cond <> '' AND c.relname !~ '_history$'
 ORDER BY c.relname;

-- A reference between two register tables includes org_id, so that a row
-- cannot point into another organization.
SELECT k.conname AS single_org_violation
  FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace AND n.nspname = 'isms'
 WHERE k.contype = 'f'
   AND k.confrelid <> 'isms.organization'::regclass
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = 'org_id')
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attname = 'org_id')
   AND NOT (SELECT attnum FROM pg_attribute WHERE attrelid = k.conrelid AND attname = 'org_id') = ANY (k.conkey);

-- Tables, views and columns of the register are documented, and tables
-- with updated_at keep it with a trigger.
CREATE TEMPORARY TABLE register_tables (relname text);
INSERT INTO register_tables VALUES
	('organization'), ('org_unit'), ('person'), ('site'), ('asset'), ('threat'), ('risk'), ('framework'),
	('control_group'), ('control'), ('vulnerability'), ('component'), ('control_crosswalk'), ('process'), ('scope'),
	('scope_question'), ('scope_answer'), ('scope_item'), ('policy'), ('role'), ('role_assignment'),
	('policy_acknowledgement'), ('screening'), ('training_course'), ('training_record'), ('termination'),
	('asset_dependency'), ('risk_vulnerability'), ('octave_impact_area'), ('risk_octave_impact'), ('soa'),
	('control_evidence'), ('risk_control'), ('treatment_action'), ('access_review'), ('crypto_key'),
	('site_check'), ('change_request'), ('backup'), ('restore_test'), ('network_zone'), ('network_protection'),
	('security_requirement'), ('security_test'), ('supplier'), ('supplier_service'), ('supplier_requirement'),
	('supplier_assessment'), ('supplier_training'), ('incident'), ('incident_action'), ('incident_asset'),
	('incident_risk'), ('continuity_plan'), ('continuity_plan_asset'), ('continuity_test'), ('obligation'),
	('compliance_check'), ('compliance_violation'), ('audit'), ('audit_finding'), ('corrective_action'),
	('management_review'), ('management_review_attendee'), ('management_review_input'),
	('management_review_decision'), ('improvement_action'), ('v_risk_register'), ('v_soa');
SELECT count(*) AS tables_and_views FROM register_tables t
  JOIN pg_class c ON c.relname = t.relname AND c.relnamespace = 'isms'::regnamespace;
SELECT t.relname AS undocumented
  FROM register_tables t JOIN pg_class c ON c.relname = t.relname AND c.relnamespace = 'isms'::regnamespace
 WHERE obj_description(c.oid, 'pg_class') IS NULL;
SELECT t.relname, a.attname AS undocumented_column
  FROM register_tables t
  JOIN pg_class c ON c.relname = t.relname AND c.relnamespace = 'isms'::regnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE col_description(c.oid, a.attnum) IS NULL;
SELECT t.relname AS updated_at_not_kept
  FROM register_tables t
  JOIN pg_class c ON c.relname = t.relname AND c.relnamespace = 'isms'::regnamespace AND c.relkind = 'r'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at'
 WHERE NOT EXISTS (SELECT FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = t.relname || '_updated_at');

-- The catalogs' own rules.
SELECT t.what, register_test.probe(t.stmt)
  FROM (VALUES
	('a 15th component', $$INSERT INTO isms.component VALUES (15, 'Extra', 'x',
		(SELECT g.id FROM isms.control_group g JOIN isms.framework f ON f.id = g.framework_id
		  WHERE f.name = 'iso27001-2022' AND g.ident = 'A.5'))$$),
	('component number taken', $$INSERT INTO isms.component VALUES (14, 'Extra', 'x',
		(SELECT g.id FROM isms.control_group g JOIN isms.framework f ON f.id = g.framework_id
		  WHERE f.name = 'iso27001-2022' AND g.ident = 'A.5'))$$),
	('component name taken', $$UPDATE isms.component SET name = 'Cryptography' WHERE id = 5$$),
	('domain of another component', $$UPDATE isms.component SET domain_group_id =
		(SELECT domain_group_id FROM isms.component WHERE id = 1) WHERE id = 2$$),
	('no such domain', $$UPDATE isms.component SET domain_group_id = -1 WHERE id = 2$$),
	('scoping question key taken', $$INSERT INTO isms.scope_question VALUES ('risks', 8, 'Again?')$$),
	('scoping question position taken', $$UPDATE isms.scope_question SET position = 1 WHERE key = 'risks'$$),
	('framework name taken', $$INSERT INTO isms.framework (name, title) VALUES ('iso27001-2022', 'Again')$$),
	('group of no framework', $$INSERT INTO isms.control_group (framework_id, ident, title) VALUES (-1, 'X', 'X')$$),
	('group identifier taken', $$INSERT INTO isms.control_group (framework_id, ident, title)
		SELECT id, 'A.5', 'Again' FROM isms.framework WHERE name = 'iso27001-2022'$$),
	('group in no such group', $$INSERT INTO isms.control_group (framework_id, parent_id, ident, title)
		SELECT id, -1, 'A.9', 'Nested' FROM isms.framework WHERE name = 'iso27001-2022'$$),
	('control of no framework', $$INSERT INTO isms.control (framework_id, ident, title) VALUES (-1, 'X', 'X')$$),
	('control in no such group', $$INSERT INTO isms.control (framework_id, group_id, ident, title)
		SELECT id, -1, 'A.9.1', 'X' FROM isms.framework WHERE name = 'iso27001-2022'$$),
	('control identifier taken', $$INSERT INTO isms.control (framework_id, ident, title)
		SELECT id, 'A.5.1', 'Again' FROM isms.framework WHERE name = 'iso27001-2022'$$),
	('enhancement of no such control', $$INSERT INTO isms.control (framework_id, parent_id, ident, title)
		SELECT id, -1, 'A.5.1(1)', 'X' FROM isms.framework WHERE name = 'iso27001-2022'$$)
  ) t(what, stmt);

-- With no organization at all, current_org() says so.
SELECT register_test.try('SELECT isms.current_org()') AS no_organization;
\i sql/fixtures/end.sql
