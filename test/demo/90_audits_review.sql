-- Demo organization, part 12: monitoring and review (step 7): an internal
-- audit, the external certification audit, their findings and corrective
-- actions, and the management review of September 2026.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.audit (org_id, title, kind, scope, criteria, lead_auditor_id, auditor_name, audit_body, independent,
						independence_note, planned_start, planned_end, started_on, ended_on, report_on, status)
SELECT :org_id, v.title, v.kind, v.scope, v.criteria, p.id, v.auditor_name, v.body, v.independent, v.note,
	   v.planned_start::date, v.planned_end::date, v.started_on::date, v.ended_on::date, v.report_on::date, v.status
  FROM (VALUES
	('Internal ISMS audit 2026', 'internal', 'The whole ISMS scope, focus on access control and operations',
	 'ISO/IEC 27001:2022 clauses 4 to 10 and Annex A', 'thomas.werner', NULL, NULL, true,
	 'The auditor works in Finance and has no responsibility for the areas audited',
	 '2026-03-16', '2026-03-20', '2026-03-16', '2026-03-20', '2026-03-27', 'completed'),
	('ISO/IEC 27001 certification audit, stage 2', 'certification', 'ISMS scope version 2',
	 'ISO/IEC 27001:2022', NULL, 'Dr. Helga Brenner', 'CertAlpha Zertifizierungs GmbH', true, NULL,
	 '2026-06-08', '2026-06-11', '2026-06-08', '2026-06-11', '2026-06-25', 'completed'),
	('Internal audit of supplier management 2026', 'internal', 'Supplier relationships',
	 'ISO/IEC 27001:2022 A.5.19 to A.5.23', 'catarina.nunes', NULL, NULL, false,
	 'The auditor is in Finance & HR, which owns two of the supplier contracts audited; a second auditor reviews those',
	 '2026-12-07', '2026-12-09', NULL, NULL, NULL, 'planned')
  ) v(title, kind, scope, criteria, auditor, auditor_name, body, independent, note, planned_start, planned_end,
	  started_on, ended_on, report_on, status)
  LEFT JOIN isms.person p ON p.org_id = :org_id AND p.email = v.auditor || '@kestrel-analytics.example';

INSERT INTO isms.audit_finding (org_id, audit_id, ident, kind, clause, control_id, description, evidence, owner_id, status,
								raised_on, due_on, closed_on)
SELECT :org_id, a.id, v.ident, v.kind, v.clause, c.id, v.description, v.evidence, p.id, v.status,
	   v.raised_on::date, v.due_on::date, v.closed_on::date
  FROM (VALUES
	('Internal ISMS audit 2026', 'IA26-01', 'major_nonconformity', '9.1', 'A.5.18',
	 'Access reviews of the identity provider were not acted on: a leaver account stayed active',
	 'Review of Q4 2025 flagged the account; no follow-up ticket', 'daniel.krueger', 'closed', '2026-03-20', '2026-05-31', '2026-05-18'),
	('Internal ISMS audit 2026', 'IA26-02', 'minor_nonconformity', NULL, 'A.8.5',
	 'Two break-glass accounts without MFA', 'Identity provider export of 2026-03-18', 'jonas.weber', 'closed', '2026-03-20', '2026-04-30', '2026-04-20'),
	('Internal ISMS audit 2026', 'IA26-03', 'observation', NULL, 'A.8.15',
	 'Vault audit logs are not collected centrally', NULL, 'lena.hoffmann', 'in_progress', '2026-03-20', '2026-12-31', NULL),
	('Internal ISMS audit 2026', 'IA26-04', 'opportunity', '7.3', NULL,
	 'Awareness completion could be shown to managers in a dashboard', NULL, 'vanessa.roth', 'open', '2026-03-20', NULL, NULL),
	('ISO/IEC 27001 certification audit, stage 2', 'CA26-01', 'minor_nonconformity', '6.1.3', 'A.5.30',
	 'The disaster recovery test of 2025 missed the RTO and no corrective action was recorded',
	 'Test report of 2025-03-26', 'daniel.krueger', 'closed', '2026-06-11', '2026-09-11', '2026-08-28'),
	('ISO/IEC 27001 certification audit, stage 2', 'CA26-02', 'minor_nonconformity', NULL, 'A.5.22',
	 'The payroll provider was assessed unsatisfactory and no decision followed', 'Assessment of 2025-09-15', 'sofia.almeida', 'in_progress', '2026-06-11', '2026-12-11', NULL),
	('ISO/IEC 27001 certification audit, stage 2', 'CA26-03', 'observation', NULL, 'A.8.12',
	 'Data leakage prevention rules cover e-mail only', NULL, 'lena.hoffmann', 'open', '2026-06-11', NULL, NULL),
	('ISO/IEC 27001 certification audit, stage 2', 'CA26-04', 'opportunity', '10.1', NULL,
	 'Incident lessons learned could feed the risk register automatically', NULL, 'jonas.weber', 'open', '2026-06-11', NULL, NULL)
  ) v(audit, ident, kind, clause, control, description, evidence, owner, status, raised_on, due_on, closed_on)
  JOIN isms.audit a ON a.org_id = :org_id AND a.title = v.audit
  LEFT JOIN isms.framework f ON f.name = 'iso27001-2022'
  LEFT JOIN isms.control c ON c.framework_id = f.id AND c.ident = v.control
  JOIN isms.person p ON p.org_id = a.org_id AND p.email = v.owner || '@kestrel-analytics.example';

INSERT INTO isms.corrective_action (org_id, finding_id, incident_id, violation_id, root_cause, action, owner_id, due_on, status,
									completed_on, verified_on, verified_by_id, effective)
SELECT :org_id, f.id, i.id, cv.id, v.root_cause, v.action, o.id, v.due_on::date, v.status, v.completed_on::date,
	   v.verified_on::date, vb.id, v.effective
  FROM (VALUES
	('IA26-01', NULL, NULL, 'No owner for acting on review results',
	 'Every revocation found in a review becomes a ticket with a 5-day deadline', 'daniel.krueger', '2026-05-31', 'verified',
	 '2026-05-18', '2026-07-15', 'thomas.werner', true),
	('IA26-02', NULL, NULL, 'Accounts older than the MFA policy', 'Hardware keys for break-glass accounts',
	 'jonas.weber', '2026-04-30', 'verified', '2026-04-20', '2026-06-10', 'thomas.werner', true),
	('CA26-01', NULL, NULL, 'Test follow-up not part of the procedure', 'Test reports must list actions; parallel restore',
	 'daniel.krueger', '2026-09-11', 'done', '2026-08-28', NULL, NULL, NULL),
	('CA26-02', NULL, NULL, NULL, 'Decide to replace the payroll provider or obtain an audit report',
	 'sofia.almeida', '2026-12-11', 'in_progress', NULL, NULL, NULL, NULL),
	(NULL, 'INC-2026-01', NULL, 'No validation of the customer id in ingestion files', 'Reject files whose customer id does not match the tenant',
	 'julia.lange', '2026-02-28', 'verified', '2026-02-20', '2026-04-01', 'jonas.weber', true),
	(NULL, 'INC-2026-03', NULL, 'Deprovisioning trigger failed silently', 'Alert when the HR trigger fails; daily reconciliation',
	 'hannah.schulz', '2026-04-15', 'done', '2026-04-09', NULL, NULL, NULL),
	(NULL, 'INC-2025-02', NULL, 'Replica lag not monitored', 'Alert on replica lag; failover only to an up-to-date replica',
	 'pedro.santos', '2025-03-31', 'verified', '2025-03-10', '2025-06-25', 'daniel.krueger', true),
	(NULL, NULL, 'Availability below 99.5 % in Q2 2025', 'Single-zone services', 'Spread all services across three zones',
	 'aylin.demir', '2025-09-30', 'verified', '2025-09-15', '2025-12-01', 'daniel.krueger', true),
	(NULL, NULL, 'Patient data kept in support tickets', 'No redaction of attachments', 'Purge attachments older than 90 days',
	 'elias.krause', '2026-12-31', 'planned', NULL, NULL, NULL, NULL)
  ) v(finding, incident, violation, root_cause, action, owner, due_on, status, completed_on, verified_on, verifier, effective)
  LEFT JOIN isms.audit_finding f ON f.org_id = :org_id AND f.ident = v.finding
  LEFT JOIN isms.incident i ON i.org_id = :org_id AND i.ident = v.incident
  LEFT JOIN isms.compliance_violation cv ON cv.org_id = :org_id AND cv.title = v.violation
  JOIN isms.person o ON o.org_id = :org_id AND o.email = v.owner || '@kestrel-analytics.example'
  LEFT JOIN isms.person vb ON vb.org_id = o.org_id AND vb.email = v.verifier || '@kestrel-analytics.example';

INSERT INTO isms.management_review (org_id, title, held_on, chair_id, minutes, next_review_on)
SELECT :org_id, 'Management review 2026', '2026-09-15', p.id,
	   'Reviewed the ISMS after certification; approved scope version 2 of the policy set and the risk treatment plan',
	   '2027-09-14'
  FROM isms.person p WHERE p.org_id = :org_id AND p.email = 'katrin.vogel@kestrel-analytics.example';

INSERT INTO isms.management_review_attendee (org_id, review_id, person_id)
SELECT :org_id, r.id, p.id
  FROM isms.management_review r
  JOIN isms.person p ON p.org_id = r.org_id AND p.email IN ('katrin.vogel@kestrel-analytics.example', 'tobias.brandt@kestrel-analytics.example',
									'miriam.okafor@kestrel-analytics.example', 'jonas.weber@kestrel-analytics.example',
									'sofia.almeida@kestrel-analytics.example', 'daniel.krueger@kestrel-analytics.example',
									'thomas.werner@kestrel-analytics.example')
 WHERE r.org_id = :org_id;

INSERT INTO isms.management_review_input (org_id, review_id, topic, summary)
SELECT :org_id, r.id, v.topic, v.summary
  FROM isms.management_review r,
	   (VALUES
		('previous_actions', 'All 5 actions of the 2025 review done except the second-region restore'),
		('context_changes', 'NIS2 transposition; two new insurer customers; growth of the Lisbon team'),
		('interested_party_needs', 'Hospitals ask for a certificate and 24-hour breach notice'),
		('nonconformities', '1 major and 3 minor nonconformities in 2026; corrective actions on track'),
		('monitoring_results', '34 incidents in two years, 3 personal data breaches; training completion 94 %'),
		('audit_results', 'Certified in June 2026 with 2 minor nonconformities'),
		('objectives', '4 of 5 security objectives met; DLP objective missed'),
		('interested_party_feedback', 'No customer complaints about security in 2026'),
		('risk_assessment', '42 risks; 5 review dates overdue; 9 treatment plans open'),
		('improvement_opportunities', 'Automate lessons learned into the risk register; manager dashboards'),
		('kpi_review', 'Mean time to respond to incidents under one hour for high and critical incidents')
	   ) v(topic, summary)
 WHERE r.org_id = :org_id;

INSERT INTO isms.management_review_decision (org_id, review_id, kind, decision)
SELECT :org_id, r.id, v.kind, v.decision
  FROM isms.management_review r,
	   (VALUES
		('resources', 'Budget of EUR 40,000 for data leakage prevention and ticket redaction in 2027'),
		('isms_change', 'Assess NIS2 applicability by January 2027'),
		('risk_acceptance', 'Accepted risks R-016, R-018, R-026, R-027 and R-028 confirmed until 2027'),
		('improvement', 'Replace or audit the payroll provider before the end of 2026'),
		('objective', 'New objective: restore into a second region within 8 hours by mid-2027')
	   ) v(kind, decision)
 WHERE r.org_id = :org_id;

INSERT INTO isms.improvement_action (org_id, review_id, decision_id, title, owner_id, due_on, status, completed_on)
SELECT :org_id, r.id, d.id, v.title, p.id, v.due_on::date, v.status, v.completed_on::date
  FROM isms.management_review r
 CROSS JOIN (VALUES
	('Data leakage prevention for file sharing and tickets', 'Budget of EUR 40,000%', 'lena.hoffmann', '2027-06-30', 'in_progress', NULL),
	('NIS2 applicability assessment', 'Assess NIS2%', 'sofia.almeida', '2027-01-31', 'in_progress', NULL),
	('Payroll provider decision', 'Replace or audit%', 'andrea.schuster', '2026-12-31', 'planned', NULL),
	('Second-region restore exercise', 'New objective%', 'daniel.krueger', '2027-06-30', 'planned', NULL),
	('Training completion dashboard for managers', NULL, 'vanessa.roth', '2026-11-30', 'done', '2026-11-16')
  ) v(title, decision, owner, due_on, status, completed_on)
  LEFT JOIN isms.management_review_decision d ON d.org_id = r.org_id AND d.review_id = r.id AND d.decision LIKE v.decision
  JOIN isms.person p ON p.org_id = r.org_id AND p.email = v.owner || '@kestrel-analytics.example'
 WHERE r.org_id = :org_id;
