-- Demo organization, part 7b: access control (component 5): the accounts
-- on the production database and the identity provider, their rights, the
-- authentication requirements, the review cadence and a review of the
-- database's rights with its decisions.  (Skipped on a schema before 1.1,
-- which has no such tables.)
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset
SELECT to_regclass('isms.account') IS NOT NULL AS has_access_control \gset
\if :has_access_control

INSERT INTO isms.authentication_requirement (title, privileged_only, min_classification, min_confidentiality,
											 mfa_required, allowed_methods)
VALUES ('MFA for every privileged account', true, NULL, NULL, true, NULL),
	   ('MFA for restricted systems', false, 'restricted', NULL, true, NULL),
	   ('No passwords where confidentiality is severe', false, NULL, '5', false, '{sso,key,certificate}');

INSERT INTO isms.access_review_cadence (level, review_interval)
VALUES ('read', '1 year'), ('write', '6 months'), ('admin', '3 months');

-- Accounts: staff log in to the identity provider (AST-008) with SSO and
-- MFA; the database (AST-004) has personal roles with certificates, a
-- service role for the platform and an emergency superuser.
INSERT INTO isms.account (org_id, asset_id, name, kind, person_id, service, privileged, authentication, mfa, created_on,
						  disabled_on, notes)
SELECT :org_id, a.id, v.name, v.kind, p.id, v.service, v.privileged, v.auth, v.mfa, v.created_on::date, v.disabled_on::date,
	   v.notes
  FROM (VALUES
	('AST-004', 'pedro_santos', 'personal', 'pedro.santos', NULL, true, 'certificate', true, '2021-03-01', NULL, NULL),
	('AST-004', 'aylin_demir', 'personal', 'aylin.demir', NULL, true, 'certificate', true, '2021-03-01', NULL, NULL),
	('AST-004', 'daniel_krueger', 'personal', 'daniel.krueger', NULL, false, 'certificate', true, '2020-06-01', NULL, NULL),
	('AST-004', 'julia_lange', 'personal', 'julia.lange', NULL, false, 'password', false, '2022-01-10', NULL,
	 'Analyst read access; certificate login planned'),
	('AST-004', 'stefan_vogt', 'personal', 'stefan.vogt', NULL, false, 'certificate', true, '2024-05-01', NULL,
	 'Contractor; left 2026-04-30, role not dropped'),
	('AST-004', 'insight_app', 'service', 'daniel.krueger', 'Kestrel Insight platform', false, 'certificate', false,
	 '2020-06-01', NULL, NULL),
	('AST-004', 'break_glass', 'emergency', 'daniel.krueger', NULL, true, 'password', false, '2020-06-01', NULL,
	 'Sealed envelope in the safe'),
	('AST-008', 'hannah.schulz', 'personal', 'hannah.schulz', NULL, true, 'sso', true, '2021-09-01', NULL, NULL),
	('AST-008', 'jonas.weber', 'personal', 'jonas.weber', NULL, true, 'sso', true, '2021-09-01', NULL, NULL),
	('AST-008', 'ricardo.mendes', 'personal', 'ricardo.mendes', NULL, false, 'sso', true, '2022-02-01', '2026-03-02',
	 'Disabled three days after the last working day'),
	('AST-008', 'eva.lindner', 'personal', 'eva.lindner', NULL, false, 'sso', true, '2021-09-01', '2025-06-30', NULL)
  ) v(asset, name, kind, person, service, privileged, auth, mfa, created_on, disabled_on, notes)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.asset
  JOIN isms.person p ON p.org_id = a.org_id AND p.email = v.person || '@kestrel-analytics.example'
 ORDER BY v.asset, v.name;

-- Rights on the database and on the datasets it holds (AST-001), each
-- approved by the asset owner or the security officer.
INSERT INTO isms.access_right (org_id, account_id, asset_id, object, level, privileged, role, purpose, approved_by_id,
							   approved_on, granted_on, expires_on, revoked_on)
SELECT :org_id, ac.id, a.id, v.object, v.level, v.level = 'admin', v.role, v.purpose, ap.id, v.granted_on::date,
	   v.granted_on::date, v.expires_on::date, v.revoked_on::date
  FROM (VALUES
	('pedro_santos', 'AST-004', '', 'admin', NULL, 'Database administration', 'daniel.krueger', '2021-03-01', NULL, NULL),
	('aylin_demir', 'AST-004', '', 'admin', NULL, 'Database administration', 'daniel.krueger', '2021-03-01', NULL, NULL),
	('daniel_krueger', 'AST-004', '', 'read', 'control_owner', NULL, 'jonas.weber', '2020-06-01', NULL, NULL),
	('julia_lange', 'AST-001', 'schema results', 'read', NULL, 'Analysis of aggregated results', 'daniel.krueger',
	 '2022-01-10', NULL, NULL),
	('julia_lange', 'AST-001', 'schema claims', 'read', NULL, 'Claims study for a customer', 'daniel.krueger',
	 '2026-02-01', '2026-08-31', NULL),
	('stefan_vogt', 'AST-004', 'schema ingest', 'write', NULL, 'Ingestion pipeline migration', 'daniel.krueger',
	 '2024-05-01', '2026-04-30', NULL),
	('insight_app', 'AST-001', 'schema results', 'write', NULL, 'The platform writes analysis results',
	 'julia.lange', '2020-06-01', NULL, NULL),
	('insight_app', 'AST-004', 'schema app', 'write', NULL, 'The platform''s own tables', 'pedro.santos',
	 '2020-06-01', NULL, NULL),
	('break_glass', 'AST-004', '', 'admin', NULL, 'Emergency access when the administrators cannot log in',
	 'jonas.weber', '2020-06-01', NULL, NULL),
	('hannah.schulz', 'AST-008', '', 'admin', 'team_member', NULL, 'jonas.weber', '2021-09-01', NULL, NULL),
	('jonas.weber', 'AST-008', '', 'admin', 'security_officer', NULL, 'miriam.okafor', '2021-09-01', NULL, NULL),
	('ricardo.mendes', 'AST-008', '', 'read', NULL, 'Staff directory', 'hannah.schulz', '2022-02-01', NULL, '2026-03-02')
  ) v(account, asset, object, level, role, purpose, approver, granted_on, expires_on, revoked_on)
  JOIN isms.account ac ON ac.org_id = :org_id AND ac.name = v.account
  JOIN isms.asset a ON a.org_id = ac.org_id AND a.ident = v.asset
  JOIN isms.person ap ON ap.org_id = ac.org_id AND ap.email = v.approver || '@kestrel-analytics.example'
 ORDER BY ac.id, a.id, v.object, v.level;

-- The review of the database's rights in October 2026: kept all but the
-- contractor's, which it revoked (the role itself is still there).
INSERT INTO isms.access_review (org_id, asset_id, reviewer_id, privileged, period_start, period_end, due_on, performed_on,
								status, accounts_reviewed, accounts_revoked, findings)
SELECT :org_id, a.id, p.id, false, '2026-07-01', '2026-09-30', '2026-10-15', '2026-10-12', 'completed', 6, 1,
	   'Contractor write access past its end date; revoked'
  FROM isms.asset a
  JOIN isms.person p ON p.org_id = a.org_id AND p.email = 'jonas.weber@kestrel-analytics.example'
 WHERE a.org_id = :org_id AND a.ident = 'AST-004';
INSERT INTO isms.access_review_item (org_id, review_id, right_id, decision, note)
SELECT :org_id, v.id, r.id, CASE WHEN ac.name = 'stefan_vogt' THEN 'revoked' ELSE 'kept' END,
	   CASE WHEN ac.name = 'stefan_vogt' THEN 'Contract ended 2026-04-30' END
  FROM isms.access_review v
  JOIN isms.asset a ON a.org_id = v.org_id AND a.id = v.asset_id AND a.ident = 'AST-004'
  JOIN isms.access_right r ON r.org_id = v.org_id AND r.revoked_on IS NULL
  JOIN isms.account ac ON ac.org_id = r.org_id AND ac.id = r.account_id AND ac.asset_id = a.id
 WHERE v.org_id = :org_id AND v.performed_on = '2026-10-12'
 ORDER BY r.id;

\endif
