\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Monitoring and review (step 7): audits, findings, corrective actions,
-- management reviews with attendees, inputs, decisions and improvement
-- actions.
BEGIN;
SELECT FROM register_test.fixture();

-- audit
SELECT register_test.base('audit', jsonb_build_object('title', 'Internal audit 2026', 'kind', 'internal',
	'scope', 'Whole ISMS', 'criteria', 'ISO/IEC 27001:2022', 'lead_auditor_id', register_test.id('person_a'),
	'independent', true, 'planned_start', '2026-03-16', 'planned_end', '2026-03-20', 'started_on', '2026-03-16',
	'ended_on', '2026-03-20', 'report_on', '2026-03-27', 'status', 'completed'));
SELECT t.what, register_test.ins('audit', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid external', '{"kind": "certification", "lead_auditor_id": null, "auditor_name": "Dr. Brenner",
		"audit_body": "CertAlpha"}'),
	('valid not independent, explained', '{"independent": false, "independence_note": "Reviewed by a second auditor"}'),
	('no such organization', '{"org_id": -1}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('unknown kind', '{"kind": "informal", "audit_body": "Friends"}'),
	('no auditor', '{"lead_auditor_id": null}'),
	('auditor of another organization', jsonb_build_object('lead_auditor_id', register_test.id('person_b'))),
	('external without audit body', '{"kind": "external"}'),
	('independence not said', '{"independent": null}'),
	('not independent, unexplained', '{"independent": false}'),
	('planned to end before it starts', '{"planned_end": "2026-03-15"}'),
	('ended before it started', '{"ended_on": "2026-03-15"}'),
	('report before the end', '{"report_on": "2026-03-19"}'),
	('unknown status', '{"status": "done"}'),
	('completed without dates', '{"started_on": null, "ended_on": null, "report_on": null}')
  ) t(what, change);

-- audit_finding
SELECT register_test.base('audit_finding', jsonb_build_object('audit_id', register_test.id('audit_a'),
	'ident', 'IA-01', 'kind', 'major_nonconformity', 'clause', '9.1', 'control_id', register_test.id('control'),
	'description', 'Access reviews not acted on', 'owner_id', register_test.id('person_a'), 'status', 'closed',
	'raised_on', '2026-03-20', 'due_on', '2026-05-31', 'closed_on', '2026-05-18'));
SELECT t.what, register_test.ins('audit_finding', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid open minor nonconformity', '{"kind": "minor_nonconformity", "status": "open", "closed_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no audit', '{"audit_id": null}'),
	('audit of another organization', jsonb_build_object('audit_id', register_test.id('audit_b'))),
	('blank identifier', '{"ident": " "}'),
	('unknown kind', '{"kind": "complaint"}'),
	('no such control', '{"control_id": -1}'),
	('no description', '{"description": null}'),
	('blank description', '{"description": ""}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('unknown status', '{"status": "done", "closed_on": null}'),
	('no date raised', '{"raised_on": null}'),
	('due before raised', '{"due_on": "2026-03-19"}'),
	('closed before raised', '{"closed_on": "2026-03-19"}'),
	('closed without date', '{"closed_on": null}'),
	('closing date but open', '{"status": "in_progress"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('audit_finding', '{}'));
SELECT register_test.ins('audit_finding', '{}') AS identifier_taken_in_the_audit;

-- corrective_action: for exactly one finding, incident or violation
SELECT register_test.base('corrective_action', jsonb_build_object('finding_id', register_test.id('finding_a'),
	'root_cause', 'No owner', 'action', 'Ticket for every revocation', 'owner_id', register_test.id('person_a'),
	'due_on', '2026-05-31', 'status', 'verified', 'completed_on', '2026-05-18', 'verified_on', '2026-07-15',
	'verified_by_id', register_test.id('person2_a'), 'effective', true));
SELECT t.what, register_test.ins('corrective_action', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid for an incident', jsonb_build_object('finding_id', null, 'incident_id', register_test.id('incident_a'))),
	('valid for a violation', jsonb_build_object('finding_id', null, 'violation_id', register_test.id('violation_a'))),
	('valid planned', '{"status": "planned", "completed_on": null, "verified_on": null, "verified_by_id": null,
		"effective": null}'),
	('no such organization', '{"org_id": -1}'),
	('no source', '{"finding_id": null}'),
	('two sources', jsonb_build_object('incident_id', register_test.id('incident_a'))),
	('finding of another organization', jsonb_build_object('finding_id', register_test.id('finding_b'))),
	('incident of another organization', jsonb_build_object('finding_id', null, 'incident_id', register_test.id('incident_b'))),
	('violation of another organization', jsonb_build_object('finding_id', null, 'violation_id', register_test.id('violation_b'))),
	('no action', '{"action": null}'),
	('blank action', '{"action": " "}'),
	('no owner', '{"owner_id": null}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('no due date', '{"due_on": null}'),
	('unknown status', '{"status": "closed", "completed_on": null, "verified_on": null, "verified_by_id": null,
		"effective": null}'),
	('done without date', '{"status": "done", "completed_on": null, "verified_on": null, "verified_by_id": null,
		"effective": null}'),
	('completion date but planned', '{"status": "planned", "verified_on": null, "verified_by_id": null, "effective": null}'),
	('verified without verifier', '{"verified_by_id": null}'),
	('verification but only done', '{"status": "done"}'),
	('verified before completed', '{"verified_on": "2026-05-17"}'),
	('verified by the owner', jsonb_build_object('verified_by_id', register_test.id('person_a'))),
	('verifier of another organization', jsonb_build_object('verified_by_id', register_test.id('person_b')))
  ) t(what, change);

-- management_review
SELECT register_test.base('management_review', jsonb_build_object('title', 'Management review 2026',
	'held_on', '2026-09-15', 'chair_id', register_test.id('person_a'), 'next_review_on', '2027-09-14'));
SELECT t.what, register_test.ins('management_review', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('no date', '{"held_on": null}'),
	('no chair', '{"chair_id": null}'),
	('chair of another organization', jsonb_build_object('chair_id', register_test.id('person_b'))),
	('next review before this one', '{"next_review_on": "2026-09-15"}')
  ) t(what, change);

-- management_review_attendee
SELECT register_test.base('management_review_attendee', jsonb_build_object('review_id', register_test.id('review_a'),
	'person_id', register_test.id('person_a')));
SELECT t.what, register_test.ins('management_review_attendee', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('review of another organization', jsonb_build_object('review_id', register_test.id('review_b'))),
	('person of another organization', jsonb_build_object('person_id', register_test.id('person_b')))
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('management_review_attendee', '{}'));
SELECT register_test.ins('management_review_attendee', '{}') AS attended_twice;

-- management_review_input: one per topic of ISO/IEC 27001 9.3.2
SELECT register_test.base('management_review_input', jsonb_build_object('review_id', register_test.id('review_a'),
	'topic', 'audit_results', 'summary', 'Certified with two minor nonconformities'));
SELECT t.what, register_test.ins('management_review_input', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('review of another organization', jsonb_build_object('review_id', register_test.id('review_b'))),
	('unknown topic', '{"topic": "gossip"}'),
	('no summary', '{"summary": null}'),
	('blank summary', '{"summary": " "}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('management_review_input', '{}'));
SELECT register_test.ins('management_review_input', '{"summary": "Again"}') AS topic_twice;

-- management_review_decision
SELECT register_test.base('management_review_decision', jsonb_build_object('review_id', register_test.id('review_a'),
	'kind', 'resources', 'decision', 'Budget for data leakage prevention'));
SELECT t.what, register_test.ins('management_review_decision', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('review of another organization', jsonb_build_object('review_id', register_test.id('review_b'))),
	('unknown kind', '{"kind": "vibes"}'),
	('no decision', '{"decision": null}'),
	('blank decision', '{"decision": ""}')
  ) t(what, change);

-- improvement_action
SELECT register_test.base('improvement_action', jsonb_build_object('review_id', register_test.id('review_a'),
	'decision_id', register_test.id('decision_a'), 'title', 'Manager dashboard', 'owner_id', register_test.id('person_a'),
	'due_on', '2026-11-30', 'status', 'done', 'completed_on', '2026-11-16'));
SELECT t.what, register_test.ins('improvement_action', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no review', '{"review_id": null}'),
	('review of another organization', jsonb_build_object('review_id', register_test.id('review_b'))),
	('decision of another organization', jsonb_build_object('decision_id', register_test.id('decision_b'))),
	('no title', '{"title": null}'),
	('blank title', '{"title": " "}'),
	('no owner', '{"owner_id": null}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('no due date', '{"due_on": null}'),
	('unknown status', '{"status": "finished", "completed_on": null}'),
	('done without date', '{"completed_on": null}'),
	('completion date but planned', '{"status": "planned"}')
  ) t(what, change);
ROLLBACK;
\i sql/fixtures/end.sql
