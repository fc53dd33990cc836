\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Incident management (component 12): incidents and their time line,
-- actions, and links to assets and risks.
BEGIN;
SELECT FROM register_test.fixture();

-- incident: occurred <= detected <= reported <= responded <= contained <= resolved <= closed
SELECT register_test.base('incident', jsonb_build_object('ident', 'INC-9', 'title', 'Ransomware on a laptop',
	'category', 'malware', 'severity', 'high', 'status', 'closed',
	'occurred_at', '2026-06-09 14:00+00', 'detected_at', '2026-06-09 14:01+00', 'reported_at', '2026-06-09 14:10+00',
	'responded_at', '2026-06-09 14:15+00', 'contained_at', '2026-06-09 14:20+00', 'resolved_at', '2026-06-10 14:00+00',
	'closed_at', '2026-06-17 14:00+00', 'reporter_id', register_test.id('person_a'),
	'handler_id', register_test.id('person2_a'), 'personal_data_breach', true,
	'authority_notified_at', '2026-06-11 10:00+00', 'loss_amount', 600));
SELECT t.what, register_test.ins('incident', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid new, detected only', '{"status": "new", "occurred_at": null, "reported_at": null, "responded_at": null,
		"contained_at": null, "resolved_at": null, "closed_at": null, "authority_notified_at": null}'),
	('valid with gaps in the time line', '{"reported_at": null, "contained_at": null}'),
	('valid contained', '{"status": "contained", "resolved_at": null, "closed_at": null}'),
	('no such organization', '{"org_id": -1}'),
	('blank identifier', '{"ident": ""}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": " "}'),
	('no category', '{"category": null}'),
	('unknown category', '{"category": "gremlins"}'),
	('no severity', '{"severity": null}'),
	('unknown severity', '{"severity": "catastrophic"}'),
	('unknown status', '{"status": "solved", "closed_at": null}'),
	('no detection time', '{"detected_at": null}'),
	('detected before it occurred', '{"detected_at": "2026-06-09 13:59+00"}'),
	('reported before detected', '{"reported_at": "2026-06-09 14:00+00"}'),
	('responded before reported', '{"responded_at": "2026-06-09 14:05+00"}'),
	('responded before detected, not reported', '{"reported_at": null, "responded_at": "2026-06-09 14:00:30+00"}'),
	('contained before responded', '{"contained_at": "2026-06-09 14:12+00"}'),
	('contained before detected, the rest unknown', '{"reported_at": null, "responded_at": null,
		"contained_at": "2026-06-09 14:00:30+00", "status": "contained", "resolved_at": null, "closed_at": null}'),
	('resolved before contained', '{"resolved_at": "2026-06-09 14:18+00"}'),
	('resolved before responded, not contained', '{"contained_at": null, "resolved_at": "2026-06-09 14:12+00"}'),
	('closed before resolved', '{"closed_at": "2026-06-10 13:00+00"}'),
	('authority notified before detection', '{"authority_notified_at": "2026-06-09 13:00+00"}'),
	('investigating without response', '{"status": "investigating", "responded_at": null, "contained_at": null,
		"resolved_at": null, "closed_at": null}'),
	('contained without time', '{"status": "contained", "contained_at": null, "resolved_at": null, "closed_at": null}'),
	('resolved without time', '{"status": "resolved", "resolved_at": null, "closed_at": null}'),
	('closed without time', '{"closed_at": null}'),
	('closing time but not closed', '{"status": "resolved"}'),
	('reporter of another organization', jsonb_build_object('reporter_id', register_test.id('person_b'))),
	('handler of another organization', jsonb_build_object('handler_id', register_test.id('person_b'))),
	('negative loss', '{"loss_amount": -1}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('incident', '{}'));
SELECT register_test.ins('incident', '{}') AS identifier_taken;

-- incident_action
SELECT register_test.base('incident_action', jsonb_build_object('incident_id', register_test.id('incident_a'),
	'kind', 'containment', 'description', 'Isolate the laptop', 'owner_id', register_test.id('person_a'),
	'status', 'done', 'started_at', '2026-01-10 10:05+00', 'completed_at', '2026-01-10 10:20+00'));
SELECT t.what, register_test.ins('incident_action', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no incident', '{"incident_id": null}'),
	('incident of another organization', jsonb_build_object('incident_id', register_test.id('incident_b'))),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('unknown kind', '{"kind": "prayer"}'),
	('no description', '{"description": null}'),
	('blank description', '{"description": ""}'),
	('unknown status', '{"status": "finished", "completed_at": null}'),
	('completed before started', '{"completed_at": "2026-01-10 10:00+00"}'),
	('done without time', '{"completed_at": null}'),
	('completion time but not done', '{"status": "in_progress"}')
  ) t(what, change);

-- incident_asset and incident_risk
SELECT register_test.base('incident_asset', jsonb_build_object('incident_id', register_test.id('incident_a'),
	'asset_id', register_test.id('asset_a')));
SELECT t.what, register_test.ins('incident_asset', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('incident of another organization', jsonb_build_object('incident_id', register_test.id('incident_b'))),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b')))
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('incident_asset', '{}'));
SELECT register_test.ins('incident_asset', '{}') AS linked_twice;
SELECT register_test.base('incident_risk', jsonb_build_object('incident_id', register_test.id('incident_a'),
	'risk_id', register_test.id('risk_a')));
SELECT t.what, register_test.ins('incident_risk', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('incident of another organization', jsonb_build_object('incident_id', register_test.id('incident_b'))),
	('risk of another organization', jsonb_build_object('risk_id', register_test.id('risk_b')))
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('incident_risk', '{}'));
SELECT register_test.ins('incident_risk', '{}') AS linked_twice;
-- An asset in an incident cannot be deleted; deleting the incident removes its links.
SELECT register_test.try(register_test.insert_sql('incident_asset', jsonb_build_object('asset_id', register_test.id('asset3_a'))));
SELECT register_test.probe(format('DELETE FROM isms.asset WHERE id = %s', register_test.id('asset3_a')));
SELECT register_test.try(format('DELETE FROM isms.incident WHERE id = %s', register_test.id('incident_a')));
SELECT count(*) AS links_left FROM isms.incident_asset WHERE incident_id = register_test.id('incident_a');
ROLLBACK;
\i sql/fixtures/end.sql
