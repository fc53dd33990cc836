-- Demo organization, part 5: the risk register (step 3), with the
-- vulnerabilities each risk exploits, OCTAVE Allegro and FAIR inputs for a
-- few risks, and the treatment plan (step 4).  Likelihood and impact are on
-- the default 5-level scales; the trigger computes the levels from the risk
-- matrix and the review dates from the cadence.  Risks enter the register
-- identified or assessed; 82_risk_workflow.sql moves them through the life
-- cycle once the controls, suppliers and acceptances they need exist.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

-- Review cadence: Kestrel reviews high risks every 60 days (the built-in
-- cadence is 90); the other levels keep the built-in days.
INSERT INTO isms.review_cadence (level, review_days) VALUES ('high', 60);

INSERT INTO isms.risk (org_id, ident, title, category, asset_id, threat_id, owner_id,
					   inherent_likelihood, inherent_impact, current_likelihood, current_impact,
					   residual_likelihood, residual_impact, target_likelihood, target_impact,
					   treatment, treatment_rationale, status, identified_on, assessed_on, reviewed_on)
SELECT :org_id, v.ident, v.title, v.category, a.id, t.id, o.id,
	   v.il::isms.likelihood, v.ii::isms.impact, v.cl::isms.likelihood, v.ci::isms.impact,
	   v.rl::isms.likelihood, v.ri::isms.impact, v.tl::isms.likelihood, v.ti::isms.impact,
	   v.treatment, v.rationale, CASE WHEN v.il IS NULL THEN 'identified' ELSE 'assessed' END,
	   v.identified_on::date, v.assessed_on::date, v.reviewed_on::date
  FROM (VALUES
	('R-001', 'Ransomware encrypts production data and backups', 'cyber', 'AST-004', 'Ransomware', 'daniel.krueger',
	 4, 5, 3, 5, 2, 4, 2, 3, 'mitigate', 'Immutable offsite backups, EDR and MFA cut both likelihood and impact',
	 '2025-01-20', '2025-02-10', '2026-08-12'),
	('R-002', 'Phishing leads to takeover of an administrator account', 'cyber', 'AST-008', 'Phishing and credential theft', 'jonas.weber',
	 5, 4, 3, 4, 2, 4, 2, 3, 'mitigate', 'Phishing-resistant MFA for administrators, awareness training',
	 '2025-01-20', '2025-02-10', '2026-09-01'),
	('R-003', 'Misconfigured storage bucket exposes health data', 'privacy', 'AST-005', 'Cloud misconfiguration', 'daniel.krueger',
	 3, 5, 2, 5, 1, 5, 1, 5, 'mitigate', 'Policy-as-code guardrails and continuous configuration scanning',
	 '2025-01-20', '2025-02-10', '2026-07-15'),
	('R-004', 'Re-identification of patients from pseudonymized datasets', 'privacy', 'AST-001', 'Re-identification of pseudonymized data', 'julia.lange',
	 2, 5, 2, 5, 1, 5, 1, 4, 'mitigate', 'k-anonymity checks on outputs, contractual ban on linkage',
	 '2025-03-03', '2025-03-20', '2026-04-10'),
	('R-005', 'Cross-tenant data access through an application flaw', 'cyber', 'AST-002', 'Abuse of rights', 'lukas.fischer',
	 3, 5, 2, 5, 1, 5, 1, 4, 'mitigate', 'Tenant checks in one library, yearly penetration test',
	 '2025-05-28', '2025-06-05', '2026-06-05'),
	('R-006', 'Outage of the cloud region interrupts customer analyses', 'operational', 'AST-003', 'Equipment failure', 'daniel.krueger',
	 2, 4, 2, 4, 2, 3, 2, 3, 'mitigate', 'Multi-zone cluster, tested restore into a second region',
	 '2025-01-20', '2025-02-10', '2026-08-20'),
	('R-007', 'Loss of key data scientists and their model know-how', 'people', 'AST-028', 'Breach of personnel availability', 'julia.lange',
	 3, 4, 3, 3, 2, 3, 2, 2, 'mitigate', 'Documentation of models, pairing, retention plan',
	 '2025-02-14', '2025-03-01', '2026-06-01'),
	('R-008', 'Compromised software dependency in the build', 'cyber', 'AST-007', 'Supply chain compromise', 'lukas.fischer',
	 3, 4, 3, 4, 2, 4, 2, 3, 'mitigate', 'Pinned, signed dependencies; software bill of materials; isolated runners',
	 '2025-04-16', '2025-05-05', '2026-05-05'),
	('R-009', 'Denial-of-service attack makes the API unavailable', 'cyber', 'AST-026', 'Distributed denial of service', 'daniel.krueger',
	 3, 3, 2, 3, 2, 2, 2, 2, 'transfer', 'The CDN provider absorbs volumetric attacks under its SLA',
	 '2025-02-03', '2025-02-20', '2026-02-20'),
	('R-010', 'Costs of a personal data breach: notification, forensics, claims', 'financial', 'AST-001', 'Disclosure', 'miriam.okafor',
	 2, 5, 2, 5, 2, 3, 2, 3, 'transfer', 'Cyber insurance covers breach response and third-party claims up to EUR 5 million',
	 '2025-01-20', '2025-02-10', '2026-01-30'),
	('R-011', 'Theft of a laptop with confidential data', 'physical', 'AST-015', 'Theft of equipment', 'daniel.krueger',
	 3, 3, 3, 2, 3, 1, 3, 1, 'mitigate', 'Full-disk encryption and remote wipe make a theft harmless',
	 '2025-01-20', '2025-02-10', '2026-07-01'),
	('R-012', 'Staff send customer data to private e-mail or cloud services', 'privacy', 'AST-009', 'Disclosure', 'sofia.almeida',
	 3, 4, 3, 3, 2, 3, 2, 2, 'mitigate', 'Data loss prevention rules, training, blocked personal cloud storage',
	 '2025-08-08', '2025-08-20', '2026-05-01'),
	('R-013', 'Insider misuse of privileged database access', 'cyber', 'AST-004', 'Abuse of rights', 'jonas.weber',
	 2, 5, 2, 4, 1, 4, 1, 4, 'mitigate', 'Just-in-time access through the bastion, session recording, quarterly reviews',
	 '2025-01-20', '2025-02-10', '2026-08-10'),
	('R-014', 'Unpatched VPN gateway exploited from the internet', 'cyber', 'AST-018', 'Tampering with software', 'daniel.krueger',
	 4, 5, 2, 5, 1, 4, 1, 4, 'mitigate', 'Emergency patch process, vendor advisories watched daily',
	 '2024-12-11', '2024-12-12', '2026-06-15'),
	('R-015', 'Backups fail or cannot be restored when needed', 'operational', 'AST-019', 'Software malfunction', 'daniel.krueger',
	 2, 5, 2, 4, 1, 4, 1, 3, 'mitigate', 'Monitored backup jobs and quarterly restore tests',
	 '2025-01-20', '2025-02-10', '2026-09-15'),
	('R-016', 'Fire in the Berlin office server room', 'physical', 'AST-031', 'Fire', 'andrea.schuster',
	 1, 2, 1, 2, 1, 2, 1, 2, 'accept', 'Only office network equipment; the platform runs in the cloud',
	 '2025-01-20', '2025-02-10', '2026-02-10'),
	('R-017', 'Power outage at the Frankfurt colocation', 'physical', 'AST-019', 'Loss of power supply', 'daniel.krueger',
	 2, 3, 1, 3, 1, 3, 1, 3, 'transfer', 'The colocation provider guarantees power; penalties under the SLA',
	 '2025-01-20', '2025-02-10', '2026-02-10'),
	('R-018', 'Flood damages the Lisbon office', 'physical', 'AST-017', 'Flood', 'andrea.schuster',
	 1, 2, 1, 2, 1, 2, 1, 2, 'accept', 'Office on the 4th floor; staff can work from home',
	 '2025-02-14', '2025-03-01', '2026-03-01'),
	('R-019', 'Processing of health data without a valid GDPR Art. 9 condition', 'compliance', 'AST-001', 'Illegal processing of data', 'sofia.almeida',
	 2, 5, 2, 4, 1, 4, 1, 3, 'mitigate', 'Data processing agreements and records of processing for every customer',
	 '2025-01-20', '2025-02-10', '2026-07-20'),
	('R-020', 'SLA penalties after a long platform outage', 'compliance', 'AST-002', 'Saturation of the information system', 'sabine.koch',
	 2, 3, 2, 3, 2, 2, 1, 2, 'monitor', 'Penalties are capped; availability is tracked monthly',
	 '2025-03-03', '2025-03-20', '2026-03-30'),
	('R-021', 'Production data used in the staging environment', 'privacy', 'AST-027', 'Disclosure', 'lukas.fischer',
	 3, 4, 3, 4, 1, 1, 1, 1, 'avoid', 'Staging uses synthetic data only; production snapshots cannot be restored there',
	 '2025-03-26', '2025-03-27', '2025-04-30'),
	('R-022', 'Interception or compromise of the legacy FTP ingestion', 'cyber', 'AST-032', 'Eavesdropping', 'julia.lange',
	 3, 4, 3, 4, 1, 1, 1, 1, 'avoid', 'FTP ingestion discontinued; customers upload over HTTPS',
	 '2025-01-20', '2025-02-10', '2025-06-15'),
	('R-023', 'Customer data processed on personal devices', 'privacy', 'AST-001', 'Disclosure', 'sofia.almeida',
	 3, 4, 2, 4, 1, 4, 1, 4, 'avoid', 'Prohibited; customer data is only reachable from managed laptops',
	 '2025-01-20', '2025-02-10', '2026-02-10'),
	('R-024', 'Payment fraud through business e-mail compromise', 'financial', 'AST-012', 'Forging of rights', 'miriam.okafor',
	 3, 3, 2, 3, 1, 3, 1, 3, 'transfer', 'Crime insurance with social engineering cover; dual approval of payments',
	 '2025-02-14', '2025-03-01', '2026-03-01'),
	('R-025', 'An error in a model release gives hospitals wrong results', 'operational', 'AST-023', 'Error in use', 'julia.lange',
	 3, 4, 2, 4, 2, 3, 1, 3, 'mitigate', 'Validation data sets, four-eyes release, rollback of models',
	 '2025-06-10', '2025-06-30', '2026-06-30'),
	('R-026', 'Defacement of the public website', 'cyber', 'AST-025', 'Tampering with software', 'christian.meyer',
	 3, 1, 2, 1, 2, 1, 2, 1, 'accept', 'Static site at a hosting supplier; restored in minutes',
	 '2025-02-14', '2025-03-01', '2026-03-01'),
	('R-027', 'Leak of the sales pipeline from the CRM', 'supplier', 'AST-013', 'Disclosure', 'christian.meyer',
	 2, 3, 2, 2, 2, 2, 2, 2, 'accept', 'Business contact data only; the supplier is certified',
	 '2025-02-14', '2025-03-01', '2026-03-01'),
	('R-028', 'Outage of the HR system at the supplier', 'supplier', 'AST-010', 'Software malfunction', 'andrea.schuster',
	 2, 2, 2, 2, 2, 2, 2, 2, 'accept', 'HR work can wait a few days',
	 '2025-02-14', '2025-03-01', '2026-03-01'),
	('R-029', 'Payroll data disclosed by the payroll provider', 'supplier', 'AST-011', 'Disclosure', 'andrea.schuster',
	 2, 4, 2, 4, 1, 4, 1, 3, 'mitigate', 'Supplier audit and contractual breach notification',
	 '2025-09-01', '2025-09-15', '2026-06-15'),
	('R-030', 'Source code exposed through a leaked access token', 'cyber', 'AST-006', 'Disclosure', 'lukas.fischer',
	 3, 4, 2, 4, 1, 4, 1, 3, 'mitigate', 'Short-lived tokens, secret scanning, SSO-only access',
	 '2025-01-20', '2025-02-10', '2026-08-01'),
	('R-031', 'Secrets vault unavailable blocks deployments and recovery', 'operational', 'AST-022', 'Software malfunction', 'daniel.krueger',
	 2, 4, 2, 3, 1, 3, 1, 3, 'mitigate', 'Three-node cluster, sealed recovery keys',
	 '2025-01-20', '2025-02-10', '2026-08-01'),
	('R-032', 'Logging gaps prevent incident investigation', 'operational', 'AST-021', 'Software malfunction', 'jonas.weber',
	 3, 3, 3, 3, 2, 3, 2, 2, 'mitigate', 'Central log collection for all critical systems, retention 13 months',
	 '2026-06-10', '2026-06-20', NULL),
	('R-033', 'Eavesdropping on the office Wi-Fi', 'cyber', 'AST-016', 'Eavesdropping', 'daniel.krueger',
	 2, 2, 1, 2, 1, 2, 1, 2, 'monitor', 'WPA3 enterprise in place; watched for new attacks',
	 '2025-02-14', '2025-03-01', '2026-02-28'),
	('R-034', 'Support tickets expose patient data', 'privacy', 'AST-024', 'Disclosure', 'sabine.koch',
	 3, 3, 3, 3, 2, 2, 1, 2, 'mitigate', 'Upload warning, automatic redaction, retention limit',
	 '2026-09-02', '2026-09-20', NULL),
	('R-035', 'NIS2 obligations apply to Kestrel', 'compliance', NULL, NULL, 'sofia.almeida',
	 3, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 '2026-10-01', '2026-10-20', NULL),
	('R-036', 'Kubernetes management interface reachable from the office network', 'cyber', 'AST-003', 'Unauthorised use of equipment', 'daniel.krueger',
	 3, 4, 3, 4, NULL, NULL, 1, 4, 'mitigate', 'Move the interface into the management zone',
	 '2026-05-13', '2026-05-20', NULL),
	('R-037', 'Models trained on data without a legal basis', 'compliance', 'AST-023', 'Illegal processing of data', 'julia.lange',
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 '2026-11-10', NULL, NULL),
	('R-038', 'Dependence on a single cloud provider', 'strategic', 'AST-002', NULL, 'tobias.brandt',
	 2, 4, 2, 4, 2, 4, 2, 3, 'monitor', 'Exit plan kept current; portability of the platform reviewed yearly',
	 '2025-01-20', '2025-02-10', '2026-02-10'),
	('R-039', 'Single network administrator', 'people', 'AST-020', 'Breach of personnel availability', 'daniel.krueger',
	 3, 3, 3, 3, 2, 3, 2, 2, 'mitigate', 'Cross-train a second administrator, document the firewall rules',
	 '2025-05-15', '2025-05-30', '2026-05-15'),
	('R-040', 'Leavers keep access after their last day', 'people', 'AST-008', 'Abuse of rights', 'andrea.schuster',
	 3, 3, 2, 3, 1, 3, 1, 2, 'mitigate', 'HR system triggers deprovisioning in the identity provider',
	 '2025-01-20', '2025-02-10', '2026-04-10'),
	('R-041', 'Clock drift breaks log correlation', 'operational', 'AST-021', 'Equipment malfunction', 'jonas.weber',
	 2, 2, 1, 2, 1, 2, 1, 2, 'monitor', 'NTP on all hosts, drift alert',
	 '2025-03-03', '2025-03-20', '2026-02-01'),
	('R-042', 'Shoulder surfing in co-working spaces', 'people', 'AST-015', 'Eavesdropping', 'andrea.schuster',
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 '2026-11-02', NULL, NULL)
  ) v(ident, title, category, asset, threat, owner, il, ii, cl, ci, rl, ri, tl, ti, treatment, rationale,
	  identified_on, assessed_on, reviewed_on)
  LEFT JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  LEFT JOIN isms.threat t ON t.name = v.threat
  JOIN isms.person o ON o.org_id = :org_id AND o.email = v.owner || '@kestrel-analytics.example'
 ORDER BY v.ident;

-- Quantitative estimates (money in EUR) where the committee asked for them.
UPDATE isms.risk r SET sle = v.sle, aro = v.aro
  FROM (VALUES ('R-001', 850000.00, 0.10), ('R-002', 120000.00, 0.30), ('R-003', 1500000.00, 0.05),
			   ('R-005', 600000.00, 0.10), ('R-006', 200000.00, 0.20), ('R-009', 50000.00, 0.50),
			   ('R-010', 900000.00, 0.08), ('R-011', 3000.00, 2.00), ('R-015', 300000.00, 0.05),
			   ('R-024', 75000.00, 0.20)) v(ident, sle, aro)
 WHERE r.org_id = :org_id AND r.ident = v.ident;

-- FAIR ranges for the two risks with the largest exposure.
UPDATE isms.risk r
   SET fair_lef_min = v.lef_min, fair_lef_likely = v.lef_likely, fair_lef_max = v.lef_max,
	   fair_lm_min = v.lm_min, fair_lm_likely = v.lm_likely, fair_lm_max = v.lm_max
  FROM (VALUES ('R-001', 0.02, 0.08, 0.30, 200000.00, 850000.00, 4000000.00),
			   ('R-010', 0.01, 0.05, 0.20, 100000.00, 600000.00, 3000000.00)
	   ) v(ident, lef_min, lef_likely, lef_max, lm_min, lm_likely, lm_max)
 WHERE r.org_id = :org_id AND r.ident = v.ident;

-- OCTAVE Allegro: probability and impact per area for three information risks.
UPDATE isms.risk SET octave_probability = v.p
  FROM (VALUES ('R-001', 2), ('R-003', 2), ('R-004', 1)) v(ident, p)
 WHERE risk.org_id = :org_id AND risk.ident = v.ident;
INSERT INTO isms.risk_octave_impact (org_id, risk_id, area_id, impact_value)
SELECT :org_id, r.id, a.id, v.impact_value
  FROM (VALUES
	('R-001', 'reputation_and_customer_confidence', 3), ('R-001', 'fines_and_legal_penalties', 2),
	('R-001', 'financial', 3), ('R-001', 'productivity', 3), ('R-001', 'safety_and_health', 2),
	('R-003', 'reputation_and_customer_confidence', 3), ('R-003', 'fines_and_legal_penalties', 3),
	('R-003', 'financial', 2), ('R-003', 'productivity', 1), ('R-003', 'safety_and_health', 1),
	('R-004', 'reputation_and_customer_confidence', 3), ('R-004', 'fines_and_legal_penalties', 3),
	('R-004', 'financial', 2), ('R-004', 'productivity', 1), ('R-004', 'safety_and_health', 1)
  ) v(ident, area, impact_value)
  JOIN isms.risk r ON r.org_id = :org_id AND r.ident = v.ident
  JOIN isms.octave_impact_area a ON a.org_id = r.org_id AND a.name = v.area;

-- The vulnerabilities each risk exploits.
INSERT INTO isms.risk_vulnerability (org_id, risk_id, vulnerability_id)
SELECT :org_id, r.id, vu.id
  FROM (VALUES
	('R-014', 'VPN gateway command injection'),
	('R-013', 'OpenSSH signal handler race condition (regreSSHion)'),
	('R-009', 'HTTP/2 rapid reset denial of service'),
	('R-008', 'Log4Shell in a legacy build plugin'),
	('R-005', 'Insecure direct object reference in report export'),
	('R-005', 'Stored cross-site scripting in dashboard titles'),
	('R-002', 'Missing rate limiting on the token endpoint'),
	('R-036', 'Kubernetes dashboard reachable from the office network'),
	('R-012', 'Customer data in shared drive folders'),
	('R-034', 'Screenshots with patient data in support tickets'),
	('R-002', 'MFA not enforced for two break-glass accounts'),
	('R-011', 'Laptops without current OS patches'),
	('R-032', 'Vault audit log not shipped to the SIEM'),
	('R-021', 'Staging database restored from production'),
	('R-015', 'Backup server firmware outdated'),
	('R-013', 'PostgreSQL minor version behind')
  ) v(ident, vulnerability)
  JOIN isms.risk r ON r.org_id = :org_id AND r.ident = v.ident
  JOIN isms.vulnerability vu ON vu.org_id = r.org_id AND vu.title = v.vulnerability;

-- The treatment plan: actions with an owner and a due date.
INSERT INTO isms.treatment_action (org_id, risk_id, title, control_id, owner_id, due_on, status, started_on, completed_on, cost)
SELECT :org_id, r.id, v.title, c.id, p.id, v.due_on::date, v.status, v.started_on::date, v.completed_on::date, v.cost
  FROM (VALUES
	('R-001', 'Immutable backup copies in the Frankfurt cage', 'A.8.13', 'daniel.krueger', '2025-06-30', 'done', '2025-03-01', '2025-06-12', 18000.00),
	('R-001', 'Endpoint detection and response on all servers', 'A.8.7', 'lena.hoffmann', '2025-09-30', 'done', '2025-05-01', '2025-09-02', 24000.00),
	('R-002', 'Hardware security keys for all administrators', 'A.8.5', 'jonas.weber', '2025-04-30', 'done', '2025-02-15', '2025-04-11', 3500.00),
	('R-002', 'Quarterly phishing simulations', 'A.6.3', 'vanessa.roth', '2026-12-31', 'in_progress', '2025-03-01', NULL, 6000.00),
	('R-003', 'Guardrails that forbid public buckets', 'A.8.9', 'marta.ribeiro', '2025-05-31', 'done', '2025-02-20', '2025-05-15', NULL),
	('R-004', 'k-anonymity check before every export', 'A.8.11', 'arjun.mehta', '2027-01-31', 'in_progress', '2026-05-01', NULL, 15000.00),
	('R-004', 'Ban on record linkage in customer contracts', 'A.5.34', 'sofia.almeida', '2026-12-31', 'planned', NULL, NULL, NULL),
	('R-005', 'Central tenant authorization library', 'A.8.26', 'maximilian.wagner', '2025-09-30', 'done', '2025-06-10', '2025-09-19', NULL),
	('R-007', 'Model documentation and pairing for each production model', 'A.5.37', 'julia.lange', '2027-03-31', 'in_progress', '2025-04-01', NULL, NULL),
	('R-008', 'Signed, pinned dependencies and SBOM in CI', 'A.8.28', 'felix.neumann', '2027-02-28', 'in_progress', '2026-02-01', NULL, 8000.00),
	('R-008', 'Ephemeral CI runners', 'A.8.31', 'felix.neumann', '2026-12-15', 'in_progress', '2026-09-01', NULL, NULL),
	('R-012', 'DLP rules for e-mail and file sharing', 'A.8.12', 'lena.hoffmann', '2026-10-31', 'in_progress', '2025-09-01', NULL, 12000.00),
	('R-012', 'Block personal cloud storage on managed laptops', 'A.8.1', 'hannah.schulz', '2026-12-31', 'planned', NULL, NULL, NULL),
	('R-013', 'Just-in-time database access with session recording', 'A.8.2', 'aylin.demir', '2025-08-31', 'done', '2025-03-01', '2025-08-20', 9000.00),
	('R-014', 'Emergency patch procedure for edge devices', 'A.8.8', 'jan.kowalski', '2025-01-31', 'done', '2024-12-12', '2025-01-20', NULL),
	('R-015', 'Quarterly restore tests', 'A.8.13', 'pedro.santos', '2025-06-30', 'done', '2025-02-15', '2025-03-31', NULL),
	('R-019', 'Records of processing for every customer', 'A.5.34', 'sofia.almeida', '2025-06-30', 'done', '2025-02-15', '2025-06-20', NULL),
	('R-023', 'Conditional access: customer data only from managed devices', 'A.8.1', 'hannah.schulz', '2025-05-31', 'done', '2025-02-15', '2025-05-02', NULL),
	('R-025', 'Four-eyes model release with validation sets', 'A.8.32', 'julia.lange', '2026-12-31', 'in_progress', '2026-01-15', NULL, NULL),
	('R-025', 'One-click model rollback', 'A.8.32', 'samuel.okoye', '2027-02-28', 'planned', NULL, NULL, NULL),
	('R-029', 'On-site audit of the payroll provider', 'A.5.22', 'sofia.almeida', '2027-03-31', 'planned', NULL, NULL, 4000.00),
	('R-030', 'Secret scanning in all repositories', 'A.8.4', 'rui.carvalho', '2025-06-30', 'done', '2025-03-01', '2025-05-30', NULL),
	('R-031', 'Three-node vault cluster', 'A.8.14', 'aylin.demir', '2025-07-31', 'done', '2025-04-01', '2025-07-10', 2000.00),
	('R-032', 'Ship vault and database audit logs to the SIEM', 'A.8.15', 'lena.hoffmann', '2026-12-31', 'in_progress', '2026-07-01', NULL, NULL),
	('R-034', 'Automatic redaction of ticket attachments', 'A.8.11', 'elias.krause', '2027-03-31', 'planned', NULL, NULL, 7000.00),
	('R-036', 'Move the cluster interface into the management zone', 'A.8.22', 'marta.ribeiro', '2026-12-01', 'planned', NULL, NULL, NULL),
	('R-039', 'Cross-train a second network administrator', 'A.6.3', 'daniel.krueger', '2026-10-31', 'in_progress', '2026-03-01', NULL, 5000.00),
	('R-040', 'Automatic deprovisioning from the HR system', 'A.5.18', 'hannah.schulz', '2025-12-31', 'done', '2025-06-01', '2025-11-28', NULL),
	('R-006', 'Restore drill into a second region', 'A.5.30', 'pedro.santos', '2026-06-30', 'cancelled', NULL, NULL, NULL)
  ) v(ident, title, control, owner, due_on, status, started_on, completed_on, cost)
  JOIN isms.risk r ON r.org_id = :org_id AND r.ident = v.ident
  JOIN isms.person p ON p.org_id = r.org_id AND p.email = v.owner || '@kestrel-analytics.example'
  LEFT JOIN isms.framework f ON f.name = 'iso27001-2022'
  LEFT JOIN isms.control c ON c.framework_id = f.id AND c.ident = v.control;

-- The controls that treat each risk.
INSERT INTO isms.risk_control (org_id, risk_id, control_id, effect)
SELECT :org_id, r.id, c.id, v.effect
  FROM (VALUES
	('R-001', 'A.8.13', 'impact'), ('R-001', 'A.8.7', 'likelihood'), ('R-001', 'A.8.8', 'likelihood'), ('R-001', 'A.5.29', 'impact'),
	('R-002', 'A.8.5', 'likelihood'), ('R-002', 'A.6.3', 'likelihood'), ('R-002', 'A.8.2', 'impact'),
	('R-003', 'A.8.9', 'likelihood'), ('R-003', 'A.5.23', 'likelihood'), ('R-003', 'A.8.16', 'both'),
	('R-004', 'A.8.11', 'likelihood'), ('R-004', 'A.5.34', 'both'),
	('R-005', 'A.8.26', 'likelihood'), ('R-005', 'A.8.29', 'likelihood'), ('R-005', 'A.8.3', 'likelihood'),
	('R-006', 'A.8.14', 'impact'), ('R-006', 'A.5.30', 'impact'),
	('R-007', 'A.5.37', 'impact'),
	('R-008', 'A.8.28', 'likelihood'), ('R-008', 'A.5.21', 'likelihood'), ('R-008', 'A.8.31', 'impact'),
	('R-009', 'A.8.20', 'likelihood'), ('R-009', 'A.8.6', 'impact'),
	('R-010', 'A.5.26', 'impact'),
	('R-011', 'A.8.1', 'impact'), ('R-011', 'A.7.9', 'likelihood'), ('R-011', 'A.8.24', 'impact'),
	('R-012', 'A.8.12', 'likelihood'), ('R-012', 'A.5.10', 'likelihood'), ('R-012', 'A.6.3', 'likelihood'),
	('R-013', 'A.8.2', 'likelihood'), ('R-013', 'A.8.15', 'both'), ('R-013', 'A.5.18', 'likelihood'),
	('R-014', 'A.8.8', 'likelihood'), ('R-014', 'A.8.20', 'impact'),
	('R-015', 'A.8.13', 'both'),
	('R-017', 'A.7.11', 'likelihood'),
	('R-019', 'A.5.34', 'likelihood'), ('R-019', 'A.5.31', 'likelihood'),
	('R-020', 'A.5.30', 'impact'),
	('R-021', 'A.8.33', 'likelihood'), ('R-021', 'A.8.31', 'likelihood'),
	('R-023', 'A.8.1', 'likelihood'), ('R-023', 'A.5.10', 'likelihood'),
	('R-024', 'A.5.3', 'likelihood'), ('R-024', 'A.6.3', 'likelihood'),
	('R-025', 'A.8.32', 'likelihood'), ('R-025', 'A.8.29', 'likelihood'),
	('R-029', 'A.5.19', 'likelihood'), ('R-029', 'A.5.20', 'likelihood'), ('R-029', 'A.5.22', 'likelihood'),
	('R-030', 'A.8.4', 'likelihood'), ('R-030', 'A.5.17', 'likelihood'),
	('R-031', 'A.8.14', 'impact'),
	('R-032', 'A.8.15', 'impact'), ('R-032', 'A.8.16', 'impact'),
	('R-033', 'A.8.20', 'likelihood'), ('R-033', 'A.8.24', 'impact'),
	('R-034', 'A.8.11', 'impact'), ('R-034', 'A.8.10', 'impact'),
	('R-036', 'A.8.22', 'likelihood'),
	('R-038', 'A.5.23', 'impact'),
	('R-039', 'A.5.37', 'impact'), ('R-039', 'A.6.3', 'impact'),
	('R-040', 'A.5.18', 'likelihood'), ('R-040', 'A.6.5', 'likelihood'),
	('R-041', 'A.8.17', 'likelihood')
  ) v(ident, control, effect)
  JOIN isms.risk r ON r.org_id = :org_id AND r.ident = v.ident
  JOIN isms.framework f ON f.name = 'iso27001-2022'
  JOIN isms.control c ON c.framework_id = f.id AND c.ident = v.control;
