-- Demo organization, part 8: records of components 5 to 10: access reviews,
-- cryptographic keys, site checks, changes, backups and restore tests,
-- network zones, security requirements and tests.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

-- Component 5: quarterly access reviews of four systems over two years.
INSERT INTO isms.access_review (org_id, asset_id, reviewer_id, privileged, period_start, period_end, due_on, performed_on,
								status, accounts_reviewed, accounts_revoked, findings)
SELECT :org_id, a.id, p.id, v.privileged, q.period_start, (q.period_start + interval '3 months' - interval '1 day')::date,
	   (q.period_start + interval '3 months' + interval '14 days')::date,
	   CASE WHEN q.period_start < '2026-07-01' THEN (q.period_start + interval '3 months' + interval '10 days')::date
			+ (a.id % 7)::integer END,
	   CASE WHEN q.period_start < '2026-07-01' THEN 'completed'
			WHEN q.period_start < '2026-10-01' THEN 'in_progress' ELSE 'planned' END,
	   CASE WHEN q.period_start < '2026-07-01' THEN v.accounts + (extract(month FROM q.period_start)::integer % 5) END,
	   CASE WHEN q.period_start < '2026-07-01' THEN (a.id + extract(month FROM q.period_start)::integer) % 4 END,
	   CASE WHEN q.period_start = '2025-10-01' AND v.asset = 'AST-008'
			THEN 'One leaver account still active (see termination of R. Mendes)' END
  FROM (VALUES ('AST-004', 'aylin.demir', true, 9), ('AST-008', 'hannah.schulz', false, 72),
			   ('AST-006', 'lukas.fischer', false, 31), ('AST-022', 'jonas.weber', true, 6)
	   ) v(asset, reviewer, privileged, accounts)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  JOIN isms.person p ON p.org_id = a.org_id AND p.email = v.reviewer || '@kestrel-analytics.example'
 CROSS JOIN generate_series(date '2025-01-01', date '2026-10-01', interval '3 months') AS q(period_start)
 ORDER BY q.period_start, a.id;

-- Component 6: key inventory.
INSERT INTO isms.crypto_key (org_id, name, asset_id, custodian_id, purpose, algorithm, key_length, storage, status, fingerprint,
							 created_on, activated_on, last_rotated_on, rotation_interval, next_rotation_on, expires_on,
							 destroyed_on)
SELECT :org_id, v.name, a.id, p.id, v.purpose, v.algorithm, v.bits, v.storage, v.status, v.fingerprint,
	   v.created_on::date, v.activated_on::date, v.rotated_on::date, v.rotation::interval, v.next_rotation::date,
	   v.expires_on::date, v.destroyed_on::date
  FROM (VALUES
	('kms/prod-db-encryption', 'AST-004', 'aylin.demir', 'data_encryption', 'AES-256-GCM', 256, 'kms', 'active', 'kms:key/3f1a',
	 '2022-01-10', '2022-01-10', '2026-01-10', '1 year', '2027-01-10', NULL, NULL),
	('kms/data-lake-encryption', 'AST-005', 'aylin.demir', 'data_encryption', 'AES-256-GCM', 256, 'kms', 'active', 'kms:key/77c0',
	 '2021-05-01', '2021-05-01', '2026-05-01', '1 year', '2027-05-01', NULL, NULL),
	('backup-encryption-2025', 'AST-019', 'jan.kowalski', 'backup_encryption', 'AES-256-GCM', 256, 'hsm', 'active', 'hsm:slot2/k11',
	 '2025-03-01', '2025-03-01', NULL, '2 years', '2027-03-01', '2028-03-01', NULL),
	('backup-encryption-2022', 'AST-019', 'jan.kowalski', 'backup_encryption', 'AES-256-CBC', 256, 'hsm', 'deactivated', 'hsm:slot2/k07',
	 '2022-03-01', '2022-03-01', NULL, '2 years', NULL, '2025-03-01', NULL),
	('tls/api.kestrel-analytics.example', 'AST-026', 'marta.ribeiro', 'tls', 'ECDSA P-256', 256, 'kms', 'active', 'sha256:5b:9e:21',
	 '2026-08-20', '2026-08-20', NULL, '90 days', '2026-11-18', '2026-11-18', NULL),
	('vault-unseal', 'AST-022', 'jonas.weber', 'key_encryption', 'Shamir 3 of 5 over AES-256', 256, 'smartcard', 'active', NULL,
	 '2025-07-10', '2025-07-10', NULL, '2 years', '2027-07-10', NULL, NULL),
	('release-signing', 'AST-007', 'felix.neumann', 'signing', 'Ed25519', 256, 'kms', 'active', 'ed25519:A7F3 19C2',
	 '2026-02-01', '2026-02-15', NULL, '1 year', '2027-02-15', NULL, NULL),
	('ssh-ca-admin', 'AST-030', 'aylin.demir', 'authentication', 'Ed25519', 256, 'hsm', 'active', 'SHA256:q1w2e3',
	 '2024-06-01', '2024-06-01', '2025-06-01', '1 year', '2026-06-01', NULL, NULL),
	('legacy-ftp-host-key', 'AST-032', 'jan.kowalski', 'authentication', 'RSA', 2048, 'software', 'destroyed', 'SHA256:zz99',
	 '2020-06-01', '2020-06-01', NULL, NULL, NULL, NULL, '2025-06-15')
  ) v(name, asset, custodian, purpose, algorithm, bits, storage, status, fingerprint, created_on, activated_on, rotated_on,
	  rotation, next_rotation, expires_on, destroyed_on)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  JOIN isms.person p ON p.org_id = a.org_id AND p.email = v.custodian || '@kestrel-analytics.example';

-- Component 7: physical and environmental checks, twice a year per site.
INSERT INTO isms.site_check (org_id, site_id, category, item, performed_on, performed_by_id, result, findings, next_due)
SELECT :org_id, s.id, v.category, v.item, d.performed_on, p.id,
	   CASE WHEN v.item = 'Fire extinguishers and detectors' AND d.performed_on = '2025-11-10' AND s.name = 'Berlin HQ'
			THEN 'fail'
			WHEN v.item = 'Badge readers and door alarms' AND d.performed_on = '2026-05-11' AND s.name = 'Lisbon Office'
			THEN 'partial' ELSE 'pass' END,
	   CASE WHEN v.item = 'Fire extinguishers and detectors' AND d.performed_on = '2025-11-10' AND s.name = 'Berlin HQ'
			THEN 'Inspection of two extinguishers overdue; detector in the server room not connected to the alarm panel'
			WHEN v.item = 'Badge readers and door alarms' AND d.performed_on = '2026-05-11' AND s.name = 'Lisbon Office'
			THEN 'Back door alarm disabled during renovation' END,
	   d.performed_on + 182
  FROM (VALUES ('Berlin HQ', 'birgit.sommer'), ('Lisbon Office', 'catarina.nunes'), ('Frankfurt Colocation', 'jan.kowalski')) w(site, checker)
  JOIN isms.site s ON s.org_id = :org_id AND s.name = w.site
  JOIN isms.person p ON p.org_id = s.org_id AND p.email = w.checker || '@kestrel-analytics.example'
 CROSS JOIN (VALUES ('physical', 'Badge readers and door alarms'), ('physical', 'Visitor log and escorts'),
					('environmental', 'Fire extinguishers and detectors'), ('environmental', 'UPS and cooling')) v(category, item)
 CROSS JOIN (VALUES (date '2025-05-12'), (date '2025-11-10'), (date '2026-05-11'), (date '2026-11-09')) d(performed_on)
 WHERE NOT (s.name = 'Frankfurt Colocation' AND v.item = 'Visitor log and escorts')
 ORDER BY d.performed_on, s.id, v.item;

-- Component 8: changes.
INSERT INTO isms.change_request (org_id, ident, title, asset_id, kind, risk_rating, status, requested_by_id, requested_at,
								 approver_id, decided_at, planned_start, planned_end, implemented_at, rollback_plan)
SELECT :org_id, v.ident, v.title, a.id, v.kind, v.risk, v.status, rq.id, v.requested_at::timestamptz, ap.id,
	   v.decided_at::timestamptz, v.planned_start::timestamptz, v.planned_end::timestamptz,
	   v.implemented_at::timestamptz, v.rollback
  FROM (VALUES
	('CHG-2024-118', 'Hotfix for the VPN gateway command injection', 'AST-018', 'emergency', 'high', 'implemented', 'jan.kowalski',
	 '2024-12-11 09:00+01', 'daniel.krueger', '2024-12-11 18:00+01', '2024-12-11 12:00+01', '2024-12-11 14:00+01', '2024-12-11 16:30+01', 'Vendor rollback image'),
	('CHG-2025-003', 'PostgreSQL minor upgrade', 'AST-004', 'normal', 'medium', 'implemented', 'pedro.santos',
	 '2025-01-06 10:00+01', 'daniel.krueger', '2025-01-07 11:00+01', '2025-01-08 20:00+01', '2025-01-08 22:00+01', '2025-01-08 21:00+01', 'Fail over to the old replica'),
	('CHG-2025-011', 'Patch OpenSSH on the bastion', 'AST-030', 'normal', 'medium', 'implemented', 'aylin.demir',
	 '2025-01-13 09:00+01', 'daniel.krueger', '2025-01-13 15:00+01', '2025-01-15 10:00+01', '2025-01-15 11:00+01', '2025-01-15 10:00+01', 'Restore the VM snapshot'),
	('CHG-2025-027', 'Upgrade the API gateway (HTTP/2 rapid reset)', 'AST-026', 'normal', 'medium', 'implemented', 'tiago.oliveira',
	 '2025-03-01 09:00+01', 'lukas.fischer', '2025-03-03 10:00+01', '2025-03-04 08:00+01', '2025-03-04 10:00+01', '2025-03-04 09:00+01', 'Redeploy the previous image'),
	('CHG-2025-041', 'Remove the legacy build plugin', 'AST-007', 'emergency', 'low', 'implemented', 'felix.neumann',
	 '2025-04-15 09:00+02', 'lukas.fischer', '2025-04-15 16:00+02', NULL, NULL, '2025-04-15 14:00+02', 'Restore the runner image'),
	('CHG-2025-058', 'Immutable backup bucket in Frankfurt', 'AST-019', 'normal', 'medium', 'implemented', 'jan.kowalski',
	 '2025-05-20 09:00+02', 'daniel.krueger', '2025-05-21 09:00+02', '2025-06-10 20:00+02', '2025-06-11 02:00+02', '2025-06-12 01:00+02', 'Keep the old bucket until verified'),
	('CHG-2025-077', 'Three-node vault cluster', 'AST-022', 'normal', 'high', 'implemented', 'aylin.demir',
	 '2025-06-20 09:00+02', 'jonas.weber', '2025-06-24 09:00+02', '2025-07-10 19:00+02', '2025-07-10 23:00+02', '2025-07-10 22:40+02', 'Restore the single-node snapshot'),
	('CHG-2025-090', 'Tenant authorization library', 'AST-002', 'normal', 'high', 'implemented', 'maximilian.wagner',
	 '2025-09-01 09:00+02', 'lukas.fischer', '2025-09-03 09:00+02', '2025-09-18 20:00+02', '2025-09-18 22:00+02', '2025-09-19 08:00+02', 'Feature flag off'),
	('CHG-2025-102', 'Kubernetes version upgrade', 'AST-003', 'normal', 'high', 'failed', 'marta.ribeiro',
	 '2025-10-01 09:00+02', 'daniel.krueger', '2025-10-02 09:00+02', '2025-10-14 20:00+02', '2025-10-14 23:59+02', '2025-10-14 21:30+02', 'Node pool rollback'),
	('CHG-2025-103', 'Kubernetes version upgrade, second attempt', 'AST-003', 'normal', 'high', 'implemented', 'marta.ribeiro',
	 '2025-10-15 09:00+02', 'daniel.krueger', '2025-10-16 09:00+02', '2025-10-21 20:00+02', '2025-10-21 23:59+02', '2025-10-21 21:15+02', 'Node pool rollback'),
	('CHG-2025-115', 'New DLP rules for e-mail', 'AST-009', 'normal', 'low', 'rolled_back', 'lena.hoffmann',
	 '2025-11-03 09:00+01', 'jonas.weber', '2025-11-04 09:00+01', '2025-11-05 08:00+01', '2025-11-05 09:00+01', '2025-11-05 08:30+01', 'Disable the rule set'),
	('CHG-2026-004', 'NTP configuration on all hosts', 'AST-021', 'standard', 'low', 'implemented', 'felix.neumann',
	 '2026-01-20 09:00+01', 'daniel.krueger', '2026-01-20 10:00+01', '2026-01-27 10:00+01', '2026-01-27 12:00+01', '2026-01-27 11:00+01', NULL),
	('CHG-2026-019', 'Rotate the release signing key', 'AST-007', 'normal', 'medium', 'implemented', 'felix.neumann',
	 '2026-02-02 09:00+01', 'lukas.fischer', '2026-02-05 09:00+01', '2026-02-15 10:00+01', '2026-02-15 12:00+01', '2026-02-15 11:00+01', 'Keep the old key valid for one week'),
	('CHG-2026-033', 'Hardware keys for break-glass accounts', 'AST-008', 'normal', 'medium', 'implemented', 'hannah.schulz',
	 '2026-03-25 09:00+01', 'jonas.weber', '2026-03-27 09:00+01', '2026-04-20 09:00+02', '2026-04-20 12:00+02', '2026-04-20 10:30+02', NULL),
	('CHG-2026-061', 'Ship vault audit logs to the SIEM', 'AST-022', 'normal', 'low', 'approved', 'lena.hoffmann',
	 '2026-10-05 09:00+02', 'daniel.krueger', '2026-10-07 09:00+02', '2026-12-08 20:00+01', '2026-12-08 22:00+01', NULL, 'Remove the log shipper'),
	('CHG-2026-066', 'Move the cluster dashboard into the management zone', 'AST-003', 'normal', 'medium', 'requested', 'marta.ribeiro',
	 '2026-11-20 09:00+01', NULL, NULL, NULL, NULL, NULL, 'Restore the ingress rule'),
	('CHG-2026-067', 'Open the database to the office network for debugging', 'AST-004', 'normal', 'high', 'rejected', 'nikolai.petrov',
	 '2026-11-02 09:00+01', 'daniel.krueger', '2026-11-02 15:00+01', NULL, NULL, NULL, NULL)
  ) v(ident, title, asset, kind, risk, status, requester, requested_at, approver, decided_at, planned_start, planned_end,
	  implemented_at, rollback)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  JOIN isms.person rq ON rq.org_id = a.org_id AND rq.email = v.requester || '@kestrel-analytics.example'
  LEFT JOIN isms.person ap ON ap.org_id = a.org_id AND ap.email = v.approver || '@kestrel-analytics.example'
 ORDER BY v.ident;

INSERT INTO isms.backup (org_id, name, asset_id, method, frequency, retention, location, offsite, encrypted, immutable, owner_id)
SELECT :org_id, v.name, a.id, v.method, v.frequency::interval, v.retention::interval, v.location, v.offsite, true, v.immutable, p.id
  FROM (VALUES
	('db-prod nightly base backup', 'AST-004', 'full', '1 day', '35 days', 'Frankfurt Colocation, immutable store', true, true),
	('db-prod WAL archive', 'AST-004', 'incremental', '5 minutes', '35 days', 'Frankfurt Colocation, immutable store', true, true),
	('data lake replication', 'AST-005', 'replication', '1 hour', '90 days', 'Second cloud region', true, false),
	('source code mirror', 'AST-006', 'full', '1 day', '1 year', 'Frankfurt Colocation', true, true),
	('vault snapshots', 'AST-022', 'snapshot', '6 hours', '30 days', 'Cloud object storage, other account', true, true),
	('model registry snapshot', 'AST-023', 'snapshot', '1 day', '180 days', 'Cloud object storage', false, false)
  ) v(name, asset, method, frequency, retention, location, offsite, immutable)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  JOIN isms.person p ON p.org_id = a.org_id AND p.email = 'daniel.krueger@kestrel-analytics.example';

-- Quarterly restore tests of the two database jobs and the vault; one failed.
INSERT INTO isms.restore_test (org_id, backup_id, tested_on, performed_by_id, scope, success, duration, data_age, notes)
SELECT :org_id, b.id, q.tested_on, p.id, 'Full restore into an isolated test account',
	   NOT (b.name = 'vault snapshots' AND q.tested_on = '2025-09-24'),
	   CASE b.name WHEN 'vault snapshots' THEN interval '25 minutes' ELSE interval '2 hours 40 minutes' END
		 + ((extract(month FROM q.tested_on)::integer % 4) * interval '10 minutes'),
	   CASE b.name WHEN 'db-prod WAL archive' THEN interval '4 minutes' WHEN 'vault snapshots' THEN interval '5 hours'
		 ELSE interval '20 hours' END,
	   CASE WHEN b.name = 'vault snapshots' AND q.tested_on = '2025-09-24'
			THEN 'Snapshot could not be decrypted: unseal key shares of a departed engineer; shares re-issued' END
  FROM isms.backup b
  JOIN isms.person p ON p.org_id = b.org_id AND p.email = 'pedro.santos@kestrel-analytics.example'
 CROSS JOIN (VALUES (date '2025-03-26'), (date '2025-06-25'), (date '2025-09-24'), (date '2025-12-17'),
					(date '2026-03-25'), (date '2026-06-24'), (date '2026-09-23')) q(tested_on)
 WHERE b.org_id = :org_id AND b.name IN ('db-prod nightly base backup', 'db-prod WAL archive', 'vault snapshots')
 ORDER BY q.tested_on, b.id;

-- Component 9: network zones and what protects them.
INSERT INTO isms.network_zone (org_id, name, trust_level, networks, site_id, owner_id, description)
SELECT :org_id, v.name, v.trust, v.networks::cidr[], s.id, p.id, v.description
  FROM (VALUES
	('Internet edge', 'untrusted', '{}', NULL, 'Public internet in front of the CDN and the VPN'),
	('Public services', 'dmz', '{198.51.100.0/26}', 'Cloud eu-central-1', 'API gateway and website origin'),
	('Production', 'restricted', '{10.20.0.0/16}', 'Cloud eu-central-1', 'Platform services and databases'),
	('Staging', 'internal', '{10.21.0.0/16}', 'Cloud eu-central-1', 'Pre-production with synthetic data'),
	('Management', 'management', '{10.20.9.0/24,10.30.9.0/24}', NULL, 'Bastion, cluster and device management'),
	('Colocation', 'restricted', '{10.30.0.0/16}', 'Frankfurt Colocation', 'Backup storage'),
	('Office Berlin', 'internal', '{192.168.10.0/24}', 'Berlin HQ', 'Staff devices in Berlin'),
	('Office Lisbon', 'internal', '{192.168.20.0/24}', 'Lisbon Office', 'Staff devices in Lisbon')
  ) v(name, trust, networks, site, description)
  LEFT JOIN isms.site s ON s.org_id = :org_id AND s.name = v.site
  JOIN isms.person p ON p.org_id = :org_id AND p.email = 'jan.kowalski@kestrel-analytics.example';

INSERT INTO isms.network_protection (org_id, zone_id, kind, asset_id, description, status, last_verified_on)
SELECT :org_id, z.id, v.kind, a.id, v.description, v.status, v.verified::date
  FROM (VALUES
	('Public services', 'ddos_protection', NULL, 'CDN scrubbing in front of the API', 'active', '2026-06-01'),
	('Public services', 'waf', 'AST-026', 'Web application firewall rules on the gateway', 'active', '2026-06-01'),
	('Public services', 'tls', 'AST-026', 'TLS 1.2+ only, HSTS', 'active', '2026-09-01'),
	('Production', 'firewall', NULL, 'Security groups deny by default', 'active', '2026-09-15'),
	('Production', 'ids', 'AST-021', 'Flow log anomaly detection', 'active', '2026-09-15'),
	('Production', 'segmentation', 'AST-003', 'Network policies between namespaces', 'active', '2026-05-20'),
	('Management', 'vpn', 'AST-018', 'Administrator VPN with SSO and MFA', 'active', '2026-04-20'),
	('Management', 'nac', NULL, 'Only managed admin laptops may connect', 'planned', NULL),
	('Colocation', 'firewall', 'AST-020', 'Firewall cluster, allow-list from production only', 'active', '2026-05-11'),
	('Office Berlin', 'firewall', 'AST-016', 'Office firewall; guest network separated', 'active', '2026-03-10'),
	('Office Lisbon', 'firewall', 'AST-017', 'Office firewall', 'active', '2026-03-12'),
	('Office Berlin', 'email_filter', 'AST-009', 'Mail filtering of the collaboration suite', 'active', '2026-01-15'),
	('Staging', 'proxy', NULL, 'Egress proxy, replaced by the cluster egress gateway', 'retired', '2025-02-01')
  ) v(zone, kind, asset, description, status, verified)
  JOIN isms.network_zone z ON z.org_id = :org_id AND z.name = v.zone
  LEFT JOIN isms.asset a ON a.org_id = z.org_id AND a.ident = v.asset;

-- Component 10: security requirements of the platform and the tests that verify them.
INSERT INTO isms.security_requirement (org_id, asset_id, ident, title, source, priority, status, control_id)
SELECT :org_id, a.id, v.ident, v.title, v.source, v.priority, v.status, c.id
  FROM (VALUES
	('AST-002', 'SR-01', 'Every request is authorized against the caller''s tenant', 'risk_assessment', 'must', 'verified', 'A.8.3'),
	('AST-002', 'SR-02', 'All output is encoded for its context', 'standard', 'must', 'verified', 'A.8.28'),
	('AST-002', 'SR-03', 'Exports of patient-level data need a second approval', 'contract', 'must', 'implemented', 'A.8.11'),
	('AST-002', 'SR-04', 'Sessions expire after 30 minutes of inactivity', 'policy', 'should', 'verified', 'A.8.5'),
	('AST-026', 'SR-05', 'Authentication endpoints are rate-limited', 'threat_model', 'must', 'accepted', 'A.8.5'),
	('AST-026', 'SR-06', 'TLS 1.2 or later only', 'policy', 'must', 'verified', 'A.8.24'),
	('AST-004', 'SR-07', 'Data at rest encrypted with KMS keys', 'regulation', 'must', 'verified', 'A.8.24'),
	('AST-004', 'SR-08', 'Administrative access only through the bastion', 'policy', 'must', 'verified', 'A.8.2'),
	('AST-023', 'SR-09', 'Models trained only on data with a documented legal basis', 'regulation', 'must', 'proposed', 'A.5.34'),
	('AST-023', 'SR-10', 'Model releases are reproducible from versioned data', 'standard', 'should', 'accepted', 'A.8.32'),
	('AST-007', 'SR-11', 'Build artifacts are signed', 'threat_model', 'must', 'implemented', 'A.8.28'),
	('AST-024', 'SR-12', 'Attachments with personal data are redacted', 'risk_assessment', 'should', 'proposed', 'A.8.11')
  ) v(asset, ident, title, source, priority, status, control)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  JOIN isms.framework f ON f.name = 'iso27001-2022'
  JOIN isms.control c ON c.framework_id = f.id AND c.ident = v.control;

INSERT INTO isms.security_test (org_id, asset_id, requirement_id, kind, performed_on, tester, result, findings_count,
								critical_findings, report_ref)
SELECT :org_id, a.id, r.id, v.kind, v.performed_on::date, v.tester, v.result, v.findings, v.critical, v.report
  FROM (VALUES
	('AST-002', NULL, 'penetration_test', '2025-05-20', 'Lusitania IT Consultores', 'fail', 7, 1, 'PT-2025-KA'),
	('AST-002', 'SR-01', 'penetration_test', '2025-10-02', 'Lusitania IT Consultores', 'pass', 0, 0, 'PT-2025-KA-retest'),
	('AST-002', 'SR-02', 'dast', '2025-06-15', 'Security team', 'pass', 1, 0, 'DAST-2025-06'),
	('AST-026', NULL, 'penetration_test', '2026-05-12', 'Lusitania IT Consultores', 'partial', 4, 0, 'PT-2026-KA'),
	('AST-002', NULL, 'sast', '2026-10-30', 'CI pipeline', 'pass', 12, 0, 'ci://sast/2026-10-30'),
	('AST-007', 'SR-11', 'acceptance', '2026-02-16', 'Felix Neumann', 'pass', 0, 0, 'CHG-2026-019'),
	('AST-004', 'SR-07', 'code_review', '2026-01-20', 'Security team', 'pass', 0, 0, 'REV-2026-01'),
	('AST-002', NULL, 'sca', '2026-11-02', 'CI pipeline', 'partial', 9, 0, 'ci://sca/2026-11-02'),
	('AST-023', NULL, 'code_review', '2026-09-10', 'Rui Carvalho', 'partial', 3, 0, 'REV-2026-09'),
	('AST-026', 'SR-06', 'dast', '2026-09-01', 'Security team', 'pass', 0, 0, 'DAST-2026-09')
  ) v(asset, requirement, kind, performed_on, tester, result, findings, critical, report)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  LEFT JOIN isms.security_requirement r ON r.org_id = a.org_id AND r.asset_id = a.id AND r.ident = v.requirement;
