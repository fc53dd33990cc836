\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Business continuity (component 13) and compliance (component 14): plans,
-- their assets and tests; obligations, compliance checks and violations.
BEGIN;
SELECT FROM register_test.fixture();

-- continuity_plan
SELECT register_test.base('continuity_plan', jsonb_build_object('title', 'Platform recovery', 'kind', 'disaster_recovery',
	'version', '3.1', 'status', 'approved', 'process_id', register_test.id('process_a'),
	'owner_id', register_test.id('person_a'), 'approver_id', register_test.id('person2_a'), 'approved_on', '2025-10-07',
	'rto', '4 hours', 'rpo', '15 minutes', 'mtpd', '1 day', 'next_review', '2026-10-07', 'next_test', '2026-03-25'));
SELECT t.what, register_test.ins('continuity_plan', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid draft without objectives', '{"status": "draft", "approver_id": null, "approved_on": null, "rto": null,
		"rpo": null, "next_review": null}'),
	('no such organization', '{"org_id": -1}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": " "}'),
	('title and version taken', '{"title": "Plan", "version": "1.0"}'),
	('unknown kind', '{"kind": "hope"}'),
	('unknown status', '{"status": "final"}'),
	('process of another organization', jsonb_build_object('process_id', register_test.id('process_b'))),
	('no owner', '{"owner_id": null}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('approver of another organization', jsonb_build_object('approver_id', register_test.id('person_b'))),
	('approved without approver', '{"approver_id": null}'),
	('approved without RTO', '{"rto": null}'),
	('retired without RPO', '{"status": "retired", "rpo": null}'),
	('negative RTO', '{"rto": "-1 hour"}'),
	('negative RPO', '{"rpo": "-1 minute"}'),
	('RTO beyond the maximum tolerable disruption', '{"rto": "2 days"}'),
	('next review before approval', '{"next_review": "2025-10-07"}')
  ) t(what, change);

-- continuity_plan_asset
SELECT register_test.base('continuity_plan_asset', jsonb_build_object('plan_id', register_test.id('plan_a'),
	'asset_id', register_test.id('asset_a')));
SELECT t.what, register_test.ins('continuity_plan_asset', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('plan of another organization', jsonb_build_object('plan_id', register_test.id('plan_b'))),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b')))
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('continuity_plan_asset', '{}'));
SELECT register_test.ins('continuity_plan_asset', '{}') AS listed_twice;

-- continuity_test
SELECT register_test.base('continuity_test', jsonb_build_object('plan_id', register_test.id('plan_a'),
	'kind', 'parallel', 'performed_on', '2026-03-25', 'result', 'pass', 'achieved_rto', '3 hours',
	'achieved_rpo', '6 minutes', 'participants', 5));
SELECT t.what, register_test.ins('continuity_test', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid partial with findings', '{"result": "partial", "findings": "Restore too slow"}'),
	('no such organization', '{"org_id": -1}'),
	('no plan', '{"plan_id": null}'),
	('plan of another organization', jsonb_build_object('plan_id', register_test.id('plan_b'))),
	('unknown kind', '{"kind": "daydream"}'),
	('no date', '{"performed_on": null}'),
	('unknown result', '{"result": "ok", "findings": "Some"}'),
	('negative achieved RTO', '{"achieved_rto": "-3 hours"}'),
	('negative achieved RPO', '{"achieved_rpo": "-6 minutes"}'),
	('no participants', '{"participants": 0}'),
	('failure without findings', '{"result": "fail"}')
  ) t(what, change);

-- obligation
SELECT register_test.base('obligation', jsonb_build_object('kind', 'contractual', 'title', 'Hospital security annex',
	'source', 'MSA Annex S', 'supplier_id', register_test.id('supplier_a'), 'owner_id', register_test.id('person_a'),
	'status', 'active', 'effective_from', '2024-01-01', 'effective_to', '2027-12-31'));
SELECT t.what, register_test.ins('obligation', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid contract with a customer', '{"supplier_id": null, "counterparty": "Hospital"}'),
	('valid law', '{"kind": "legal", "supplier_id": null, "source": "Regulation (EU) 2016/679"}'),
	('no such organization', '{"org_id": -1}'),
	('no kind', '{"kind": null}'),
	('unknown kind', '{"kind": "moral"}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('title taken', '{"title": "Law"}'),
	('no source', '{"source": null}'),
	('blank source', '{"source": " "}'),
	('contract without a party', '{"supplier_id": null}'),
	('supplier of another organization', jsonb_build_object('supplier_id', register_test.id('supplier_b'))),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('unknown status', '{"status": "paused"}'),
	('ends before it starts', '{"effective_to": "2023-12-31"}')
  ) t(what, change);

-- compliance_check
SELECT register_test.base('compliance_check', jsonb_build_object('obligation_id', register_test.id('obligation_a'),
	'performed_on', '2026-06-17', 'performed_by_id', register_test.id('person_a'), 'result', 'partially_compliant',
	'evidence', 'Records of processing', 'next_due', '2026-12-17'));
SELECT t.what, register_test.ins('compliance_check', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no obligation', '{"obligation_id": null}'),
	('obligation of another organization', jsonb_build_object('obligation_id', register_test.id('obligation_b'))),
	('checked by someone of another organization', jsonb_build_object('performed_by_id', register_test.id('person_b'))),
	('no date', '{"performed_on": null}'),
	('unknown result', '{"result": "fine"}'),
	('next check before this one', '{"next_due": "2026-06-16"}')
  ) t(what, change);

-- compliance_violation: occurred <= detected <= responded <= resolved
SELECT register_test.base('compliance_violation', jsonb_build_object('obligation_id', register_test.id('obligation_a'),
	'title', 'Breach notified late', 'severity', 'high', 'status', 'resolved',
	'occurred_at', '2026-01-12 07:30+00', 'detected_at', '2026-01-12 12:30+00', 'responded_at', '2026-01-12 13:00+00',
	'resolved_at', '2026-02-11 12:00+00', 'reported_to_authority_at', '2026-01-14 17:30+00', 'penalty_amount', 0,
	'incident_id', register_test.id('incident_a')));
SELECT t.what, register_test.ins('compliance_violation', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid open', '{"status": "open", "responded_at": null, "resolved_at": null}'),
	('no such organization', '{"org_id": -1}'),
	('no obligation', '{"obligation_id": null}'),
	('obligation of another organization', jsonb_build_object('obligation_id', register_test.id('obligation_b'))),
	('incident of another organization', jsonb_build_object('incident_id', register_test.id('incident_b'))),
	('no title', '{"title": null}'),
	('blank title', '{"title": " "}'),
	('no severity', '{"severity": null}'),
	('unknown severity', '{"severity": "grave"}'),
	('unknown status', '{"status": "closed", "resolved_at": null}'),
	('no detection time', '{"detected_at": null}'),
	('detected before it occurred', '{"detected_at": "2026-01-12 07:00+00"}'),
	('responded before detected', '{"responded_at": "2026-01-12 12:00+00"}'),
	('resolved before responded', '{"resolved_at": "2026-01-12 12:45+00"}'),
	('resolved before detected, no response', '{"responded_at": null, "resolved_at": "2026-01-12 12:00+00"}'),
	('reported to the authority before detection', '{"reported_to_authority_at": "2026-01-12 12:00+00"}'),
	('negative penalty', '{"penalty_amount": -100}'),
	('responding without response time', '{"status": "responding", "responded_at": null, "resolved_at": null}'),
	('resolved without time', '{"resolved_at": null}'),
	('resolution time but open', '{"status": "responding"}')
  ) t(what, change);
ROLLBACK;
\i sql/fixtures/end.sql
