-- Demo organization, part 6: the Statement of Applicability (step 5) for
-- all 93 controls of ISO/IEC 27001:2022 Annex A, with evidence.  The risk
-- identifiers in the justifications point into the risk register.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.soa (org_id, control_id, applicable, justification, implementation_status, owner_id,
					  target_date, implemented_on, reviewed_on)
SELECT :org_id, c.id, v.status <> 'not_applicable', v.justification, v.status, p.id,
	   CASE WHEN v.status IN ('planned', 'not_implemented', 'partially_implemented') THEN v.day::date END,
	   CASE WHEN v.status = 'implemented' THEN coalesce(v.day::date, '2024-09-30') END,
	   '2026-09-01'
  FROM (VALUES
	('A.5.1', 'implemented', 'jonas.weber', 'Top-level and topic-specific policies approved by management (POL-00 to POL-08)', NULL),
	('A.5.2', 'implemented', 'jonas.weber', 'ISMS roles assigned and recorded; committee charter', NULL),
	('A.5.3', 'implemented', 'jonas.weber', 'Payments and production changes need a second person (R-013, R-024)', NULL),
	('A.5.4', 'implemented', 'jonas.weber', 'Managers confirm policy compliance of their teams in yearly reviews', NULL),
	('A.5.5', 'implemented', 'sofia.almeida', 'Contacts with the data protection authority and the national CERT for notifications', NULL),
	('A.5.6', 'implemented', 'jonas.weber', 'Member of the health-sector information sharing group', NULL),
	('A.5.7', 'partially_implemented', 'lena.hoffmann', 'Vendor advisories and sector feeds watched; no formal threat intelligence process yet (R-014)', '2027-03-31'),
	('A.5.8', 'implemented', 'lukas.fischer', 'Security review gate in the project template', NULL),
	('A.5.9', 'implemented', 'daniel.krueger', 'Asset inventory with owners kept in the ISMS register', NULL),
	('A.5.10', 'implemented', 'vanessa.roth', 'Acceptable use policy POL-03 acknowledged by staff (R-012, R-023)', NULL),
	('A.5.11', 'implemented', 'vanessa.roth', 'Offboarding checklist covers laptops, tokens and badges', NULL),
	('A.5.12', 'partially_implemented', 'sofia.almeida', 'Four-class scheme in use; classification policy POL-09 under revision', '2027-01-31'),
	('A.5.13', 'planned', 'sofia.almeida', 'Labelling of documents and exports planned with POL-09', '2027-06-30'),
	('A.5.14', 'implemented', 'jonas.weber', 'Customer data arrives over HTTPS upload only; contracts by encrypted e-mail', NULL),
	('A.5.15', 'implemented', 'jonas.weber', 'Access control policy POL-01', NULL),
	('A.5.16', 'implemented', 'daniel.krueger', 'Identities managed in the identity provider, provisioned from the HR system', NULL),
	('A.5.17', 'implemented', 'jonas.weber', 'Password manager, MFA, hardware keys for administrators (R-002, R-030)', '2025-04-11'),
	('A.5.18', 'implemented', 'daniel.krueger', 'Quarterly access reviews and automatic deprovisioning (R-013, R-040)', '2025-11-28'),
	('A.5.19', 'implemented', 'sofia.almeida', 'Supplier security policy POL-04 and supplier register (R-029)', NULL),
	('A.5.20', 'implemented', 'sofia.almeida', 'Security clauses and data processing agreements in supplier contracts (R-029)', NULL),
	('A.5.21', 'partially_implemented', 'lukas.fischer', 'Dependencies pinned; software bill of materials in progress (R-008)', '2027-02-28'),
	('A.5.22', 'implemented', 'sofia.almeida', 'Yearly assessments of critical suppliers (R-029)', NULL),
	('A.5.23', 'implemented', 'daniel.krueger', 'Rules for cloud use; provider certifications reviewed yearly (R-003, R-038)', NULL),
	('A.5.24', 'implemented', 'jonas.weber', 'Incident management policy POL-05 and on-call rota', NULL),
	('A.5.25', 'implemented', 'jonas.weber', 'Triage and severity classification by the on-call engineer', NULL),
	('A.5.26', 'implemented', 'jonas.weber', 'Playbooks for ransomware, data leaks and outages (R-010)', NULL),
	('A.5.27', 'implemented', 'jonas.weber', 'Post-incident reviews recorded with lessons learned', NULL),
	('A.5.28', 'partially_implemented', 'lena.hoffmann', 'Forensic images taken for major incidents; chain-of-custody procedure in draft', '2027-01-31'),
	('A.5.29', 'implemented', 'daniel.krueger', 'Security requirements kept in the continuity plans (R-001)', NULL),
	('A.5.30', 'partially_implemented', 'daniel.krueger', 'Recovery plan tested yearly; restore into a second region not yet achieved (R-006, R-020)', '2027-06-30'),
	('A.5.31', 'implemented', 'sofia.almeida', 'Register of legal, statutory, regulatory and contractual requirements (R-019)', NULL),
	('A.5.32', 'implemented', 'sofia.almeida', 'Licences for software and reference datasets managed', NULL),
	('A.5.33', 'implemented', 'sofia.almeida', 'Retention schedule for accounting, contract and ISMS records', NULL),
	('A.5.34', 'implemented', 'sofia.almeida', 'GDPR programme, data protection officer, records of processing (R-004, R-019)', '2025-06-20'),
	('A.5.35', 'implemented', 'katrin.vogel', 'Independent internal audits and yearly certification audits', NULL),
	('A.5.36', 'implemented', 'jonas.weber', 'Compliance with policies checked by the security team', NULL),
	('A.5.37', 'partially_implemented', 'daniel.krueger', 'Runbooks for platform operations; model operations documentation in progress (R-007, R-039)', '2027-03-31'),
	('A.6.1', 'implemented', 'vanessa.roth', 'Background checks for everyone with access to customer data', NULL),
	('A.6.2', 'implemented', 'vanessa.roth', 'Employment contracts state confidentiality and security duties', NULL),
	('A.6.3', 'implemented', 'vanessa.roth', 'Awareness, onboarding and role-specific training with records (R-002, R-012)', NULL),
	('A.6.4', 'implemented', 'vanessa.roth', 'Disciplinary process agreed with the works council', NULL),
	('A.6.5', 'implemented', 'vanessa.roth', 'Offboarding with access revocation and confidentiality reminder (R-040)', NULL),
	('A.6.6', 'implemented', 'sofia.almeida', 'Non-disclosure agreements with staff, contractors and suppliers', NULL),
	('A.6.7', 'implemented', 'vanessa.roth', 'Remote working policy POL-08', NULL),
	('A.6.8', 'implemented', 'jonas.weber', 'Reporting channel in chat and e-mail; every report logged', NULL),
	('A.7.1', 'implemented', 'birgit.sommer', 'Badge-controlled building and office doors; locked colocation cage', NULL),
	('A.7.2', 'implemented', 'birgit.sommer', 'Visitor log and escorts; colocation access list', NULL),
	('A.7.3', 'implemented', 'birgit.sommer', 'Server room and HR archive locked', NULL),
	('A.7.4', 'partially_implemented', 'jan.kowalski', 'CCTV at the colocation facility; none in the offices', '2027-06-30'),
	('A.7.5', 'implemented', 'birgit.sommer', 'Fire and water detection in the server room; certified colocation (R-016, R-018)', NULL),
	('A.7.6', 'not_applicable', NULL, 'Kestrel operates no secure areas of its own; the colocation provider does, managed under A.5.19 to A.5.22', NULL),
	('A.7.7', 'implemented', 'birgit.sommer', 'Clear desk rule and automatic screen lock', NULL),
	('A.7.8', 'implemented', 'jan.kowalski', 'Network equipment in racks in the locked server room', NULL),
	('A.7.9', 'implemented', 'daniel.krueger', 'Encrypted laptops with remote wipe (R-011)', NULL),
	('A.7.10', 'implemented', 'daniel.krueger', 'Encrypted removable media only; certified destruction', NULL),
	('A.7.11', 'implemented', 'jan.kowalski', 'UPS in the server room; colocation power under SLA (R-017)', NULL),
	('A.7.12', 'implemented', 'jan.kowalski', 'Cabling in closed ducts; colocation cabling by the provider', NULL),
	('A.7.13', 'implemented', 'jan.kowalski', 'Maintenance contracts for firewalls and UPS', NULL),
	('A.7.14', 'implemented', 'birgit.sommer', 'Certified wiping and shredding by the disposal supplier', NULL),
	('A.8.1', 'implemented', 'daniel.krueger', 'Managed laptops with encryption and device management (R-011, R-023)', '2025-05-02'),
	('A.8.2', 'implemented', 'daniel.krueger', 'Privileged access through the bastion host, just in time (R-013)', '2025-08-20'),
	('A.8.3', 'implemented', 'lukas.fischer', 'Tenant isolation and role-based access in the platform (R-005)', '2025-09-19'),
	('A.8.4', 'implemented', 'lukas.fischer', 'Repository access by SSO groups; secret scanning (R-030)', '2025-05-30'),
	('A.8.5', 'implemented', 'jonas.weber', 'SSO with MFA everywhere; hardware keys for administrators (R-002)', '2025-04-11'),
	('A.8.6', 'implemented', 'daniel.krueger', 'Autoscaling and capacity alerts (R-009)', NULL),
	('A.8.7', 'implemented', 'lena.hoffmann', 'Endpoint detection and response on laptops and servers (R-001)', '2025-09-02'),
	('A.8.8', 'implemented', 'lena.hoffmann', 'Weekly scans; patch deadlines by severity (R-001, R-014)', '2025-01-20'),
	('A.8.9', 'implemented', 'daniel.krueger', 'Infrastructure as code with guardrails (R-003)', '2025-05-15'),
	('A.8.10', 'partially_implemented', 'sofia.almeida', 'Customer data deleted at contract end; ticket attachments not yet purged (R-034)', '2027-03-31'),
	('A.8.11', 'partially_implemented', 'julia.lange', 'Pseudonymization at ingestion; output checks in progress (R-004, R-034)', '2027-01-31'),
	('A.8.12', 'partially_implemented', 'lena.hoffmann', 'DLP for e-mail in place; rules for file sharing in progress (R-012)', '2026-12-31'),
	('A.8.13', 'implemented', 'daniel.krueger', 'Daily encrypted backups, immutable copies, quarterly restore tests (R-001, R-015)', '2025-06-12'),
	('A.8.14', 'implemented', 'daniel.krueger', 'Multi-zone cluster and three-node secrets vault (R-006, R-031)', '2025-07-10'),
	('A.8.15', 'partially_implemented', 'lena.hoffmann', 'Central logging for the platform; vault audit logs still local (R-013, R-032)', '2026-12-31'),
	('A.8.16', 'implemented', 'lena.hoffmann', 'Security monitoring with alerting (R-003, R-032)', NULL),
	('A.8.17', 'implemented', 'daniel.krueger', 'NTP on all hosts with drift alerts (R-041)', '2026-02-01'),
	('A.8.18', 'implemented', 'daniel.krueger', 'Privileged utility programs restricted to administrators', NULL),
	('A.8.19', 'implemented', 'daniel.krueger', 'Software installed only through device management and CI', NULL),
	('A.8.20', 'implemented', 'jan.kowalski', 'Firewalls, segmented zones, WPA3 enterprise (R-009, R-014, R-033)', NULL),
	('A.8.21', 'implemented', 'jan.kowalski', 'Security of CDN and connectivity services agreed in contracts', NULL),
	('A.8.22', 'partially_implemented', 'jan.kowalski', 'Zones separated; cluster management interface still reachable from the office (R-036)', '2026-12-01'),
	('A.8.23', 'not_implemented', 'jan.kowalski', 'Web filtering for laptops to come with the device management renewal', '2027-09-30'),
	('A.8.24', 'implemented', 'jonas.weber', 'Cryptography policy POL-02; keys in the KMS and the vault (R-011, R-033)', NULL),
	('A.8.25', 'implemented', 'lukas.fischer', 'Secure development policy POL-07', NULL),
	('A.8.26', 'implemented', 'lukas.fischer', 'Security requirements recorded for each system (R-005)', NULL),
	('A.8.27', 'implemented', 'lukas.fischer', 'Architecture principles: least privilege, defence in depth', NULL),
	('A.8.28', 'partially_implemented', 'lukas.fischer', 'Code review and static analysis in place; dependency signing in progress (R-008)', '2027-02-28'),
	('A.8.29', 'implemented', 'lukas.fischer', 'Static and dynamic testing in CI, yearly penetration test (R-005, R-025)', NULL),
	('A.8.30', 'not_applicable', NULL, 'No development is outsourced; Kestrel staff write all code', NULL),
	('A.8.31', 'implemented', 'lukas.fischer', 'Separate accounts and clusters for development, staging and production (R-008, R-021)', NULL),
	('A.8.32', 'implemented', 'lukas.fischer', 'Changes approved in the change register (R-025)', NULL),
	('A.8.33', 'implemented', 'lukas.fischer', 'Synthetic test data only (R-021)', '2025-04-30'),
	('A.8.34', 'planned', 'jonas.weber', 'Rules for audit tests on production to be agreed before the next surveillance audit', '2027-04-30')
  ) v(ident, status, owner, justification, day)
  JOIN isms.framework f ON f.name = 'iso27001-2022'
  JOIN isms.control c ON c.framework_id = f.id AND c.ident = v.ident
  LEFT JOIN isms.person p ON p.org_id = :org_id AND p.email = v.owner || '@kestrel-analytics.example'
 ORDER BY c.sort_order;

-- One item of evidence for each control that is at least partly in place,
-- and a second, older one for the technological controls.
INSERT INTO isms.control_evidence (org_id, soa_id, title, kind, reference, collected_on, collected_by_id, valid_until)
SELECT :org_id, s.id, e.title_prefix || c.title, e.kind, 'ISMS-EV-' || c.ident || e.suffix,
	   e.collected_on, s.owner_id, e.collected_on + 365
  FROM isms.soa s
  JOIN isms.control c ON c.id = s.control_id
  JOIN LATERAL (VALUES
	(CASE substring(c.ident FROM '^A\.[0-9]') WHEN 'A.5' THEN 'document' WHEN 'A.6' THEN 'record'
		  WHEN 'A.7' THEN 'report' ELSE 'configuration' END,
	 'Evidence 2026: ', '', date '2026-08-17'),
	('report', 'Audit sample 2025: ', '-2025', date '2025-08-18')
  ) e(kind, title_prefix, suffix, collected_on)
	ON e.suffix = '' OR c.ident LIKE 'A.8.%'
 WHERE s.org_id = :org_id AND s.implementation_status IN ('implemented', 'partially_implemented')
 ORDER BY c.sort_order, e.collected_on;
