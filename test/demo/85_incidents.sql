-- Demo organization, part 10: two years of incidents (component 12),
-- December 2024 to November 2026, with their time line, actions and links
-- to assets and risks.  Offsets are from the moment the incident occurred.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

CREATE TEMPORARY TABLE demo_incident (
	ident text, title text, category text, severity text, status text, occurred timestamptz,
	o_detect interval, o_report interval, o_respond interval, o_contain interval, o_resolve interval, o_close interval,
	reporter text, handler text, personal_data boolean, o_authority interval, loss numeric, root_cause text,
	assets text[], risks text[]
);
INSERT INTO demo_incident VALUES
	('INC-2024-01', 'Exploitation attempt against the VPN gateway', 'unauthorized_access', 'high', 'closed', '2024-12-10 01:50+01',
	 '24 minutes', '34 minutes', '49 minutes', '4 hours', '1 day 14 hours', '6 days', 'lena.hoffmann', 'jonas.weber', false, NULL, 0,
	 'Edge device vulnerable to CVE-2024-3400 before the vendor fix', '{AST-018}', '{R-014}'),
	('INC-2024-02', 'Phishing wave against the finance team', 'phishing', 'medium', 'closed', '2024-12-19 08:05+01',
	 '20 minutes', '25 minutes', '40 minutes', '2 hours', '5 hours', '3 days', 'thomas.werner', 'lena.hoffmann', false, NULL, 0,
	 'Look-alike domain of the accounting software vendor', '{AST-009}', '{R-002,R-024}'),
	('INC-2025-01', 'Laptop stolen from a car', 'loss_or_theft', 'medium', 'closed', '2025-01-08 18:30+01',
	 '14 hours', '15 hours', '15 hours 20 minutes', '15 hours 40 minutes', '2 days', '9 days', 'paul.becker', 'hannah.schulz', false, NULL, 1900,
	 'Laptop left visible in a parked car; disk encrypted, wiped remotely', '{AST-015}', '{R-011}'),
	('INC-2025-02', 'Two-hour outage after a database failover', 'availability', 'high', 'closed', '2025-01-27 10:12+01',
	 '3 minutes', '5 minutes', '8 minutes', '50 minutes', '2 hours', '4 days', NULL, 'pedro.santos', false, NULL, 12000,
	 'Replica lag alarm missing; failover promoted a lagging replica', '{AST-004,AST-002}', '{R-006,R-020}'),
	('INC-2025-03', 'Credential stuffing against customer logins', 'unauthorized_access', 'medium', 'closed', '2025-02-14 22:00+01',
	 '1 hour 10 minutes', '1 hour 15 minutes', '1 hour 30 minutes', '3 hours', '2 days', '8 days', 'aylin.demir', 'rui.carvalho', false, NULL, 0,
	 'Reused passwords of customer users; MFA optional for customers', '{AST-026,AST-002}', '{R-002}'),
	('INC-2025-04', 'Report with patient data e-mailed to the wrong hospital', 'data_breach', 'high', 'closed', '2025-03-05 14:20+01',
	 '2 hours', '2 hours 10 minutes', '2 hours 30 minutes', '5 hours', '3 days', '21 days', 'florian.hartmann', 'sofia.almeida', true, '2 days 20 hours', 4500,
	 'Auto-completion of the recipient address; report not sent through the platform', '{AST-009,AST-001}', '{R-012}'),
	('INC-2025-05', 'Production snapshot restored into staging', 'misconfiguration', 'high', 'closed', '2025-03-23 16:00+01',
	 '1 day 19 hours', '1 day 19 hours 30 minutes', '1 day 20 hours', '1 day 22 hours', '3 days 20 hours', '14 days', 'sarah.klein', 'lukas.fischer', false, NULL, 0,
	 'Debugging shortcut; no technical block against production snapshots in staging', '{AST-027,AST-004}', '{R-021}'),
	('INC-2025-06', 'Log4Shell exploitation attempt on a CI runner', 'malware', 'critical', 'closed', '2025-04-14 23:40+02',
	 '2 hours 30 minutes', '2 hours 35 minutes', '2 hours 50 minutes', '4 hours', '15 hours', '10 days', 'lena.hoffmann', 'jonas.weber', false, NULL, 0,
	 'Vulnerable log4j in an unused build plugin', '{AST-007}', '{R-008}'),
	('INC-2025-07', 'Employee entered a password on a phishing page; MFA stopped the login', 'phishing', 'medium', 'closed', '2025-05-06 09:12+02',
	 '6 minutes', '7 minutes', '15 minutes', '30 minutes', '2 hours', '2 days', 'alina.popescu', 'lena.hoffmann', false, NULL, 0,
	 'Convincing fake of the collaboration suite login page', '{AST-008}', '{R-002}'),
	('INC-2025-08', 'DDoS attack on the API absorbed by the CDN', 'denial_of_service', 'medium', 'closed', '2025-06-03 13:00+02',
	 '2 minutes', '10 minutes', '12 minutes', '25 minutes', '3 hours', '3 days', NULL, 'daniel.krueger', false, NULL, 0,
	 'Botnet attack; mitigated automatically, brief latency', '{AST-026}', '{R-009}'),
	('INC-2025-09', 'Badge of a leaver not returned', 'physical', 'low', 'closed', '2025-06-30 18:00+02',
	 '2 days 15 hours', '2 days 16 hours', '2 days 17 hours', '2 days 17 hours 10 minutes', '2 days 17 hours 10 minutes', '5 days', 'birgit.sommer', 'birgit.sommer', false, NULL, 0,
	 'Checklist item skipped on the last day; badge deactivated', '{}', '{R-040}'),
	('INC-2025-10', 'Zone outage in the cloud region', 'availability', 'high', 'closed', '2025-07-14 11:05+02',
	 '2 minutes', '4 minutes', '6 minutes', '25 minutes', '40 minutes', '5 days', NULL, 'aylin.demir', false, NULL, 8000,
	 'Provider power event in one zone; two services not spread across zones', '{AST-003,AST-002}', '{R-006,R-020}'),
	('INC-2025-11', 'Patient-level exports found in a shared folder', 'data_breach', 'high', 'closed', '2025-07-28 10:00+02',
	 '6 days 22 hours', '6 days 22 hours 30 minutes', '6 days 23 hours', '7 days 2 hours', '10 days 7 hours', '24 days', 'lena.hoffmann', 'sofia.almeida', true, NULL, 0,
	 'Analyst exported data for a customer meeting; folder shared company-wide; no external access', '{AST-009,AST-001}', '{R-012}'),
	('INC-2025-12', 'Adware on a marketing laptop quarantined', 'malware', 'low', 'closed', '2025-08-22 15:30+02',
	 '1 minute', '1 hour', '1 hour 20 minutes', '1 hour 20 minutes', '4 hours', '2 days', NULL, 'hannah.schulz', false, NULL, 0,
	 'Browser extension installed by the user', '{AST-015}', '{R-001}'),
	('INC-2025-13', 'Vault snapshot could not be restored in a test', 'other', 'medium', 'closed', '2025-09-24 10:00+02',
	 '1 hour', '1 hour 10 minutes', '2 hours', '2 hours', '3 days', '10 days', 'pedro.santos', 'aylin.demir', false, NULL, 0,
	 'Unseal key shares held by a departed engineer', '{AST-022}', '{R-031,R-015}'),
	('INC-2025-14', 'Outage after a failed Kubernetes upgrade', 'availability', 'high', 'closed', '2025-10-14 21:30+02',
	 '4 minutes', '6 minutes', '8 minutes', '35 minutes', '50 minutes', '7 days', NULL, 'marta.ribeiro', false, NULL, 3000,
	 'Deprecated API still used by one controller', '{AST-003,AST-002}', '{R-006}'),
	('INC-2025-15', 'Dismissed employee tried to log in after leaving', 'insider', 'medium', 'closed', '2025-10-15 19:40+02',
	 '5 minutes', '12 hours', '12 hours 30 minutes', '12 hours 30 minutes', '1 day', '6 days', 'lena.hoffmann', 'jonas.weber', false, NULL, 0,
	 'Access had been revoked; attempts blocked and logged', '{AST-008}', '{R-040}'),
	('INC-2025-16', 'Server room smoke detector not connected to the alarm', 'physical', 'low', 'closed', '2025-11-10 11:00+01',
	 '0 minutes', '1 hour', '1 day', '1 day', '9 days', '16 days', 'birgit.sommer', 'birgit.sommer', false, NULL, 300,
	 'Detector replaced in 2024 without reconnecting it', '{AST-031}', '{R-016}'),
	('INC-2025-17', 'CEO fraud e-mail requesting an urgent transfer', 'phishing', 'high', 'closed', '2025-12-03 16:45+01',
	 '30 minutes', '35 minutes', '45 minutes', '1 hour', '1 day', '5 days', 'thomas.werner', 'miriam.okafor', false, NULL, 0,
	 'Spoofed display name; dual approval stopped the payment', '{AST-012}', '{R-024}'),
	('INC-2026-01', 'Wrong customer dataset loaded into a tenant', 'data_breach', 'critical', 'closed', '2026-01-12 07:30+01',
	 '5 hours', '5 hours 15 minutes', '5 hours 30 minutes', '6 hours', '2 days', '30 days', 'rita.gomes', 'jonas.weber', true, '2 days 10 hours', 35000,
	 'Mapping error in a new ingestion job; no validation of the customer id in the file', '{AST-001,AST-002}', '{R-005,R-019}'),
	('INC-2026-02', 'Clock drift broke log correlation', 'misconfiguration', 'low', 'closed', '2026-01-19 00:00+01',
	 '13 days', '13 days 1 hour', '13 days 2 hours', '13 days 3 hours', '15 days', '20 days', 'lena.hoffmann', 'felix.neumann', false, NULL, 0,
	 'NTP not configured on new hosts', '{AST-021}', '{R-041}'),
	('INC-2026-03', 'Leaver account active three days after the last day', 'insider', 'medium', 'closed', '2026-02-27 18:00+01',
	 '2 days 15 hours', '2 days 15 hours 10 minutes', '2 days 15 hours 20 minutes', '2 days 15 hours 30 minutes', '3 days', '12 days', 'hannah.schulz', 'jonas.weber', false, NULL, 0,
	 'HR deprovisioning trigger failed silently; no use of the account found', '{AST-008}', '{R-040}'),
	('INC-2026-04', 'Break-glass accounts without MFA', 'misconfiguration', 'medium', 'closed', '2026-03-18 11:00+01',
	 '0 minutes', '2 hours', '1 day', '1 day', '33 days', '40 days', 'thomas.werner', 'jonas.weber', false, NULL, 0,
	 'Accounts created before the MFA policy; not covered by conditional access', '{AST-008}', '{R-002}'),
	('INC-2026-05', 'Phishing campaign impersonating the HR system', 'phishing', 'medium', 'closed', '2026-04-21 08:00+02',
	 '35 minutes', '40 minutes', '50 minutes', '1 hour 30 minutes', '6 hours', '4 days', 'vanessa.roth', 'lena.hoffmann', false, NULL, 0,
	 'Campaign targeting the sector; no credentials entered', '{AST-010}', '{R-002}'),
	('INC-2026-06', 'Office back door alarm disabled for two weeks', 'physical', 'low', 'closed', '2026-04-27 08:00+01',
	 '14 days 3 hours', '14 days 4 hours', '14 days 5 hours', '14 days 5 hours', '16 days', '20 days', 'catarina.nunes', 'catarina.nunes', false, NULL, 0,
	 'Renovation company disabled the alarm; not re-enabled', '{AST-017}', '{}'),
	('INC-2026-07', 'Ransomware blocked on a support laptop', 'malware', 'high', 'closed', '2026-06-09 14:10+02',
	 '1 minute', '10 minutes', '15 minutes', '20 minutes', '1 day', '8 days', NULL, 'lena.hoffmann', false, NULL, 600,
	 'Malicious attachment opened; EDR isolated the laptop', '{AST-015}', '{R-001}'),
	('INC-2026-08', 'Access token published in a public code snippet', 'unauthorized_access', 'high', 'closed', '2026-07-02 16:00+02',
	 '40 minutes', '45 minutes', '50 minutes', '1 hour', '1 day', '7 days', 'rui.carvalho', 'rui.carvalho', false, NULL, 0,
	 'Developer shared a debugging snippet; token revoked before any use', '{AST-006}', '{R-030}'),
	('INC-2026-09', 'Storage bucket public for four minutes', 'misconfiguration', 'high', 'closed', '2026-08-18 10:02+02',
	 '1 minute', '3 minutes', '3 minutes', '4 minutes', '2 hours', '6 days', NULL, 'marta.ribeiro', false, NULL, 0,
	 'Manual change outside infrastructure as code; guardrail reverted it; no access in the logs', '{AST-005}', '{R-003}'),
	('INC-2026-10', 'Screenshots with patient data in support tickets', 'data_breach', 'medium', 'resolved', '2026-08-01 00:00+02',
	 '31 days 8 hours', '31 days 9 hours', '31 days 10 hours', '32 days', '40 days', NULL, 'lena.hoffmann', 'sofia.almeida', true, NULL, 0,
	 'Customers attach screenshots; no redaction', '{AST-024}', '{R-034}'),
	('INC-2026-11', 'Laptop lost on a train', 'loss_or_theft', 'low', 'closed', '2026-10-06 19:00+01',
	 '13 hours', '13 hours 30 minutes', '14 hours', '14 hours 15 minutes', '1 day', '6 days', 'goncalo.lopes', 'hannah.schulz', false, NULL, 1700,
	 'Encrypted laptop, wiped remotely', '{AST-015}', '{R-011}'),
	('INC-2026-12', 'DDoS attack on the website', 'denial_of_service', 'low', 'resolved', '2026-11-03 12:00+01',
	 '3 minutes', '20 minutes', '25 minutes', '40 minutes', '2 hours', NULL, NULL, 'daniel.krueger', false, NULL, 0,
	 'Botnet; CDN mitigated it', '{AST-025}', '{R-009}'),
	('INC-2026-13', 'Unexpected access to the model registry from an unknown address', 'unauthorized_access', 'high', 'investigating', '2026-11-19 03:20+01',
	 '4 hours', '4 hours 20 minutes', '4 hours 40 minutes', NULL, NULL, NULL, 'lena.hoffmann', 'jonas.weber', false, NULL, NULL,
	 NULL, '{AST-023}', '{R-013}'),
	('INC-2026-14', 'Phishing e-mail reported by several staff', 'phishing', 'low', 'triaged', '2026-11-25 09:00+01',
	 '15 minutes', '20 minutes', NULL, NULL, NULL, NULL, 'mia.lehmann', 'lena.hoffmann', false, NULL, NULL,
	 NULL, '{AST-009}', '{R-002}'),
	('INC-2026-15', 'Model registry backups failing', 'availability', 'medium', 'contained', '2026-11-24 02:00+01',
	 '1 day 6 hours', '1 day 7 hours', '1 day 8 hours', '1 day 12 hours', NULL, NULL, 'pedro.santos', 'pedro.santos', false, NULL, NULL,
	 NULL, '{AST-023}', '{R-015}');

INSERT INTO isms.incident (org_id, ident, title, category, severity, status, occurred_at, detected_at, reported_at, responded_at,
						   contained_at, resolved_at, closed_at, reporter_id, handler_id, personal_data_breach,
						   authority_notified_at, loss_amount, root_cause, lessons_learned)
SELECT :org_id, d.ident, d.title, d.category, d.severity, d.status, d.occurred, d.occurred + d.o_detect, d.occurred + d.o_report,
	   d.occurred + d.o_respond, d.occurred + d.o_contain, d.occurred + d.o_resolve, d.occurred + d.o_close,
	   r.id, h.id, d.personal_data, d.occurred + d.o_authority, d.loss, d.root_cause,
	   CASE WHEN d.status = 'closed' AND d.severity IN ('high', 'critical')
			THEN 'Reviewed in the post-incident meeting; actions recorded' END
  FROM demo_incident d
  LEFT JOIN isms.person r ON r.org_id = :org_id AND r.email = d.reporter || '@kestrel-analytics.example'
  JOIN isms.person h ON h.org_id = :org_id AND h.email = d.handler || '@kestrel-analytics.example'
 ORDER BY d.occurred;
UPDATE isms.incident SET reporter_external = 'Monitoring alert' WHERE org_id = :org_id AND reporter_id IS NULL;

INSERT INTO isms.incident_asset (org_id, incident_id, asset_id)
SELECT :org_id, i.id, a.id
  FROM demo_incident d
  JOIN isms.incident i ON i.org_id = :org_id AND i.ident = d.ident
 CROSS JOIN LATERAL unnest(d.assets) AS x(ident)
  JOIN isms.asset a ON a.org_id = i.org_id AND a.ident = x.ident;

INSERT INTO isms.incident_risk (org_id, incident_id, risk_id)
SELECT :org_id, i.id, r.id
  FROM demo_incident d
  JOIN isms.incident i ON i.org_id = :org_id AND i.ident = d.ident
 CROSS JOIN LATERAL unnest(d.risks) AS x(ident)
  JOIN isms.risk r ON r.org_id = i.org_id AND r.ident = x.ident;

-- Investigation, containment and recovery actions follow the time line.
INSERT INTO isms.incident_action (org_id, incident_id, kind, description, owner_id, status, started_at, completed_at)
SELECT :org_id, i.id, a.kind, a.description, i.handler_id,
	   CASE WHEN a.done_at IS NOT NULL THEN 'done' WHEN a.started IS NOT NULL THEN 'in_progress' ELSE 'open' END,
	   a.started, a.done_at
  FROM isms.incident i
 CROSS JOIN LATERAL (VALUES
	(1, 'investigation', 'Establish what happened, scope and affected data', i.responded_at,
	 CASE WHEN i.contained_at IS NOT NULL THEN i.contained_at END),
	(2, 'containment', 'Stop the spread or the exposure', i.responded_at, i.contained_at),
	(3, 'recovery', 'Restore normal service and verify', i.contained_at, i.resolved_at),
	(4, 'lessons_learned', 'Post-incident review with the teams involved', i.resolved_at, i.closed_at)
  ) a(n, kind, description, started, done_at)
 WHERE i.org_id = :org_id AND i.responded_at IS NOT NULL
   AND (a.kind <> 'lessons_learned' OR i.severity IN ('high', 'critical'))
 ORDER BY i.id, a.n;
INSERT INTO isms.incident_action (org_id, incident_id, kind, description, owner_id, status, started_at, completed_at)
SELECT :org_id, i.id, 'communication', 'Notify the supervisory authority and the customers concerned', p.id, 'done',
	   i.responded_at, i.authority_notified_at
  FROM isms.incident i
  JOIN isms.person p ON p.org_id = i.org_id AND p.email = 'sofia.almeida@kestrel-analytics.example'
 WHERE i.org_id = :org_id AND i.authority_notified_at IS NOT NULL;
