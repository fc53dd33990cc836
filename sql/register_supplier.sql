\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Supplier relationships (component 11): suppliers, their services,
-- security requirements, assessments and training.
BEGIN;
SELECT FROM register_test.fixture();

-- supplier
SELECT register_test.base('supplier', jsonb_build_object('name', 'Cloud Co', 'kind', 'cloud', 'criticality', 'critical',
	'status', 'active', 'processes_personal_data', true, 'country', 'IE', 'contact_name', 'Security desk',
	'contact_email', 'security@cloud.example', 'owner_id', register_test.id('person_a'),
	'contract_start', '2024-01-01', 'contract_end', '2027-12-31', 'certifications', jsonb_build_array('ISO/IEC 27001')));
SELECT t.what, register_test.ins('supplier', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": "  "}'),
	('name taken', '{"name": "Supplier"}'),
	('unknown kind', '{"kind": "friend"}'),
	('no criticality', '{"criticality": null}'),
	('unknown criticality', '{"criticality": "huge"}'),
	('unknown status', '{"status": "dormant"}'),
	('country not ISO 3166 alpha-2', '{"country": "Ireland"}'),
	('contact e-mail without @', '{"contact_email": "security.cloud.example"}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('contract ends before it starts', '{"contract_end": "2023-12-31"}')
  ) t(what, change);

-- supplier_service
SELECT register_test.base('supplier_service', jsonb_build_object('supplier_id', register_test.id('supplier_a'),
	'name', 'Object storage', 'asset_id', register_test.id('asset_a'), 'data_classification', 'restricted',
	'start_on', '2024-01-01', 'end_on', '2027-12-31'));
SELECT t.what, register_test.ins('supplier_service', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no supplier', '{"supplier_id": null}'),
	('supplier of another organization', jsonb_build_object('supplier_id', register_test.id('supplier_b'))),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no name', '{"name": null}'),
	('blank name', '{"name": ""}'),
	('unknown classification', '{"data_classification": "top secret"}'),
	('ends before it starts', '{"end_on": "2023-12-31"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('supplier_service', '{}'));
SELECT register_test.ins('supplier_service', '{}') AS service_named_twice;

-- supplier_requirement
SELECT register_test.base('supplier_requirement', jsonb_build_object('supplier_id', register_test.id('supplier_a'),
	'requirement', 'Breach notice within 24 hours', 'contract_clause', 'DPA 8.1', 'control_id', register_test.id('control'),
	'status', 'met', 'verified_on', '2026-02-10'));
SELECT t.what, register_test.ins('supplier_requirement', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid agreed, not yet verified', '{"status": "agreed", "verified_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no supplier', '{"supplier_id": null}'),
	('supplier of another organization', jsonb_build_object('supplier_id', register_test.id('supplier_b'))),
	('no requirement', '{"requirement": null}'),
	('blank requirement', '{"requirement": " "}'),
	('no such control', '{"control_id": -1}'),
	('unknown status', '{"status": "fine"}'),
	('met without verification date', '{"verified_on": null}'),
	('not met without verification date', '{"status": "not_met", "verified_on": null}')
  ) t(what, change);

-- supplier_assessment
SELECT register_test.base('supplier_assessment', jsonb_build_object('supplier_id', register_test.id('supplier_a'),
	'kind', 'onsite_audit', 'performed_on', '2026-05-11', 'assessor_id', register_test.id('person_a'),
	'result', 'satisfactory', 'score', 90, 'next_due', '2027-05-11'));
SELECT t.what, register_test.ins('supplier_assessment', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid conditional with findings', '{"result": "conditional", "findings": "No deletion"}'),
	('no such organization', '{"org_id": -1}'),
	('no supplier', '{"supplier_id": null}'),
	('supplier of another organization', jsonb_build_object('supplier_id', register_test.id('supplier_b'))),
	('assessor of another organization', jsonb_build_object('assessor_id', register_test.id('person_b'))),
	('unknown kind', '{"kind": "gut_feeling"}'),
	('no date', '{"performed_on": null}'),
	('unknown result', '{"result": "fine", "findings": "Some"}'),
	('score above 100', '{"score": 120}'),
	('negative score', '{"score": -1}'),
	('next assessment before this one', '{"next_due": "2026-05-10"}'),
	('unsatisfactory without findings', '{"result": "unsatisfactory"}')
  ) t(what, change);

-- supplier_training
SELECT register_test.base('supplier_training', jsonb_build_object('supplier_id', register_test.id('supplier_a'),
	'course_id', register_test.id('course_a'), 'delivered_on', '2026-02-18', 'participants', 4));
SELECT t.what, register_test.ins('supplier_training', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no supplier', '{"supplier_id": null}'),
	('supplier of another organization', jsonb_build_object('supplier_id', register_test.id('supplier_b'))),
	('no course', '{"course_id": null}'),
	('course of another organization', jsonb_build_object('course_id', register_test.id('course_b'))),
	('no date', '{"delivered_on": null}'),
	('no participants', '{"participants": 0}'),
	('participants missing', '{"participants": null}')
  ) t(what, change);
ROLLBACK;
\i sql/fixtures/end.sql
