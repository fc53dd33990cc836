-- Demo organization, part 7: human resource security (component 3, step 6):
-- screening, training courses and records, and offboarding of leavers.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

-- Two roles of Kestrel's own, for role-specific training.
INSERT INTO isms.role (key, title, description) VALUES
	('developer', 'Developer', 'writes and reviews platform code'),
	('administrator', 'System administrator', 'holds privileged access to production');

INSERT INTO isms.role_assignment (org_id, person_id, role, assigned_on, ended_on, appointed_by_id)
SELECT :org_id, p.id, CASE u.name WHEN 'Engineering' THEN 'developer' ELSE 'administrator' END,
	   greatest(p.start_date, '2024-01-01'), p.end_date, m.id
  FROM isms.person p
  JOIN isms.org_unit u ON u.org_id = p.org_id AND u.id = p.unit_id
  JOIN isms.person m ON m.org_id = p.org_id AND m.email = 'jonas.weber@kestrel-analytics.example'
 WHERE p.org_id = :org_id
   AND ((u.name = 'Engineering' AND p.job_title NOT LIKE 'Head%' AND p.employment_type <> 'intern')
		OR (u.name = 'Platform Operations' AND p.job_title NOT LIKE 'IT Support%'))
 ORDER BY p.id;

-- Background checks before the first day; criminal record checks for staff
-- who can reach customer data.
INSERT INTO isms.screening (org_id, person_id, kind, requested_on, completed_on, result, performed_by)
SELECT :org_id, p.id, k.kind, p.start_date - 45, p.start_date - 45 + (10 + p.id % 15)::integer,
	   CASE WHEN k.kind = 'reference' AND p.employment_type = 'intern' THEN 'waived' ELSE 'passed' END,
	   CASE k.kind WHEN 'identity' THEN 'HR' WHEN 'reference' THEN 'HR' ELSE 'Screening agency' END
  FROM isms.person p
  JOIN isms.org_unit u ON u.org_id = p.org_id AND u.id = p.unit_id
 CROSS JOIN (VALUES ('identity'), ('reference'), ('criminal_record')) k(kind)
 WHERE p.org_id = :org_id
   AND (k.kind <> 'criminal_record'
		OR u.name IN ('Platform Operations', 'Data Science', 'Security & Compliance', 'Engineering'))
 ORDER BY p.id, k.kind;
-- A re-screening still under way, and one that found a problem.
INSERT INTO isms.screening (org_id, person_id, kind, requested_on, completed_on, result, performed_by, notes)
SELECT :org_id, p.id, v.kind, v.requested_on::date, v.completed_on::date, v.result, 'Screening agency', v.notes
  FROM (VALUES
	('diogo.sousa', 'education', '2026-10-20', NULL, 'pending', 'Degree certificate requested from the university'),
	('simon.keller', 'credit', '2026-06-01', '2026-06-12', 'failed',
	 'Credit check for access to the payment system failed; access to payments not granted')
  ) v(person, kind, requested_on, completed_on, result, notes)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.person || '@kestrel-analytics.example';

INSERT INTO isms.training_course (title, kind, role, description, duration_minutes, renewal_interval, pass_score) VALUES
	('Security awareness', 'awareness', NULL, 'Yearly course: phishing, passwords, data handling, reporting', 45, '1 year', 80),
	('Information security for new employees', 'new_employee', NULL, 'Policies, acceptable use, reporting, in the first two weeks', 60, NULL, 80),
	('Secure coding', 'role_specific', 'developer', 'OWASP Top 10, tenant isolation, secrets handling', 240, '2 years', 75),
	('Privileged access and incident handling', 'role_specific', 'administrator', 'Bastion use, break-glass, first response', 180, '2 years', 75),
	('Risk ownership', 'role_specific', 'risk_owner', 'Assessing, treating and reviewing risks in the register', 90, '2 years', NULL),
	('Internal auditing of the ISMS', 'role_specific', 'auditor', 'ISO/IEC 27001 audit technique, independence, reporting', 960, NULL, 70);

-- Awareness rounds of 2025 and 2026 for everyone employed on the start day;
-- most complete it, a few are late or still open.
INSERT INTO isms.training_record (org_id, person_id, course_id, assigned_on, due_on, completed_on, score, passed, expires_on)
SELECT :org_id, p.id, c.id, r.assigned_on, r.due_on, d.completed_on,
	   CASE WHEN d.completed_on IS NOT NULL THEN 72 + (p.id * 13) % 29 END,
	   CASE WHEN d.completed_on IS NOT NULL THEN 72 + (p.id * 13) % 29 >= 80 END,
	   d.completed_on + 365
  FROM isms.person p
 CROSS JOIN (VALUES (date '2025-01-15', date '2025-03-31', 23), (date '2026-01-15', date '2026-03-31', 11)) r(assigned_on, due_on, open_every)
  JOIN isms.training_course c ON c.org_id = p.org_id AND c.title = 'Security awareness'
 CROSS JOIN LATERAL (SELECT CASE WHEN p.id % r.open_every = 0 THEN NULL
								 ELSE r.assigned_on + ((p.id * 7) % 90)::integer END AS completed_on) d
 WHERE p.org_id = :org_id AND p.start_date <= r.assigned_on AND (p.end_date IS NULL OR p.end_date > r.assigned_on)
 ORDER BY r.assigned_on, p.id;

-- New employees since mid-2024: onboarding course in the first two weeks.
INSERT INTO isms.training_record (org_id, person_id, course_id, assigned_on, due_on, completed_on, score, passed)
SELECT :org_id, p.id, c.id, p.start_date, p.start_date + 14, p.start_date + 2 + (p.id % 10)::integer, 85 + p.id % 15, true
  FROM isms.person p
  JOIN isms.training_course c ON c.org_id = p.org_id AND c.title = 'Information security for new employees'
 WHERE p.org_id = :org_id AND p.start_date >= '2024-06-01'
 ORDER BY p.id;

-- Role-specific courses for the holders of the role.
INSERT INTO isms.training_record (org_id, person_id, course_id, assigned_on, due_on, completed_on, score, passed, expires_on)
SELECT :org_id, a.person_id, c.id, d.assigned_on, d.assigned_on + 60,
	   CASE WHEN a.person_id % 9 = 4 THEN NULL ELSE d.assigned_on + 10 + (a.person_id % 40)::integer END,
	   CASE WHEN a.person_id % 9 = 4 THEN NULL WHEN c.pass_score IS NULL THEN NULL ELSE 78 + a.person_id % 20 END,
	   CASE WHEN a.person_id % 9 = 4 THEN NULL ELSE true END,
	   CASE WHEN a.person_id % 9 = 4 OR c.renewal_interval IS NULL THEN NULL
			ELSE (d.assigned_on + 10 + (a.person_id % 40)::integer + c.renewal_interval)::date END
  FROM (SELECT DISTINCT org_id, person_id, role, min(assigned_on) AS since
		  FROM isms.role_assignment WHERE org_id = :org_id GROUP BY org_id, person_id, role) a
  JOIN isms.training_course c ON c.org_id = a.org_id AND c.role = a.role
 CROSS JOIN LATERAL (SELECT greatest(a.since, date '2025-03-01') AS assigned_on) d
 ORDER BY c.id, a.person_id;

-- Leavers: notice, last day, access revocation and return of assets.
INSERT INTO isms.termination (org_id, person_id, kind, notified_on, last_working_day, access_revoked_at, assets_returned_on,
							  exit_interview_on, confidentiality_reminded, handled_by_id, notes)
SELECT :org_id, p.id, v.kind, v.notified_on::date, v.last_day::date, v.revoked_at::timestamptz, v.returned_on::date,
	   v.interview_on::date, v.reminded, h.id, v.notes
  FROM (VALUES
	('eva.lindner', 'resignation', '2025-05-15', '2025-06-30', '2025-06-30 17:45+02', '2025-06-30', '2025-06-27', true, NULL),
	('jana.hofmann', 'dismissal', '2025-10-15', '2025-10-15', '2025-10-15 10:20+02', '2025-10-15', NULL, true,
	 'Access removed during the meeting'),
	('ricardo.mendes', 'resignation', '2025-12-15', '2026-02-27', '2026-03-02 09:10+01', '2026-02-27', '2026-02-25', true,
	 'Revocation three days late: the HR trigger failed; see corrective action'),
	('stefan.vogt', 'end_of_contract', '2026-03-31', '2026-04-30', '2026-04-30 18:00+02', '2026-04-30', NULL, true, NULL)
  ) v(person, kind, notified_on, last_day, revoked_at, returned_on, interview_on, reminded, notes)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.person || '@kestrel-analytics.example'
  JOIN isms.person h ON h.org_id = p.org_id AND h.email = 'vanessa.roth@kestrel-analytics.example';
