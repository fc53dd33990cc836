\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Controls (step 5): the Statement of Applicability, evidence, the
-- crosswalk between frameworks, and the reader view v_soa.
BEGIN;
SELECT FROM register_test.fixture();
CREATE TEMPORARY TABLE a22 AS
SELECT c.ident, c.id FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id AND f.name = 'iso27001-2022';

-- soa
SELECT register_test.base('soa', jsonb_build_object('control_id', (SELECT id FROM a22 WHERE ident = 'A.8.13'),
	'applicable', true, 'justification', 'Backups protect against ransomware (R-1)',
	'implementation_status', 'implemented', 'owner_id', register_test.id('person_a'),
	'implemented_on', '2025-06-01', 'reviewed_on', '2026-06-01'));
SELECT t.what, register_test.ins('soa', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid exclusion', '{"applicable": false, "implementation_status": "not_applicable", "owner_id": null,
		"implemented_on": null, "justification": "No development is outsourced"}'),
	('valid plan without owner', '{"implementation_status": "planned", "owner_id": null, "implemented_on": null,
		"target_date": "2027-01-01"}'),
	('no such organization', '{"org_id": -1}'),
	('no control', '{"control_id": null}'),
	('no such control', '{"control_id": -1}'),
	('control decided twice', jsonb_build_object('control_id', register_test.id('control'))),
	('applicability not said', '{"applicable": null}'),
	('no justification', '{"justification": null}'),
	('blank justification', '{"justification": " "}'),
	('unknown status', '{"implementation_status": "done"}'),
	('applicable but marked not applicable', '{"implementation_status": "not_applicable", "implemented_on": null}'),
	('excluded but implemented', '{"applicable": false}'),
	('implemented without owner', '{"owner_id": null}'),
	('partly implemented without owner', '{"implementation_status": "partially_implemented", "owner_id": null,
		"implemented_on": null}'),
	('implemented without date', '{"implemented_on": null}'),
	('implementation date but not implemented', '{"implementation_status": "planned"}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b')))
  ) t(what, change);

-- control_evidence
SELECT register_test.base('control_evidence', jsonb_build_object('soa_id', register_test.id('soa_a'),
	'title', 'Backup report', 'kind', 'report', 'reference', 'DOC-17', 'collected_on', '2026-05-01',
	'collected_by_id', register_test.id('person_a'), 'valid_until', '2027-05-01'));
SELECT t.what, register_test.ins('control_evidence', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no SoA entry', '{"soa_id": null}'),
	('SoA entry of another organization', jsonb_build_object('soa_id', register_test.id('soa_b'))),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('unknown kind', '{"kind": "rumour"}'),
	('no collection date', '{"collected_on": null}'),
	('collected by someone of another organization', jsonb_build_object('collected_by_id', register_test.id('person_b'))),
	('valid until before collected', '{"valid_until": "2026-04-30"}')
  ) t(what, change);

-- control_crosswalk: users can map other catalogs too.
SELECT register_test.try($$INSERT INTO isms.framework (name, title) VALUES ('nist-csf', 'NIST CSF (excerpt)')$$);
SELECT register_test.try($$INSERT INTO isms.control (framework_id, ident, title)
	SELECT id, 'PR.AA-01', 'Identities and credentials are managed' FROM isms.framework WHERE name = 'nist-csf'$$);
SELECT register_test.base('control_crosswalk', jsonb_build_object(
	'control_id', (SELECT c.id FROM isms.control c WHERE c.ident = 'PR.AA-01'),
	'group_id', (SELECT g.id FROM isms.control_group g JOIN isms.framework f ON f.id = g.framework_id
				  WHERE f.name = 'iso27001-2013' AND g.ident = 'A.9'),
	'basis', 'correspondence', 'legacy_controls', jsonb_build_array('A.9.2.1')));
SELECT t.what, register_test.ins('control_crosswalk', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such control', '{"control_id": -1}'),
	('no such group', '{"group_id": -1}'),
	('unknown basis', '{"basis": "guess"}'),
	('subject matter with predecessors', '{"basis": "subject_matter"}'),
	('mapped twice', jsonb_build_object('control_id', (SELECT id FROM a22 WHERE ident = 'A.5.1'),
		'group_id', (SELECT g.id FROM isms.control_group g JOIN isms.framework f ON f.id = g.framework_id
					  WHERE f.name = 'iso27001-2013' AND g.ident = 'A.5')))
  ) t(what, change);

-- v_soa: the current organization's decisions beside every Annex A control.
SELECT register_test.try(register_test.insert_sql('soa', '{}'));
SELECT register_test.try(register_test.insert_sql('control_evidence', jsonb_build_object('soa_id',
	(SELECT id FROM isms.soa WHERE control_id = (SELECT id FROM a22 WHERE ident = 'A.8.13')))));
SELECT register_test.try(register_test.insert_sql('soa', jsonb_build_object(
	'control_id', (SELECT id FROM a22 WHERE ident = 'A.8.30'), 'applicable', false,
	'implementation_status', 'not_applicable', 'justification', 'No outsourced development',
	'owner_id', null, 'implemented_on', null)));
SELECT count(*) AS controls, count(soa_id) AS decided, count(DISTINCT org_id) AS orgs FROM isms.v_soa;
SELECT ident, theme_ident, domains_2013, applicable, justification, implementation_status, owner, implemented_on,
	   evidence_count
  FROM isms.v_soa WHERE soa_id IS NOT NULL ORDER BY sort_order;
-- organization B sees its own decisions only
SELECT set_config('isms.org_id', register_test.id('org_b')::text, true) IS NOT NULL AS switched_to_b;
SELECT ident, applicable, implementation_status FROM isms.v_soa WHERE soa_id IS NOT NULL ORDER BY sort_order;
-- with two organizations and no choice, the view says so
SELECT set_config('isms.org_id', '', true) AS unset;
SELECT register_test.try('SELECT count(*) FROM isms.v_soa');
ROLLBACK;
\i sql/fixtures/end.sql
