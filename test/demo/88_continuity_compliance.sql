-- Demo organization, part 11: business continuity (component 13) and
-- compliance (component 14): plans and their tests, obligations, compliance
-- checks and violations.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.continuity_plan (org_id, title, kind, version, status, process_id, owner_id, approver_id, approved_on,
								  rto, rpo, mtpd, activation_criteria, next_review, next_test)
SELECT :org_id, v.title, v.kind, v.version, v.status, pr.id, o.id, a.id, v.approved_on::date, v.rto::interval, v.rpo::interval,
	   v.mtpd::interval, v.criteria, v.next_review::date, v.next_test::date
  FROM (VALUES
	('Continuity of customer analytics', 'business_continuity', '2.0', 'approved', 'Customer analytics delivery',
	 'tobias.brandt', 'katrin.vogel', '2025-10-07', '8 hours', '1 hour', '3 days',
	 'Platform unavailable for more than 2 hours, or loss of a site', '2026-10-07', '2026-11-20'),
	('Platform disaster recovery', 'disaster_recovery', '3.1', 'approved', 'Platform operations',
	 'daniel.krueger', 'tobias.brandt', '2025-10-07', '4 hours', '15 minutes', '1 day',
	 'Loss of the production cluster or database, or of the cloud region', '2026-10-07', '2027-03-25'),
	('Crisis management and communication', 'crisis_management', '1.2', 'approved', NULL,
	 'katrin.vogel', 'miriam.okafor', '2025-02-18', '2 hours', '0', '1 day',
	 'Major incident declared by the CISO or any managing director', '2026-02-18', '2026-12-09'),
	('Office IT continuity', 'ict_continuity', '0.4', 'draft', 'People management',
	 'jan.kowalski', NULL, NULL, NULL, NULL, NULL, 'Loss of an office network', NULL, NULL)
  ) v(title, kind, version, status, process, owner, approver, approved_on, rto, rpo, mtpd, criteria, next_review, next_test)
  LEFT JOIN isms.process pr ON pr.org_id = :org_id AND pr.name = v.process
  JOIN isms.person o ON o.org_id = :org_id AND o.email = v.owner || '@kestrel-analytics.example'
  LEFT JOIN isms.person a ON a.org_id = o.org_id AND a.email = v.approver || '@kestrel-analytics.example'
 ORDER BY v.title;

INSERT INTO isms.continuity_plan_asset (org_id, plan_id, asset_id)
SELECT :org_id, p.id, a.id
  FROM (VALUES ('Continuity of customer analytics', 'AST-002'), ('Continuity of customer analytics', 'AST-001'),
			   ('Continuity of customer analytics', 'AST-023'), ('Platform disaster recovery', 'AST-003'),
			   ('Platform disaster recovery', 'AST-004'), ('Platform disaster recovery', 'AST-005'),
			   ('Platform disaster recovery', 'AST-022'), ('Platform disaster recovery', 'AST-019'),
			   ('Office IT continuity', 'AST-016'), ('Office IT continuity', 'AST-017')) v(plan, asset)
  JOIN isms.continuity_plan p ON p.org_id = :org_id AND p.title = v.plan
  JOIN isms.asset a ON a.org_id = p.org_id AND a.ident = v.asset;

INSERT INTO isms.continuity_test (org_id, plan_id, kind, performed_on, result, achieved_rto, achieved_rpo, participants, findings)
SELECT :org_id, p.id, v.kind, v.performed_on::date, v.result, v.rto::interval, v.rpo::interval, v.participants, v.findings
  FROM (VALUES
	('Continuity of customer analytics', 'tabletop', '2025-03-12', 'partial', NULL, NULL, 9,
	 'Customer communication templates missing; roles unclear for the weekend'),
	('Continuity of customer analytics', 'simulation', '2025-11-19', 'pass', '6 hours', '40 minutes', 12, NULL),
	('Platform disaster recovery', 'parallel', '2025-03-26', 'partial', '5 hours 30 minutes', '10 minutes', 5,
	 'Restore took longer than the RTO: database restore not parallelized'),
	('Platform disaster recovery', 'parallel', '2026-03-25', 'pass', '3 hours 10 minutes', '6 minutes', 5, NULL),
	('Crisis management and communication', 'tabletop', '2025-12-10', 'pass', NULL, NULL, 8, NULL),
	('Crisis management and communication', 'walkthrough', '2025-04-08', 'fail', NULL, NULL, 6,
	 'Contact list outdated; press contact not reachable')
  ) v(plan, kind, performed_on, result, rto, rpo, participants, findings)
  JOIN isms.continuity_plan p ON p.org_id = :org_id AND p.title = v.plan;

INSERT INTO isms.obligation (org_id, kind, title, source, jurisdiction, authority, supplier_id, counterparty, owner_id,
							 description, status, effective_from, effective_to)
SELECT :org_id, v.kind, v.title, v.source, v.jurisdiction, v.authority, s.id, v.counterparty, p.id, v.description, v.status,
	   v.effective_from::date, v.effective_to::date
  FROM (VALUES
	('legal', 'GDPR', 'Regulation (EU) 2016/679, in particular Art. 5, 9, 28, 32 to 34', 'EU', 'Berlin data protection authority',
	 NULL, NULL, 'sofia.almeida', 'Lawful processing of health data, security of processing, breach notification', 'active', '2018-05-25', NULL),
	('statutory', 'German Federal Data Protection Act', 'BDSG, in particular section 22 and 26', 'DE', 'Berlin data protection authority',
	 NULL, NULL, 'sofia.almeida', 'Processing of special categories and of employee data', 'active', '2018-05-25', NULL),
	('statutory', 'Retention of commercial records', 'HGB section 257, AO section 147', 'DE', 'Tax office',
	 NULL, NULL, 'miriam.okafor', 'Keep books and vouchers 10 years, commercial letters 6 years', 'active', NULL, NULL),
	('regulatory', 'NIS2 implementation', 'Directive (EU) 2022/2555 as transposed into German law', 'DE', 'BSI',
	 NULL, NULL, 'jonas.weber', 'Risk management and incident reporting duties if Kestrel is in scope', 'active', '2026-01-01', NULL),
	('legal', 'Portuguese labour code on remote work', 'Código do Trabalho, Art. 165 to 171', 'PT', 'ACT',
	 NULL, NULL, 'vanessa.roth', 'Employer duties for remote workers in Lisbon', 'active', NULL, NULL),
	('contractual', 'Hospital master agreement: security annex', 'Customer MSA template v4, Annex S', NULL, NULL,
	 NULL, 'Hospital customers (24 contracts)', 'sabine.koch', 'ISO/IEC 27001 certificate, 99.5 % availability, breach notice within 24 hours', 'active', '2024-01-01', NULL),
	('contractual', 'Insurer data processing agreements', 'DPA with each health insurer', NULL, NULL,
	 NULL, 'Health insurers (6 contracts)', 'sofia.almeida', 'Processing only on instruction; deletion at the end of the contract', 'active', '2023-01-01', NULL),
	('contractual', 'Cloud provider acceptable use', 'Nimbus Cloud customer agreement, AUP', NULL, NULL,
	 'Nimbus Cloud Services', NULL, 'daniel.krueger', 'No security testing without notice, no abusive traffic', 'active', '2020-05-01', NULL),
	('regulatory', 'Medical device rules for decision support', 'Regulation (EU) 2017/745 (MDR)', 'EU', 'BfArM',
	 NULL, NULL, 'julia.lange', 'Assessed in 2025: the analytics are not a medical device; reviewed yearly', 'retired', '2021-05-26', '2025-12-31')
  ) v(kind, title, source, jurisdiction, authority, supplier, counterparty, owner, description, status, effective_from, effective_to)
  LEFT JOIN isms.supplier s ON s.org_id = :org_id AND s.name = v.supplier
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.owner || '@kestrel-analytics.example';

INSERT INTO isms.compliance_check (org_id, obligation_id, performed_on, performed_by_id, result, evidence, next_due)
SELECT :org_id, o.id, v.performed_on::date, p.id, v.result, v.evidence, v.next_due::date
  FROM (VALUES
	('GDPR', '2025-06-20', 'sofia.almeida', 'partially_compliant', 'Records of processing incomplete for two insurers', '2025-12-20'),
	('GDPR', '2025-12-18', 'sofia.almeida', 'compliant', 'Records of processing complete; DPIA for the platform updated', '2026-06-18'),
	('GDPR', '2026-06-17', 'sofia.almeida', 'partially_compliant', 'Support tickets with patient data (INC-2026-10)', '2026-12-17'),
	('German Federal Data Protection Act', '2026-01-14', 'sofia.almeida', 'compliant', 'Works agreement on monitoring', '2027-01-14'),
	('Retention of commercial records', '2026-02-03', 'thomas.werner', 'compliant', 'Archive in the accounting system', '2027-02-03'),
	('NIS2 implementation', '2026-10-20', 'jonas.weber', 'not_assessed', 'Applicability under review (R-035)', '2027-01-20'),
	('Portuguese labour code on remote work', '2026-03-02', 'vanessa.roth', 'compliant', 'Remote work agreements on file', '2027-03-02'),
	('Hospital master agreement: security annex', '2025-07-01', 'sabine.koch', 'non_compliant', 'Availability 99.2 % in Q2 2025', '2025-10-01'),
	('Hospital master agreement: security annex', '2025-10-01', 'sabine.koch', 'compliant', 'Availability 99.8 % in Q3 2025', '2026-01-01'),
	('Hospital master agreement: security annex', '2026-10-01', 'sabine.koch', 'compliant', 'Availability 99.9 % in Q3 2026', '2027-01-01'),
	('Insurer data processing agreements', '2026-04-10', 'sofia.almeida', 'compliant', 'Deletion certificates for two ended contracts', '2027-04-10')
  ) v(obligation, performed_on, checker, result, evidence, next_due)
  JOIN isms.obligation o ON o.org_id = :org_id AND o.title = v.obligation
  JOIN isms.person p ON p.org_id = o.org_id AND p.email = v.checker || '@kestrel-analytics.example';

INSERT INTO isms.compliance_violation (org_id, obligation_id, title, description, severity, status, occurred_at, detected_at,
									   responded_at, resolved_at, reported_to_authority_at, penalty_amount, incident_id,
									   root_cause)
SELECT :org_id, o.id, v.title, v.description, v.severity, v.status, v.occurred_at::timestamptz, v.detected_at::timestamptz,
	   v.responded_at::timestamptz, v.resolved_at::timestamptz, v.reported_at::timestamptz, v.penalty, i.id, v.root_cause
  FROM (VALUES
	('GDPR', 'Personal data breach: report sent to the wrong hospital', NULL, 'high', 'resolved',
	 '2025-03-05 14:20+01', '2025-03-05 16:20+01', '2025-03-05 16:50+01', '2025-03-26 12:00+01', '2025-03-08 10:20+01', 0,
	 'INC-2025-04', 'Reports e-mailed instead of delivered through the platform'),
	('Hospital master agreement: security annex', 'Availability below 99.5 % in Q2 2025', 'Outages of January and a slow failover', 'medium', 'resolved',
	 '2025-06-30 23:59+02', '2025-07-01 09:00+02', '2025-07-02 10:00+02', '2025-09-30 12:00+02', NULL, 18000,
	 NULL, 'Single-zone services; replica lag not monitored'),
	('GDPR', 'Personal data breach: dataset loaded into the wrong tenant', NULL, 'critical', 'resolved',
	 '2026-01-12 07:30+01', '2026-01-12 12:30+01', '2026-01-12 13:00+01', '2026-02-11 12:00+01', '2026-01-14 17:30+01', 0,
	 'INC-2026-01', 'Missing validation in the ingestion job'),
	('German Federal Data Protection Act', 'Leaver''s personnel file kept beyond the retention period', 'Found in the HR system review', 'low', 'resolved',
	 NULL, '2026-06-30 10:00+02', '2026-07-01 09:00+02', '2026-07-15 12:00+02', NULL, 0,
	 NULL, 'The HR supplier does not delete automatically'),
	('GDPR', 'Patient data kept in support tickets', NULL, 'medium', 'responding',
	 '2026-08-01 00:00+02', '2026-09-01 08:00+02', '2026-09-01 10:00+02', NULL, NULL, NULL,
	 'INC-2026-10', NULL),
	('Insurer data processing agreements', 'Test export processed outside the instructions', 'An analyst ran an unrequested analysis on insurer data', 'medium', 'open',
	 '2026-11-12 10:00+01', '2026-11-20 15:00+01', NULL, NULL, NULL, NULL, NULL, NULL)
  ) v(obligation, title, description, severity, status, occurred_at, detected_at, responded_at, resolved_at, reported_at,
	  penalty, incident, root_cause)
  JOIN isms.obligation o ON o.org_id = :org_id AND o.title = v.obligation
  LEFT JOIN isms.incident i ON i.org_id = o.org_id AND i.ident = v.incident;
