\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Risks (step 3) and their treatment (step 4): the risk table, links to
-- vulnerabilities and controls, OCTAVE Allegro inputs, treatment actions,
-- and the reader view v_risk_register.
BEGIN;
SELECT FROM register_test.fixture();

-- risk: the table's own constraints, as a restore meets them.  While
-- check_function_bodies is off (pg_dump and pg_restore set it), the workflow
-- trigger lets the table owner's rows through unchanged, so that rows reach
-- the constraints as written; the workflow itself (computed levels and
-- review dates, life cycle, treatment rules, and the reference to the risk
-- matrix, which is not a foreign key) is tested in treatment_*.sql.
SET LOCAL check_function_bodies = off;
SELECT register_test.base('risk', jsonb_build_object('ident', 'R-9', 'title', 'Ransomware', 'category', 'cyber',
	'asset_id', register_test.id('asset_a'), 'threat_id', (SELECT id FROM isms.threat WHERE ident = 'UA-04'),
	'owner_id', register_test.id('person_a'),
	'inherent_likelihood', 'likely', 'inherent_impact', 'severe', 'current_likelihood', '3', 'current_impact', '5',
	'residual_likelihood', 'unlikely', 'residual_impact', 'major', 'target_likelihood', 'rare', 'target_impact', 'major',
	'treatment', 'mitigate', 'status', 'treated', 'identified_on', '2026-01-10', 'assessed_on', '2026-01-20',
	'reviewed_on', '2026-06-01', 'next_review', '2099-12-01', 'sle', 500000, 'aro', 0.1,
	'fair_lef_min', 0.01, 'fair_lef_likely', 0.1, 'fair_lef_max', 0.5,
	'fair_lm_min', 100000, 'fair_lm_likely', 500000, 'fair_lm_max', 2000000, 'octave_probability', 2));
SELECT t.what, register_test.ins('risk', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid just identified', '{"status": "identified", "treatment": null, "inherent_likelihood": null, "inherent_impact": null}'),
	('valid closed', '{"status": "closed", "closed_on": "2026-06-30"}'),
	('valid transfer to an insurer', '{"treatment": "transfer", "transfer_counterparty": "Insurer", "transfer_reference": "Policy 7"}'),
	('valid transfer to a supplier', jsonb_build_object('treatment', 'transfer',
		'transfer_supplier_id', register_test.id('supplier_a'), 'transfer_reference', 'Contract 12')),
	('valid transfer still assessed', '{"status": "assessed", "treatment": "transfer"}'),
	('valid avoidance, closed', '{"treatment": "avoid", "status": "closed", "closed_on": "2026-06-30", "activity_ended_on": "2026-06-30"}'),
	('valid avoidance planned', '{"treatment": "avoid", "status": "treatment_planned"}'),
	('valid monitoring', jsonb_build_object('treatment', 'monitor', 'monitor_owner_id', register_test.id('person2_a'))),
	('valid levels in order', '{"inherent_level": "critical", "residual_level": "high", "target_level": "medium"}'),
	('valid target above residual, justified', '{"residual_level": "medium", "target_level": "high", "target_justification": "Budget"}'),
	('no such organization', '{"org_id": -1}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": " "}'),
	('blank identifier', '{"ident": ""}'),
	('blank category', '{"category": " "}'),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no such threat', '{"threat_id": -1}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('impact not a level', '{"inherent_impact": "terrible"}'),
	('inherent likelihood without impact', '{"inherent_impact": null}'),
	('current impact without likelihood', '{"current_likelihood": null}'),
	('residual likelihood without impact', '{"residual_impact": null}'),
	('target impact without likelihood', '{"target_likelihood": null}'),
	('assessed without inherent risk', '{"status": "assessed", "treatment": null, "inherent_likelihood": null, "inherent_impact": null}'),
	('treatment planned without a treatment', '{"status": "treatment_planned", "treatment": null}'),
	('unknown treatment', '{"treatment": "ignore"}'),
	('unknown status', '{"status": "forgotten"}'),
	('no status', '{"status": null}'),
	('transfer without counterparty', '{"treatment": "transfer", "transfer_reference": "Policy 7"}'),
	('transfer without reference', '{"treatment": "transfer", "transfer_counterparty": "Insurer"}'),
	('blank counterparty', '{"transfer_counterparty": " "}'),
	('blank transfer reference', '{"transfer_reference": ""}'),
	('supplier of another organization', jsonb_build_object('transfer_supplier_id', register_test.id('supplier_b'))),
	('avoidance treated before the activity ended', '{"treatment": "avoid"}'),
	('avoidance planned after the activity ended', '{"treatment": "avoid", "status": "treatment_planned", "activity_ended_on": "2026-05-01"}'),
	('activity ended before identified', '{"activity_ended_on": "2026-01-09"}'),
	('monitoring without an owner', '{"treatment": "monitor"}'),
	('monitoring without a review date', jsonb_build_object('treatment', 'monitor', 'monitor_owner_id', register_test.id('person2_a'),
		'next_review', null)),
	('monitoring owner of another organization', jsonb_build_object('monitor_owner_id', register_test.id('person_b'))),
	('residual above inherent', '{"inherent_level": "medium", "residual_level": "high"}'),
	('target above residual', '{"residual_level": "medium", "target_level": "high"}'),
	('blank target justification', '{"residual_level": "medium", "target_level": "high", "target_justification": " "}'),
	('score typed in', '{"inherent_score": 20}'),
	('no identification date', '{"identified_on": null}'),
	('assessed before identified', '{"assessed_on": "2026-01-09"}'),
	('reviewed before identified', '{"reviewed_on": "2026-01-09"}'),
	('next review before identified', '{"next_review": "2026-01-09"}'),
	('closed before identified', '{"status": "closed", "closed_on": "2026-01-09"}'),
	('closed without date', '{"status": "closed"}'),
	('closing date but not closed', '{"closed_on": "2026-06-30"}'),
	('negative SLE', '{"sle": -1}'),
	('negative ARO', '{"aro": -0.1}'),
	('ALE typed in', '{"ale": 1}'),
	('OCTAVE probability 4', '{"octave_probability": 4}'),
	('OCTAVE probability 0', '{"octave_probability": 0}'),
	('FAIR frequency range incomplete', '{"fair_lef_max": null}'),
	('FAIR frequency minimum above most likely', '{"fair_lef_min": 0.2}'),
	('FAIR frequency most likely above maximum', '{"fair_lef_max": 0.05}'),
	('FAIR negative frequency', '{"fair_lef_min": -1}'),
	('FAIR magnitude range incomplete', '{"fair_lm_min": null}'),
	('FAIR magnitude most likely above maximum', '{"fair_lm_likely": 3000000}'),
	('FAIR negative magnitude', '{"fair_lm_min": -100}')
  ) t(what, change);
-- ALE is SLE times ARO, computed.
SELECT register_test.try(register_test.insert_sql('risk', '{}'));
SELECT register_test.ins('risk', '{}') AS identifier_taken;
SELECT ident, sle, aro, ale FROM isms.risk WHERE ident = 'R-9';
UPDATE isms.risk SET aro = 0.25 WHERE ident = 'R-9';
SELECT ident, sle, aro, ale FROM isms.risk WHERE ident = 'R-9';

SET LOCAL check_function_bodies = on;

-- risk_vulnerability
SELECT register_test.base('risk_vulnerability', jsonb_build_object('risk_id', register_test.id('risk_a'),
	'vulnerability_id', register_test.id('vulnerability_a')));
SELECT t.what, register_test.ins('risk_vulnerability', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('risk of another organization', jsonb_build_object('risk_id', register_test.id('risk_b'))),
	('vulnerability of another organization', jsonb_build_object('vulnerability_id', register_test.id('vulnerability_b')))
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('risk_vulnerability', '{}'));
SELECT register_test.ins('risk_vulnerability', '{}') AS linked_twice;

-- octave_impact_area
SELECT register_test.base('octave_impact_area', '{"name": "reputation_and_customer_confidence", "priority": 5}');
SELECT t.what, register_test.ins('octave_impact_area', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": ""}'),
	('name not a token', '{"name": "Legal Fines"}'),
	('name taken', '{"name": "area"}'),
	('priority taken', '{"priority": 1}'),
	('priority 0', '{"priority": 0}'),
	('priority 101', '{"priority": 101}'),
	('no priority', '{"priority": null}')
  ) t(what, change);

-- risk_octave_impact
SELECT register_test.base('risk_octave_impact', jsonb_build_object('risk_id', register_test.id('risk_a'),
	'area_id', register_test.id('area_a'), 'impact_value', 3));
SELECT t.what, register_test.ins('risk_octave_impact', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('risk of another organization', jsonb_build_object('risk_id', register_test.id('risk_b'))),
	('area of another organization', jsonb_build_object('area_id', register_test.id('area_b'))),
	('impact value 4', '{"impact_value": 4}'),
	('impact value 0', '{"impact_value": 0}'),
	('no impact value', '{"impact_value": null}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('risk_octave_impact', '{}'));
SELECT register_test.ins('risk_octave_impact', '{"impact_value": 1}') AS area_rated_twice;

-- risk_control
SELECT register_test.base('risk_control', jsonb_build_object('risk_id', register_test.id('risk_a'),
	'control_id', register_test.id('control'), 'effect', 'likelihood'));
SELECT t.what, register_test.ins('risk_control', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('risk of another organization', jsonb_build_object('risk_id', register_test.id('risk_b'))),
	('no such control', '{"control_id": -1}'),
	('unknown effect', '{"effect": "magic"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('risk_control', '{}'));
SELECT register_test.ins('risk_control', '{"effect": "impact"}') AS linked_twice;

-- treatment_action
SELECT register_test.base('treatment_action', jsonb_build_object('risk_id', register_test.id('risk_a'),
	'title', 'Immutable backups', 'control_id', register_test.id('control'), 'owner_id', register_test.id('person_a'),
	'due_on', '2026-06-30', 'status', 'done', 'started_on', '2026-02-01', 'completed_on', '2026-05-15', 'cost', 1500));
SELECT t.what, register_test.ins('treatment_action', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid planned', '{"status": "planned", "started_on": null, "completed_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no risk', '{"risk_id": null}'),
	('risk of another organization', jsonb_build_object('risk_id', register_test.id('risk_b'))),
	('no title', '{"title": null}'),
	('blank title', '{"title": "  "}'),
	('no such control', '{"control_id": -1}'),
	('no owner', '{"owner_id": null}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('no due date', '{"due_on": null}'),
	('unknown status', '{"status": "maybe", "completed_on": null}'),
	('completed before started', '{"completed_on": "2026-01-31"}'),
	('done without date', '{"completed_on": null}'),
	('completion date but not done', '{"status": "in_progress"}'),
	('negative cost', '{"cost": -1}')
  ) t(what, change);

-- v_risk_register: one row per risk, with names, scores and review due
-- (risks as a restore writes them, with their review dates).
SELECT register_test.try(register_test.insert_sql('treatment_action', '{"status": "in_progress", "completed_on": null}'));
SET LOCAL check_function_bodies = off;
SELECT register_test.try(format('INSERT INTO isms.risk (ident, title, status, identified_on, next_review, owner_id)
	VALUES (%L, %L, %L, %L, %L, %s)', 'R-10', 'Overdue review', 'identified', '1999-12-01', '2000-01-01',
	register_test.id('person_a')));
SELECT register_test.try(format('INSERT INTO isms.risk (ident, title, status, inherent_likelihood, inherent_impact,
	treatment, identified_on, next_review, closed_on) VALUES (%L, %L, %L, %L, %L, %L, %L, %L, %L)',
	'R-11', 'Closed long ago', 'closed', 'unlikely', 'minor', 'avoid', '1999-12-01', '2000-01-01', '2000-01-01'));
SELECT ident, title, category, status, treatment, asset, threat, owner, inherent_likelihood, inherent_impact,
	   inherent_score, residual_likelihood, residual_impact, residual_score, ale, review_due, review_overdue,
	   controls, open_actions
  FROM isms.v_risk_register WHERE org_id = register_test.id('org_a') ORDER BY ident NULLS FIRST;
SELECT (SELECT count(*) FROM isms.v_risk_register) = (SELECT count(*) FROM isms.risk) AS one_row_per_risk;
ROLLBACK;
\i sql/fixtures/end.sql
