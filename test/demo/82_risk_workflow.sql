-- Demo organization, part 8b: the risk treatment workflow.  With the
-- controls of the Statement of Applicability (60) and the suppliers (80) in
-- place, the risks get what their treatment needs (appetite, counterparties,
-- monitoring owners, acceptances) and move through the life cycle one step
-- at a time, as the trigger on isms.risk requires.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

-- Risk appetite: medium overall, low for privacy risks.
INSERT INTO isms.risk_appetite (category, max_level, rationale) VALUES
	(NULL, 'medium', 'Board statement on risk appetite, March 2025'),
	('privacy', 'low', 'Health data: the board accepts no more than low privacy risks');

-- Transfers: to a supplier under its contract, or to an insurer under a policy.
UPDATE isms.risk r
   SET transfer_supplier_id = s.id, transfer_counterparty = v.counterparty, transfer_reference = v.reference
  FROM (VALUES
	('R-009', 'EdgeShield CDN', NULL, 'DDoS protection service, SLA clause 7'),
	('R-010', NULL, 'Cyber insurer', 'Policy CY-2025-0412'),
	('R-017', 'FraData Colocation GmbH', NULL, 'Power SLA 99.999 %, clause 3.1'),
	('R-024', NULL, 'Crime insurer', 'Policy CR-2025-118')
  ) v(ident, supplier, counterparty, reference)
  LEFT JOIN isms.supplier s ON s.org_id = :org_id AND s.name = v.supplier
 WHERE r.org_id = :org_id AND r.ident = v.ident;

-- Monitoring: who watches each monitored risk.
UPDATE isms.risk r SET monitor_owner_id = p.id
  FROM (VALUES ('R-020', 'daniel.krueger'), ('R-033', 'jan.kowalski'), ('R-038', 'daniel.krueger'),
			   ('R-041', 'lena.hoffmann')) v(ident, watcher)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.watcher || '@kestrel-analytics.example'
 WHERE r.org_id = :org_id AND r.ident = v.ident;

-- Avoidance: the activities that were ended.
UPDATE isms.risk r SET activity_ended_on = v.ended_on
  FROM (VALUES ('R-021', date '2025-04-30'), ('R-022', date '2025-06-15'), ('R-023', date '2025-05-02')) v(ident, ended_on)
 WHERE r.org_id = :org_id AND r.ident = v.ident;

-- Recorded acceptances: approved by someone other than the owner.  (These
-- residual risks are within appetite, so the rule does not need them; the
-- committee records them all the same.)
INSERT INTO isms.risk_acceptance (org_id, risk_id, approved_by_id, accepted_on, expires_on, justification)
SELECT :org_id, r.id, p.id, v.accepted_on::date, v.expires::date, v.justification
  FROM (VALUES
	-- the first acceptances of two of them, from the previous risk assessment
	('R-016', 'katrin.vogel', '2023-02-20', '2025-02-20', 'Low level; server room equipment due for replacement'),
	('R-026', 'tobias.brandt', '2023-03-10', '2025-03-10', 'Low level; website rebuilt as a static site')
  ) v(ident, approver, accepted_on, expires, justification)
  JOIN isms.risk r ON r.org_id = :org_id AND r.ident = v.ident
  JOIN isms.person p ON p.org_id = r.org_id AND p.email = v.approver || '@kestrel-analytics.example'
 ORDER BY r.ident;
INSERT INTO isms.risk_acceptance (org_id, risk_id, approved_by_id, accepted_on, expires_on, justification)
SELECT :org_id, r.id, p.id, v.accepted_on::date, v.expires::date, v.justification
  FROM (VALUES
	-- (R-016's renewal supersedes its first acceptance; R-026's comes after
	-- the nightly checks, below, have found the first one expired)
	('R-016', 'katrin.vogel', '2025-02-20', '2027-02-20', 'Low level; relocation of the office network equipment not worth the cost'),
	('R-018', 'katrin.vogel', '2025-03-10', '2027-03-10', 'Low level; remote working covers the office'),
	('R-027', 'miriam.okafor', '2025-03-10', '2027-03-10', 'Medium level; supplier certified to ISO/IEC 27001'),
	('R-028', 'miriam.okafor', '2025-03-10', '2027-03-10', 'Medium level; manual fallback for a few days')
  ) v(ident, approver, accepted_on, expires, justification)
  JOIN isms.risk r ON r.org_id = :org_id AND r.ident = v.ident
  JOIN isms.person p ON p.org_id = r.org_id AND p.email = v.approver || '@kestrel-analytics.example'
 ORDER BY r.ident;

-- Where each risk stands; the risks not listed stay identified or assessed.
CREATE TEMPORARY TABLE demo_risk_stage (ident text PRIMARY KEY, status text NOT NULL);
INSERT INTO demo_risk_stage VALUES
	('R-001', 'treated'), ('R-002', 'monitored'), ('R-003', 'treated'), ('R-004', 'treatment_planned'),
	('R-005', 'treated'), ('R-006', 'monitored'), ('R-007', 'treatment_planned'), ('R-008', 'treatment_planned'),
	('R-009', 'treated'), ('R-010', 'treated'), ('R-011', 'monitored'), ('R-012', 'treatment_planned'),
	('R-013', 'treated'), ('R-014', 'monitored'), ('R-015', 'monitored'), ('R-016', 'monitored'),
	('R-017', 'treated'), ('R-018', 'monitored'), ('R-019', 'treated'), ('R-020', 'monitored'),
	('R-021', 'closed'), ('R-022', 'closed'), ('R-023', 'closed'), ('R-024', 'treated'),
	('R-025', 'treatment_planned'), ('R-026', 'monitored'), ('R-027', 'monitored'), ('R-028', 'monitored'),
	('R-029', 'treatment_planned'), ('R-030', 'treated'), ('R-031', 'treated'), ('R-032', 'treatment_planned'),
	('R-033', 'monitored'), ('R-034', 'treatment_planned'), ('R-038', 'monitored'), ('R-039', 'treatment_planned'),
	('R-040', 'treated'), ('R-041', 'closed');

-- One step at a time.  The avoided risks close as soon as their treatment
-- is planned, because their activity has ended.
UPDATE isms.risk r SET status = 'treatment_planned'
  FROM demo_risk_stage s WHERE r.org_id = :org_id AND s.ident = r.ident AND r.status = 'assessed';
UPDATE isms.risk r SET status = 'treated'
  FROM demo_risk_stage s WHERE r.org_id = :org_id AND s.ident = r.ident AND r.status = 'treatment_planned'
   AND s.status IN ('treated', 'monitored', 'closed');
UPDATE isms.risk r SET status = 'monitored'
  FROM demo_risk_stage s WHERE r.org_id = :org_id AND s.ident = r.ident AND r.status = 'treated'
   AND s.status IN ('monitored', 'closed');
UPDATE isms.risk r SET status = 'closed', closed_on = '2026-02-01'
  FROM demo_risk_stage s WHERE r.org_id = :org_id AND s.ident = r.ident AND r.status = 'monitored' AND s.status = 'closed';

DROP TABLE demo_risk_stage;

-- The nightly checks (isms.run_scheduled_checks, run by a scheduler) as they
-- ran on 2026-11-28: overdue reviews marked, expired acceptances ended.
SELECT action, count(*) FROM isms.run_scheduled_checks('2026-11-28', :org_id) GROUP BY action ORDER BY action;

INSERT INTO isms.risk_acceptance (org_id, risk_id, approved_by_id, accepted_on, expires_on, justification)
SELECT :org_id, r.id, p.id, '2025-03-10', '2027-03-10', 'Low level; no customer data on the website'
  FROM isms.risk r
  JOIN isms.person p ON p.org_id = r.org_id AND p.email = 'tobias.brandt@kestrel-analytics.example'
 WHERE r.org_id = :org_id AND r.ident = 'R-026';
