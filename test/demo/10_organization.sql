-- Demo organization, part 1: the organization, its units, sites, people,
-- ISMS roles and business processes.
--
-- Kestrel Analytics GmbH is a fictitious company: a 60-person SaaS firm in
-- Berlin with a development office in Lisbon.  It analyses health-care data
-- for hospitals and insurers on a cloud platform, with a small colocation
-- cage in Frankfurt for backups.  Dates are fixed (December 2024 to November
-- 2026) so that the demo always prints the same register.
\set ON_ERROR_STOP on

INSERT INTO isms.organization (name, legal_name, sector, country, currency, description)
VALUES ('Kestrel Analytics', 'Kestrel Analytics GmbH', 'Health-care data analytics (SaaS)', 'DE', 'EUR',
		'Analyses clinical and claims data for hospitals and health insurers; platform "Kestrel Insight"');

-- Every demo file works on this organization, whatever else the database holds.
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.org_unit (name, description) VALUES
	('Management', 'Managing directors'),
	('Security & Compliance', 'Information security, data protection, compliance'),
	('Platform Operations', 'Cloud platform, networks, IT support'),
	('Engineering', 'Product development in Berlin and Lisbon'),
	('Data Science', 'Analytics models and data pipelines'),
	('Customer Success', 'Onboarding, support and account care'),
	('Sales & Marketing', 'Sales and marketing'),
	('Finance & HR', 'Finance, people and the offices');
UPDATE isms.org_unit SET parent_id = (SELECT id FROM isms.org_unit WHERE org_id = :org_id AND name = 'Management')
 WHERE org_id = :org_id AND name <> 'Management';

INSERT INTO isms.person (org_id, name, email, job_title, unit_id, employment_type, start_date, end_date)
SELECT :org_id, v.name, v.email || '@kestrel-analytics.example', v.title, u.id, v.kind, v.start_date::date, v.end_date::date
  FROM (VALUES
	('Katrin Vogel', 'katrin.vogel', 'Chief Executive Officer', 'Management', 'employee', '2019-03-01', NULL),
	('Tobias Brandt', 'tobias.brandt', 'Chief Technology Officer', 'Management', 'employee', '2019-03-01', NULL),
	('Miriam Okafor', 'miriam.okafor', 'Chief Operating and Financial Officer', 'Management', 'employee', '2020-01-15', NULL),
	('Jonas Weber', 'jonas.weber', 'Chief Information Security Officer', 'Security & Compliance', 'employee', '2021-04-01', NULL),
	('Lena Hoffmann', 'lena.hoffmann', 'Security Engineer', 'Security & Compliance', 'employee', '2022-09-01', NULL),
	('Rui Carvalho', 'rui.carvalho', 'Security Engineer', 'Security & Compliance', 'employee', '2024-02-01', NULL),
	('Sofia Almeida', 'sofia.almeida', 'Data Protection and Compliance Manager', 'Security & Compliance', 'employee', '2022-01-10', NULL),
	('Daniel Krüger', 'daniel.krueger', 'Head of Platform Operations', 'Platform Operations', 'employee', '2019-06-01', NULL),
	('Aylin Demir', 'aylin.demir', 'Site Reliability Engineer', 'Platform Operations', 'employee', '2020-08-01', NULL),
	('Pedro Santos', 'pedro.santos', 'Site Reliability Engineer', 'Platform Operations', 'employee', '2021-11-01', NULL),
	('Felix Neumann', 'felix.neumann', 'Site Reliability Engineer', 'Platform Operations', 'employee', '2023-03-01', NULL),
	('Marta Ribeiro', 'marta.ribeiro', 'Cloud Engineer', 'Platform Operations', 'employee', '2023-09-01', NULL),
	('Jan Kowalski', 'jan.kowalski', 'Network and Systems Administrator', 'Platform Operations', 'employee', '2020-02-01', NULL),
	('Hannah Schulz', 'hannah.schulz', 'IT Support Specialist', 'Platform Operations', 'employee', '2022-05-01', NULL),
	('Lukas Fischer', 'lukas.fischer', 'Head of Engineering', 'Engineering', 'employee', '2019-05-01', NULL),
	('Ana Ferreira', 'ana.ferreira', 'Engineering Manager Lisbon', 'Engineering', 'employee', '2021-02-01', NULL),
	('Maximilian Wagner', 'maximilian.wagner', 'Senior Software Engineer', 'Engineering', 'employee', '2019-10-01', NULL),
	('Inês Costa', 'ines.costa', 'Senior Software Engineer', 'Engineering', 'employee', '2021-03-01', NULL),
	('Paul Becker', 'paul.becker', 'Software Engineer', 'Engineering', 'employee', '2022-01-03', NULL),
	('Beatriz Martins', 'beatriz.martins', 'Software Engineer', 'Engineering', 'employee', '2022-06-01', NULL),
	('Nikolai Petrov', 'nikolai.petrov', 'Software Engineer', 'Engineering', 'employee', '2021-09-01', NULL),
	('Clara Schmitt', 'clara.schmitt', 'Software Engineer', 'Engineering', 'employee', '2023-01-09', NULL),
	('Tiago Oliveira', 'tiago.oliveira', 'Software Engineer', 'Engineering', 'employee', '2023-04-03', NULL),
	('Emma Richter', 'emma.richter', 'Frontend Engineer', 'Engineering', 'employee', '2022-10-01', NULL),
	('João Pereira', 'joao.pereira', 'Frontend Engineer', 'Engineering', 'employee', '2024-01-08', NULL),
	('Sarah Klein', 'sarah.klein', 'QA Engineer', 'Engineering', 'employee', '2021-07-01', NULL),
	('Mehmet Yilmaz', 'mehmet.yilmaz', 'Software Engineer', 'Engineering', 'employee', '2024-05-02', NULL),
	('Leonie Wolf', 'leonie.wolf', 'Software Engineer', 'Engineering', 'employee', '2025-02-03', NULL),
	('Diogo Sousa', 'diogo.sousa', 'Software Engineer', 'Engineering', 'employee', '2025-09-01', NULL),
	('Moritz Schröder', 'moritz.schroeder', 'Working Student, Engineering', 'Engineering', 'intern', '2025-04-01', NULL),
	('Julia Lange', 'julia.lange', 'Head of Data Science', 'Data Science', 'employee', '2020-03-01', NULL),
	('Arjun Mehta', 'arjun.mehta', 'Senior Data Scientist', 'Data Science', 'employee', '2021-05-01', NULL),
	('Carolina Rocha', 'carolina.rocha', 'Data Scientist', 'Data Science', 'employee', '2022-02-01', NULL),
	('Niklas Zimmermann', 'niklas.zimmermann', 'Data Engineer', 'Data Science', 'employee', '2022-11-01', NULL),
	('Yuki Tanaka', 'yuki.tanaka', 'Data Scientist', 'Data Science', 'employee', '2023-06-01', NULL),
	('Marco Rossi', 'marco.rossi', 'Data Engineer', 'Data Science', 'employee', '2024-03-01', NULL),
	('Laura Braun', 'laura.braun', 'Data Scientist', 'Data Science', 'employee', '2025-01-06', NULL),
	('Samuel Okoye', 'samuel.okoye', 'Machine Learning Engineer', 'Data Science', 'employee', '2025-06-02', NULL),
	('Sabine Koch', 'sabine.koch', 'Head of Customer Success', 'Customer Success', 'employee', '2020-05-01', NULL),
	('Florian Hartmann', 'florian.hartmann', 'Customer Success Manager', 'Customer Success', 'employee', '2021-01-11', NULL),
	('Rita Gomes', 'rita.gomes', 'Customer Success Manager', 'Customer Success', 'employee', '2022-08-01', NULL),
	('Elias Krause', 'elias.krause', 'Support Engineer', 'Customer Success', 'employee', '2023-02-01', NULL),
	('Mia Lehmann', 'mia.lehmann', 'Support Engineer', 'Customer Success', 'employee', '2024-04-01', NULL),
	('Gonçalo Lopes', 'goncalo.lopes', 'Implementation Consultant', 'Customer Success', 'employee', '2023-10-02', NULL),
	('Nora Berger', 'nora.berger', 'Implementation Consultant', 'Customer Success', 'employee', '2025-03-03', NULL),
	('Christian Meyer', 'christian.meyer', 'Head of Sales', 'Sales & Marketing', 'employee', '2020-09-01', NULL),
	('Olivia Frank', 'olivia.frank', 'Account Executive', 'Sales & Marketing', 'employee', '2021-06-01', NULL),
	('Benedikt Huber', 'benedikt.huber', 'Account Executive', 'Sales & Marketing', 'employee', '2023-05-02', NULL),
	('Patrícia Silva', 'patricia.silva', 'Marketing Manager', 'Sales & Marketing', 'employee', '2022-04-01', NULL),
	('Simon Keller', 'simon.keller', 'Sales Development Representative', 'Sales & Marketing', 'employee', '2024-09-02', NULL),
	('Alina Popescu', 'alina.popescu', 'Content Marketing Specialist', 'Sales & Marketing', 'employee', '2025-01-13', NULL),
	('Andrea Schuster', 'andrea.schuster', 'Head of Finance and HR', 'Finance & HR', 'employee', '2019-09-01', NULL),
	('Vanessa Roth', 'vanessa.roth', 'HR Manager', 'Finance & HR', 'employee', '2021-03-15', NULL),
	('Thomas Werner', 'thomas.werner', 'Accountant and Internal Auditor', 'Finance & HR', 'employee', '2020-11-01', NULL),
	('Birgit Sommer', 'birgit.sommer', 'Office Manager Berlin', 'Finance & HR', 'employee', '2019-04-01', NULL),
	('Catarina Nunes', 'catarina.nunes', 'Office Manager Lisbon', 'Finance & HR', 'employee', '2021-02-01', NULL),
	('Kevin Baumann', 'kevin.baumann', 'Payroll and Benefits Specialist', 'Finance & HR', 'employee', '2023-07-01', NULL),
	('Eva Lindner', 'eva.lindner', 'Software Engineer', 'Engineering', 'employee', '2021-01-04', '2025-06-30'),
	('Ricardo Mendes', 'ricardo.mendes', 'Data Engineer', 'Data Science', 'employee', '2022-03-01', '2026-02-27'),
	('Jana Hofmann', 'jana.hofmann', 'Sales Development Representative', 'Sales & Marketing', 'employee', '2023-03-01', '2025-10-15'),
	('Stefan Vogt', 'stefan.vogt', 'DevOps Contractor', 'Platform Operations', 'contractor', '2025-05-01', '2026-04-30')
  ) v(name, email, title, unit, kind, start_date, end_date)
  JOIN isms.org_unit u ON u.org_id = :org_id AND u.name = v.unit;

-- Line managers: the head of each unit; the heads report to the CEO or CTO.
UPDATE isms.person p SET manager_id = m.id
  FROM (VALUES ('Security & Compliance', 'jonas.weber'), ('Platform Operations', 'daniel.krueger'),
			   ('Engineering', 'lukas.fischer'), ('Data Science', 'julia.lange'),
			   ('Customer Success', 'sabine.koch'), ('Sales & Marketing', 'christian.meyer'),
			   ('Finance & HR', 'andrea.schuster')) h(unit, head)
  JOIN isms.org_unit u ON u.org_id = :org_id AND u.name = h.unit
  JOIN isms.person m ON m.org_id = u.org_id AND m.email = h.head || '@kestrel-analytics.example'
 WHERE p.org_id = :org_id AND p.unit_id = u.id AND p.id <> m.id;
UPDATE isms.person p SET manager_id = m.id
  FROM isms.person m
 WHERE p.org_id = :org_id AND m.org_id = p.org_id
   AND m.email = CASE WHEN p.email IN ('daniel.krueger@kestrel-analytics.example',
									   'lukas.fischer@kestrel-analytics.example',
									   'julia.lange@kestrel-analytics.example')
					  THEN 'tobias.brandt@kestrel-analytics.example'
					  ELSE 'katrin.vogel@kestrel-analytics.example' END
   AND p.manager_id IS NULL
   AND p.email <> 'katrin.vogel@kestrel-analytics.example';

INSERT INTO isms.site (org_id, name, kind, address, city, country, owner_id, description)
SELECT :org_id, v.name, v.kind, v.address, v.city, v.country, p.id, v.description
  FROM (VALUES
	('Berlin HQ', 'office', 'Schlesische Straße 27', 'Berlin', 'DE', 'birgit.sommer',
	 'Head office, 3rd floor of a shared building; 40 desks and a server room for the office network'),
	('Lisbon Office', 'office', 'Rua da Boavista 84', 'Lisboa', 'PT', 'catarina.nunes',
	 'Development office, 18 desks'),
	('Frankfurt Colocation', 'data_center', 'Hanauer Landstraße 300', 'Frankfurt am Main', 'DE', 'jan.kowalski',
	 'Locked cage in a colocation data center: backup storage, firewall cluster'),
	('Cloud eu-central-1', 'cloud_region', NULL, 'Frankfurt am Main', 'DE', 'daniel.krueger',
	 'Production and staging of the platform in the cloud provider''s Frankfurt region'),
	('Home offices', 'remote', NULL, NULL, NULL, 'hannah.schulz',
	 'Staff working from home under the remote working policy')
  ) v(name, kind, address, city, country, owner, description)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.owner || '@kestrel-analytics.example';

INSERT INTO isms.role_assignment (org_id, person_id, role, assigned_on, ended_on, appointed_by_id, responsibilities)
SELECT :org_id, p.id, v.role, v.assigned_on::date, v.ended_on::date, a.id, v.responsibilities
  FROM (VALUES
	('katrin.vogel', 'committee_member', '2021-04-01', NULL, 'katrin.vogel', 'Chairs the security committee'),
	('tobias.brandt', 'committee_member', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('miriam.okafor', 'committee_member', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('jonas.weber', 'committee_member', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('sofia.almeida', 'committee_member', '2022-03-01', NULL, 'katrin.vogel', 'Data protection officer (GDPR Art. 37)'),
	('daniel.krueger', 'committee_member', '2023-01-01', NULL, 'katrin.vogel', NULL),
	('jonas.weber', 'security_officer', '2021-04-01', NULL, 'katrin.vogel', 'Runs the ISMS; reports to the CEO quarterly'),
	('lena.hoffmann', 'team_member', '2022-09-01', NULL, 'jonas.weber', 'Vulnerability management, security monitoring'),
	('rui.carvalho', 'team_member', '2024-02-01', NULL, 'jonas.weber', 'Application security, Lisbon'),
	('sofia.almeida', 'team_member', '2022-01-10', NULL, 'jonas.weber', 'Compliance register, supplier assessments'),
	('aylin.demir', 'team_member', '2023-01-01', NULL, 'jonas.weber', 'Security champion, platform operations'),
	('eva.lindner', 'team_member', '2022-01-01', '2025-06-30', 'jonas.weber', 'Security champion, engineering'),
	('maximilian.wagner', 'team_member', '2025-07-01', NULL, 'jonas.weber', 'Security champion, engineering'),
	('tobias.brandt', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('miriam.okafor', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('daniel.krueger', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('lukas.fischer', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('julia.lange', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('sabine.koch', 'risk_owner', '2022-01-01', NULL, 'katrin.vogel', NULL),
	('andrea.schuster', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('sofia.almeida', 'risk_owner', '2022-03-01', NULL, 'katrin.vogel', NULL),
	('jonas.weber', 'risk_owner', '2021-04-01', NULL, 'katrin.vogel', NULL),
	('christian.meyer', 'risk_owner', '2023-01-01', NULL, 'katrin.vogel', NULL),
	('jonas.weber', 'control_owner', '2021-04-01', NULL, 'katrin.vogel', 'Organizational controls'),
	('vanessa.roth', 'control_owner', '2021-04-01', NULL, 'jonas.weber', 'People controls'),
	('birgit.sommer', 'control_owner', '2021-04-01', NULL, 'jonas.weber', 'Physical controls, Berlin'),
	('jan.kowalski', 'control_owner', '2021-04-01', NULL, 'jonas.weber', 'Physical controls, Frankfurt; network controls'),
	('daniel.krueger', 'control_owner', '2021-04-01', NULL, 'jonas.weber', 'Technological controls, platform'),
	('lukas.fischer', 'control_owner', '2021-04-01', NULL, 'jonas.weber', 'Secure development controls'),
	('lena.hoffmann', 'control_owner', '2023-01-01', NULL, 'jonas.weber', 'Vulnerability management, logging, monitoring'),
	('sofia.almeida', 'control_owner', '2022-03-01', NULL, 'jonas.weber', 'Privacy and compliance controls'),
	('thomas.werner', 'auditor', '2022-06-01', NULL, 'katrin.vogel', 'Internal ISMS auditor (ISO/IEC 27001 lead auditor course 2022)'),
	('catarina.nunes', 'auditor', '2025-05-01', NULL, 'katrin.vogel', 'Second internal auditor')
  ) v(person, role, assigned_on, ended_on, appointer, responsibilities)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.person || '@kestrel-analytics.example'
  JOIN isms.person a ON a.org_id = p.org_id AND a.email = v.appointer || '@kestrel-analytics.example';

INSERT INTO isms.process (org_id, name, description, owner_id, unit_id, criticality)
SELECT :org_id, v.name, v.description, p.id, u.id, v.criticality
  FROM (VALUES
	('Customer analytics delivery', 'Runs customer analyses on the platform and delivers reports and dashboards',
	 'tobias.brandt', 'Data Science', 'critical'),
	('Data ingestion', 'Receives, validates and pseudonymizes customer data files', 'julia.lange', 'Data Science', 'critical'),
	('Software development', 'Builds, tests and releases the platform', 'lukas.fischer', 'Engineering', 'high'),
	('Platform operations', 'Operates cloud infrastructure, backups, monitoring', 'daniel.krueger', 'Platform Operations', 'critical'),
	('Customer onboarding and support', 'Sets up customers, answers tickets', 'sabine.koch', 'Customer Success', 'high'),
	('Sales', 'Acquires customers and negotiates contracts', 'christian.meyer', 'Sales & Marketing', 'medium'),
	('People management', 'Hiring, onboarding, payroll, offboarding', 'andrea.schuster', 'Finance & HR', 'medium'),
	('Finance and accounting', 'Bookkeeping, invoicing, annual accounts', 'miriam.okafor', 'Finance & HR', 'medium'),
	('Marketing', 'Website, events, content', 'christian.meyer', 'Sales & Marketing', 'low')
  ) v(name, description, owner, unit, criticality)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.owner || '@kestrel-analytics.example'
  JOIN isms.org_unit u ON u.org_id = p.org_id AND u.name = v.unit;
