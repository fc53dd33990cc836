\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Records of components 5 to 10: access reviews, cryptographic keys, site
-- checks, changes, backups and restore tests, network zones and their
-- protections, security requirements and tests.
BEGIN;
SELECT FROM register_test.fixture();

-- access_review (component 5)
SELECT register_test.base('access_review', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'reviewer_id', register_test.id('person_a'), 'privileged', true, 'period_start', '2026-01-01',
	'period_end', '2026-03-31', 'due_on', '2026-04-15', 'performed_on', '2026-04-10', 'status', 'completed',
	'accounts_reviewed', 40, 'accounts_revoked', 3, 'findings', 'Three stale accounts'));
SELECT t.what, register_test.ins('access_review', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid planned', '{"status": "planned", "performed_on": null, "accounts_reviewed": null, "accounts_revoked": null}'),
	('no such organization', '{"org_id": -1}'),
	('no system', '{"asset_id": null}'),
	('system of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no reviewer', '{"reviewer_id": null}'),
	('reviewer of another organization', jsonb_build_object('reviewer_id', register_test.id('person_b'))),
	('no period start', '{"period_start": null}'),
	('period ends before it starts', '{"period_end": "2025-12-31"}'),
	('performed before the period', '{"performed_on": "2025-12-31"}'),
	('unknown status', '{"status": "skipped"}'),
	('negative accounts reviewed', '{"accounts_reviewed": -1, "accounts_revoked": null}'),
	('negative accounts revoked', '{"accounts_revoked": -1}'),
	('more revoked than reviewed', '{"accounts_revoked": 41}'),
	('completed without date', '{"performed_on": null}'),
	('completed without count', '{"accounts_reviewed": null, "accounts_revoked": null}')
  ) t(what, change);

-- crypto_key (component 6)
SELECT register_test.base('crypto_key', jsonb_build_object('name', 'db-encryption', 'asset_id', register_test.id('asset_a'),
	'custodian_id', register_test.id('person_a'), 'purpose', 'data_encryption', 'algorithm', 'AES-256-GCM',
	'key_length', 256, 'storage', 'kms', 'status', 'active', 'created_on', '2025-01-01', 'activated_on', '2025-01-02',
	'last_rotated_on', '2026-01-02', 'rotation_interval', '1 year', 'next_rotation_on', '2027-01-02',
	'expires_on', '2028-01-01'));
SELECT t.what, register_test.ins('crypto_key', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid destroyed', '{"status": "destroyed", "destroyed_on": "2026-06-01", "next_rotation_on": null}'),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": " "}'),
	('system of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('custodian of another organization', jsonb_build_object('custodian_id', register_test.id('person_b'))),
	('unknown purpose', '{"purpose": "fun"}'),
	('no algorithm', '{"algorithm": null}'),
	('blank algorithm', '{"algorithm": ""}'),
	('key length 0', '{"key_length": 0}'),
	('unknown storage', '{"storage": "post-it"}'),
	('unknown status', '{"status": "lost"}'),
	('no creation date', '{"created_on": null}'),
	('activated before created', '{"activated_on": "2024-12-31"}'),
	('rotated before created', '{"last_rotated_on": "2024-12-31", "next_rotation_on": null}'),
	('rotation interval of zero', '{"rotation_interval": "0", "next_rotation_on": null}'),
	('next rotation before the last one', '{"next_rotation_on": "2026-01-01"}'),
	('next rotation beyond the interval', '{"next_rotation_on": "2027-01-03"}'),
	('expires when created', '{"expires_on": "2025-01-01"}'),
	('destroyed before created', '{"destroyed_on": "2024-12-31"}'),
	('destroyed without date', '{"status": "destroyed", "next_rotation_on": null}'),
	('destruction date but not destroyed', '{"destroyed_on": "2026-06-01"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('crypto_key', '{}'));
SELECT register_test.ins('crypto_key', '{}') AS name_taken;

-- site_check (component 7)
SELECT register_test.base('site_check', jsonb_build_object('site_id', register_test.id('site_a'),
	'category', 'environmental', 'item', 'Fire detectors', 'performed_on', '2026-05-01',
	'performed_by_id', register_test.id('person_a'), 'result', 'pass', 'next_due', '2026-11-01'));
SELECT t.what, register_test.ins('site_check', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid failure with findings', '{"result": "fail", "findings": "Two detectors dead"}'),
	('no such organization', '{"org_id": -1}'),
	('no site', '{"site_id": null}'),
	('site of another organization', jsonb_build_object('site_id', register_test.id('site_b'))),
	('checked by someone of another organization', jsonb_build_object('performed_by_id', register_test.id('person_b'))),
	('unknown category', '{"category": "spiritual"}'),
	('no item', '{"item": null}'),
	('blank item', '{"item": " "}'),
	('no date', '{"performed_on": null}'),
	('unknown result', '{"result": "meh", "findings": "Odd"}'),
	('failure without findings', '{"result": "fail"}'),
	('partial with blank findings', '{"result": "partial", "findings": " "}'),
	('next check before this one', '{"next_due": "2026-05-01"}')
  ) t(what, change);

-- change_request (component 8)
SELECT register_test.base('change_request', jsonb_build_object('ident', 'CHG-9', 'title', 'Upgrade database',
	'asset_id', register_test.id('asset_a'), 'kind', 'normal', 'risk_rating', 'medium', 'status', 'implemented',
	'requested_by_id', register_test.id('person_a'), 'requested_at', '2026-03-01 09:00+00',
	'approver_id', register_test.id('person2_a'), 'decided_at', '2026-03-02 09:00+00',
	'planned_start', '2026-03-05 20:00+00', 'planned_end', '2026-03-05 22:00+00',
	'implemented_at', '2026-03-05 21:00+00', 'rollback_plan', 'Fail over'));
SELECT t.what, register_test.ins('change_request', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid request', '{"status": "requested", "approver_id": null, "decided_at": null, "implemented_at": null}'),
	('valid emergency approved afterwards', '{"kind": "emergency", "implemented_at": "2026-03-01 12:00+00"}'),
	('no such organization', '{"org_id": -1}'),
	('blank identifier', '{"ident": " "}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('system of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('unknown kind', '{"kind": "urgent"}'),
	('unknown risk rating', '{"risk_rating": "extreme"}'),
	('unknown status', '{"status": "done"}'),
	('no requester', '{"requested_by_id": null}'),
	('requester of another organization', jsonb_build_object('requested_by_id', register_test.id('person_b'))),
	('approver of another organization', jsonb_build_object('approver_id', register_test.id('person_b'))),
	('approved by the requester', jsonb_build_object('approver_id', register_test.id('person_a'))),
	('approved without approver', '{"status": "approved", "approver_id": null, "implemented_at": null}'),
	('rejected without decision time', '{"status": "rejected", "decided_at": null, "implemented_at": null}'),
	('decided before requested', '{"decided_at": "2026-02-28 09:00+00"}'),
	('window ends before it starts', '{"planned_end": "2026-03-05 19:00+00"}'),
	('implemented before requested', '{"kind": "emergency", "implemented_at": "2026-02-28 09:00+00"}'),
	('normal change implemented before approval', '{"implemented_at": "2026-03-01 12:00+00"}'),
	('implemented without time', '{"implemented_at": null}'),
	('failed without time', '{"status": "failed", "implemented_at": null}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('change_request', '{}'));
SELECT register_test.ins('change_request', '{}') AS identifier_taken;

-- backup and restore_test (component 8)
SELECT register_test.base('backup', jsonb_build_object('name', 'nightly', 'asset_id', register_test.id('asset_a'),
	'method', 'full', 'frequency', '1 day', 'retention', '35 days', 'location', 'Vault', 'offsite', true,
	'encrypted', true, 'immutable', true, 'owner_id', register_test.id('person_a')));
SELECT t.what, register_test.ins('backup', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": ""}'),
	('name taken', '{"name": "Backup"}'),
	('no asset', '{"asset_id": null}'),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('unknown method', '{"method": "photocopy"}'),
	('frequency of zero', '{"frequency": "0"}'),
	('no retention', '{"retention": null}'),
	('retention shorter than the frequency', '{"retention": "12 hours"}')
  ) t(what, change);
SELECT register_test.base('restore_test', jsonb_build_object('backup_id', register_test.id('backup_a'),
	'tested_on', '2026-03-25', 'performed_by_id', register_test.id('person_a'), 'scope', 'Full restore',
	'success', true, 'duration', '2 hours', 'data_age', '20 hours'));
SELECT t.what, register_test.ins('restore_test', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid failure with notes', '{"success": false, "notes": "Key missing"}'),
	('no such organization', '{"org_id": -1}'),
	('no backup', '{"backup_id": null}'),
	('backup of another organization', jsonb_build_object('backup_id', register_test.id('backup_b'))),
	('tested by someone of another organization', jsonb_build_object('performed_by_id', register_test.id('person_b'))),
	('no date', '{"tested_on": null}'),
	('success not said', '{"success": null}'),
	('negative duration', '{"duration": "-1 hour"}'),
	('negative data age', '{"data_age": "-1 minute"}'),
	('failure without notes', '{"success": false}')
  ) t(what, change);

-- network_zone and network_protection (component 9)
SELECT register_test.base('network_zone', jsonb_build_object('name', 'Production', 'trust_level', 'restricted',
	'networks', jsonb_build_array('10.20.0.0/16', '2001:db8::/32'), 'site_id', register_test.id('site_a'),
	'owner_id', register_test.id('person_a')));
SELECT t.what, register_test.ins('network_zone', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": " "}'),
	('name taken', '{"name": "Zone"}'),
	('unknown trust level', '{"trust_level": "friendly"}'),
	('not a network', '{"networks": ["10.20.0.1/8"]}'),
	('null network', '{"networks": ["10.20.0.0/16", null]}'),
	('site of another organization', jsonb_build_object('site_id', register_test.id('site_b'))),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b')))
  ) t(what, change);
SELECT register_test.base('network_protection', jsonb_build_object('zone_id', register_test.id('zone_a'),
	'kind', 'firewall', 'asset_id', register_test.id('asset_a'), 'status', 'active', 'last_verified_on', '2026-05-01'));
SELECT t.what, register_test.ins('network_protection', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no zone', '{"zone_id": null}'),
	('zone of another organization', jsonb_build_object('zone_id', register_test.id('zone_b'))),
	('device of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('unknown kind', '{"kind": "moat"}'),
	('unknown status', '{"status": "broken"}')
  ) t(what, change);

-- security_requirement and security_test (component 10)
SELECT register_test.base('security_requirement', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'ident', 'SR-9', 'title', 'Tenant isolation', 'source', 'risk_assessment', 'priority', 'must',
	'status', 'verified', 'control_id', register_test.id('control')));
SELECT t.what, register_test.ins('security_requirement', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('no system', '{"asset_id": null}'),
	('system of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no identifier', '{"ident": null}'),
	('blank identifier', '{"ident": " "}'),
	('identifier taken for the system', '{"ident": "SR"}'),
	('no title', '{"title": null}'),
	('blank title', '{"title": ""}'),
	('unknown source', '{"source": "dream"}'),
	('unknown priority', '{"priority": "wont"}'),
	('unknown status', '{"status": "done"}'),
	('no such control', '{"control_id": -1}')
  ) t(what, change);
SELECT register_test.base('security_test', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'requirement_id', register_test.id('requirement_a'), 'kind', 'penetration_test', 'performed_on', '2026-05-12',
	'tester', 'External firm', 'result', 'partial', 'findings_count', 4, 'critical_findings', 1,
	'report_ref', 'PT-2026'));
SELECT t.what, register_test.ins('security_test', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid pass', '{"result": "pass", "critical_findings": 0}'),
	('no such organization', '{"org_id": -1}'),
	('no system', '{"asset_id": null}'),
	('system of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('requirement of another organization', jsonb_build_object('requirement_id', register_test.id('requirement_b'))),
	('unknown kind', '{"kind": "guess"}'),
	('no date', '{"performed_on": null}'),
	('unknown result', '{"result": "ok"}'),
	('negative findings', '{"findings_count": -1, "critical_findings": 0}'),
	('more critical findings than findings', '{"critical_findings": 5}'),
	('more critical findings than findings, none found', '{"findings_count": 0, "critical_findings": 1}'),
	('negative critical findings', '{"critical_findings": -1}'),
	('pass with critical findings', '{"result": "pass"}')
  ) t(what, change);
ROLLBACK;
\i sql/fixtures/end.sql
