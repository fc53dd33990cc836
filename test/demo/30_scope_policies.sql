-- Demo organization, part 3: the ISMS scope (step 1) and the policies
-- (component 1, step 2).
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.scope (org_id, title, version, status, how_text, what_text, who_text, where_text, interfaces,
						approved_by_id, approved_on, effective_from)
SELECT :org_id, 'ISMS scope of Kestrel Analytics', v.version, v.status,
	   'Development, operation and support of the Kestrel Insight platform, and the ingestion and analysis of customer data on it',
	   v.what_text,
	   'All staff of Kestrel Analytics GmbH and contractors working on the platform',
	   v.where_text,
	   'Cloud hosting, colocation and SaaS suppliers are outside the scope and managed as suppliers (A.5.19 to A.5.23)',
	   p.id, v.approved_on::date, v.effective_from::date
  FROM (VALUES
	(1, 'superseded', 'The Kestrel Insight platform and customer data', 'Berlin HQ, Frankfurt colocation, cloud region eu-central-1',
	 '2023-09-12', '2023-10-01'),
	(2, 'approved', 'The Kestrel Insight platform, customer data, models, and the supporting IT of the company',
	 'Berlin HQ, Lisbon office, Frankfurt colocation, cloud region eu-central-1, home offices', '2025-09-16', '2025-10-01')
  ) v(version, status, what_text, where_text, approved_on, effective_from)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = 'katrin.vogel@kestrel-analytics.example'
 ORDER BY v.version;

INSERT INTO isms.scope_answer (org_id, scope_id, question, answer)
SELECT :org_id, s.id, v.question, v.answer
  FROM isms.scope s,
	   (VALUES
		('information_processed', 'Pseudonymized clinical and claims data of about 4 million patients; customer contracts; staff and payroll data; source code and models'),
		('critical_assets', 'Customer health datasets, the production database and Kubernetes cluster, the data lake, backups, the identity provider'),
		('vulnerabilities', 'Internet-facing API and VPN, software dependencies, cloud configuration, people susceptible to phishing, few people holding model know-how'),
		('threats', 'Ransomware, phishing and credential theft, cloud misconfiguration, insider misuse, supplier compromise, outages of the cloud region'),
		('impacts', 'Disclosure of health data (GDPR Art. 9), loss of customers, contract penalties, interruption of analyses for hospitals'),
		('risks', 'See the risk register: 40 risks, 9 of them high or critical before treatment'),
		('controls', 'ISO/IEC 27001:2022 Annex A: 91 of 93 controls applicable; see the Statement of Applicability')
	   ) v(question, answer)
 WHERE s.org_id = :org_id AND s.version = 2;

INSERT INTO isms.scope_item (org_id, scope_id, asset_id, site_id, process_id, unit_id, in_scope, justification)
SELECT :org_id, s.id, a.id, si.id, pr.id, u.id, v.in_scope, v.justification
  FROM isms.scope s
 CROSS JOIN (VALUES
	('site', 'Berlin HQ', true, NULL),
	('site', 'Lisbon Office', true, NULL),
	('site', 'Frankfurt Colocation', true, NULL),
	('site', 'Cloud eu-central-1', true, NULL),
	('site', 'Home offices', true, 'Remote working under the remote working policy'),
	('process', 'Customer analytics delivery', true, NULL),
	('process', 'Data ingestion', true, NULL),
	('process', 'Software development', true, NULL),
	('process', 'Platform operations', true, NULL),
	('process', 'Customer onboarding and support', true, NULL),
	('process', 'People management', true, 'Screening, training and offboarding affect every control'),
	('process', 'Marketing', false, 'Uses no customer data; the public website is hosted by a supplier'),
	('process', 'Finance and accounting', false, 'Covered by the annual statutory audit; no customer data'),
	('unit', 'Engineering', true, NULL),
	('unit', 'Data Science', true, NULL),
	('unit', 'Platform Operations', true, NULL),
	('unit', 'Security & Compliance', true, NULL),
	('unit', 'Customer Success', true, NULL),
	('asset', 'AST-025', false, 'Static marketing website without personal or customer data'),
	('asset', 'AST-001', true, NULL),
	('asset', 'AST-002', true, NULL)
  ) v(kind, target, in_scope, justification)
  LEFT JOIN isms.site si ON si.org_id = s.org_id AND v.kind = 'site' AND si.name = v.target
  LEFT JOIN isms.process pr ON pr.org_id = s.org_id AND v.kind = 'process' AND pr.name = v.target
  LEFT JOIN isms.org_unit u ON u.org_id = s.org_id AND v.kind = 'unit' AND u.name = v.target
  LEFT JOIN isms.asset a ON a.org_id = s.org_id AND v.kind = 'asset' AND a.ident = v.target
 WHERE s.org_id = :org_id AND s.version = 2;

INSERT INTO isms.policy (org_id, code, title, kind, version, status, introduction, scope_text, roles_responsibilities,
						 procedures, review_update, owner_id, approver_id, approved_on, review_interval, next_review)
SELECT :org_id, v.code, v.title, v.kind, v.version, v.status,
	   'Kestrel Analytics protects the health data entrusted to it by hospitals and insurers. ' || v.intro,
	   'All staff, contractors and systems within the ISMS scope.',
	   v.roles,
	   v.procedures,
	   'The owner reviews this policy every ' || v.review_interval || ' and after significant changes; the security committee approves changes.',
	   o.id, a.id, v.approved_on::date, v.review_interval::interval, v.next_review::date
  FROM (VALUES
	('POL-00', 'Information security policy', 'information_security_policy', '3.0', 'approved',
	 'This policy states management''s commitment and the objectives of the ISMS.',
	 'The CEO owns the ISMS; the CISO runs it; every employee follows the topic-specific policies.',
	 'Objectives are set yearly; risks are assessed and treated under the risk management procedure.',
	 'katrin.vogel', 'katrin.vogel', '2025-09-16', '1 year', '2026-09-16'),
	('POL-01', 'Access control policy', 'topic_specific', '2.1', 'approved',
	 'Access to information is granted on least privilege and need to know.',
	 'System owners approve access; IT support provisions it; reviewers recertify it quarterly.',
	 'Single sign-on with MFA for all applications; privileged access through the bastion host only.',
	 'jonas.weber', 'tobias.brandt', '2025-11-04', '1 year', '2026-11-04'),
	('POL-02', 'Cryptography policy', 'topic_specific', '1.2', 'approved',
	 'Encryption protects data at rest and in transit.',
	 'The CISO approves algorithms; platform operations manage keys.',
	 'AES-256 at rest, TLS 1.2 or later in transit, keys in the KMS or vault, yearly rotation.',
	 'jonas.weber', 'tobias.brandt', '2025-03-11', '1 year', '2026-03-11'),
	('POL-03', 'Acceptable use policy', 'topic_specific', '2.0', 'approved',
	 'Staff use company information and devices responsibly.',
	 'Every user; managers enforce it; HR handles breaches.',
	 'No customer data on personal devices or unapproved cloud services; report losses immediately.',
	 'vanessa.roth', 'miriam.okafor', '2025-05-20', '1 year', '2026-05-20'),
	('POL-04', 'Supplier security policy', 'topic_specific', '1.1', 'approved',
	 'Suppliers that handle our information meet our security requirements.',
	 'Relationship owners classify suppliers; compliance assesses them.',
	 'Critical suppliers are assessed yearly, others every two years; contracts contain security clauses.',
	 'sofia.almeida', 'miriam.okafor', '2025-06-24', '2 years', '2027-06-24'),
	('POL-05', 'Incident management policy', 'topic_specific', '2.0', 'approved',
	 'Incidents are reported, handled and learned from.',
	 'Anyone reports; the on-call SRE triages; the CISO leads major incidents; the DPO decides on notifications.',
	 'Report within one hour; classify by severity; notify authorities within 72 hours where GDPR requires.',
	 'jonas.weber', 'katrin.vogel', '2025-02-18', '1 year', '2026-02-18'),
	('POL-06', 'Backup and continuity policy', 'topic_specific', '1.3', 'approved',
	 'Critical services recover within their recovery objectives.',
	 'Platform operations run backups; owners test their plans.',
	 'Daily encrypted backups, immutable copies in Frankfurt, quarterly restore tests, yearly continuity exercise.',
	 'daniel.krueger', 'tobias.brandt', '2025-10-07', '1 year', '2026-10-07'),
	('POL-07', 'Secure development policy', 'topic_specific', '1.4', 'approved',
	 'Security is built into the platform from the design.',
	 'Engineering managers own it; security champions review designs.',
	 'Threat modelling for new features, peer review, SAST and dependency scanning in CI, yearly penetration test.',
	 'lukas.fischer', 'tobias.brandt', '2026-01-13', '1 year', '2027-01-13'),
	('POL-08', 'Remote working policy', 'topic_specific', '1.0', 'approved',
	 'Staff work from home securely.',
	 'Employees and their managers.',
	 'Managed laptops only, VPN or SSO for company services, screen lock, no printing of confidential data at home.',
	 'vanessa.roth', 'miriam.okafor', '2024-03-05', '2 years', '2026-03-05'),
	('POL-09', 'Data classification policy', 'topic_specific', '2.0', 'in_review',
	 'Information is classified and handled according to its class.',
	 'Asset owners classify; everyone handles information by its label.',
	 'Four classes: public, internal, confidential, restricted; health data is always restricted.',
	 'sofia.almeida', NULL, NULL, '1 year', NULL),
	('POL-10', 'AI and model governance policy', 'topic_specific', '0.3', 'draft',
	 'Draft: rules for training and releasing analytics models.', NULL, NULL,
	 'julia.lange', NULL, NULL, '1 year', NULL)
  ) v(code, title, kind, version, status, intro, roles, procedures, owner, approver, approved_on, review_interval, next_review)
  JOIN isms.person o ON o.org_id = :org_id AND o.email = v.owner || '@kestrel-analytics.example'
  LEFT JOIN isms.person a ON a.org_id = o.org_id AND a.email = v.approver || '@kestrel-analytics.example';

-- The superseded version of the top-level policy.
INSERT INTO isms.policy (org_id, code, title, kind, version, status, introduction, scope_text, roles_responsibilities,
						 procedures, review_update, owner_id, approver_id, approved_on, review_interval)
SELECT :org_id, code, title, kind, '2.0', 'retired', introduction, scope_text, roles_responsibilities, procedures,
	   review_update, owner_id, approver_id, '2024-09-10', review_interval
  FROM isms.policy WHERE org_id = :org_id AND code = 'POL-00' AND version = '3.0';

-- Everyone with the company when a policy version was approved acknowledged it.
INSERT INTO isms.policy_acknowledgement (org_id, policy_id, person_id, acknowledged_at)
SELECT :org_id, po.id, p.id,
	   greatest(po.approved_on, p.start_date)::timestamp + interval '9 hours' + (p.id % 20) * interval '1 day'
  FROM isms.policy po
  JOIN isms.person p ON p.org_id = po.org_id AND p.start_date <= po.approved_on + 30
						AND (p.end_date IS NULL OR p.end_date > po.approved_on + 30)
 WHERE po.org_id = :org_id AND po.status = 'approved' AND po.code IN ('POL-00', 'POL-03', 'POL-05', 'POL-08')
   AND p.id % 17 <> 3;		-- a few people still have to acknowledge
