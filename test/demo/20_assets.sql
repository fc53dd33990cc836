-- Demo organization, part 2: the asset inventory (component 4) and the
-- dependencies between assets.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.asset (org_id, ident, name, kind, description, owner_id, custodian_id, unit_id, site_id,
						classification, confidentiality, integrity, availability, value_amount,
						status, acquired_on, hostname, fqdn, ip_address, operating_system)
SELECT :org_id, v.ident, v.name, v.kind, v.description, o.id, c.id, u.id, s.id, v.classification,
	   v.c::isms.impact, v.i::isms.impact, v.a::isms.impact, v.value_amount,
	   'in_use', v.acquired_on::date, v.hostname, v.fqdn, v.ip::inet, v.os
  FROM (VALUES
	('AST-001', 'Customer health datasets', 'information', 'Pseudonymized clinical and claims data received from customers',
	 'julia.lange', 'niklas.zimmermann', 'Data Science', 'Cloud eu-central-1', 'restricted', 5, 5, 3, 2500000.00, '2020-06-01', NULL, NULL, NULL, NULL),
	('AST-002', 'Kestrel Insight platform', 'service', 'The analytics service customers use',
	 'tobias.brandt', 'daniel.krueger', 'Platform Operations', 'Cloud eu-central-1', 'confidential', 4, 5, 4, 1800000.00, '2020-06-01', NULL, 'insight.kestrel-analytics.example', NULL, NULL),
	('AST-003', 'Production Kubernetes cluster', 'cloud_service', 'Managed Kubernetes running the platform services',
	 'daniel.krueger', 'aylin.demir', 'Platform Operations', 'Cloud eu-central-1', 'confidential', 4, 4, 5, 250000.00, '2021-02-01', 'k8s-prod', 'k8s-prod.internal.kestrel-analytics.example', '10.20.0.10', NULL),
	('AST-004', 'Production PostgreSQL cluster', 'software', 'Primary and two replicas holding customer data and results',
	 'daniel.krueger', 'pedro.santos', 'Platform Operations', 'Cloud eu-central-1', 'restricted', 5, 5, 4, 300000.00, '2020-06-01', 'db-prod-01', 'db-prod-01.internal.kestrel-analytics.example', '10.20.1.11', 'Debian 12'),
	('AST-005', 'Data lake object storage', 'cloud_service', 'Object storage for raw and processed data files',
	 'julia.lange', 'marco.rossi', 'Data Science', 'Cloud eu-central-1', 'restricted', 5, 4, 3, 150000.00, '2021-05-01', NULL, NULL, NULL, NULL),
	('AST-006', 'Source code repositories', 'information', 'Platform source code and infrastructure as code',
	 'lukas.fischer', 'maximilian.wagner', 'Engineering', NULL, 'confidential', 4, 5, 3, 900000.00, '2019-05-01', NULL, NULL, NULL, NULL),
	('AST-007', 'CI/CD pipeline', 'service', 'Builds, tests and deploys the platform',
	 'lukas.fischer', 'felix.neumann', 'Engineering', 'Cloud eu-central-1', 'confidential', 3, 5, 3, 60000.00, '2020-01-01', 'ci-runner-01', NULL, '10.20.4.21', 'Ubuntu 24.04'),
	('AST-008', 'Identity provider (SSO)', 'cloud_service', 'Single sign-on and MFA for all staff applications',
	 'jonas.weber', 'hannah.schulz', 'Platform Operations', NULL, 'confidential', 4, 5, 4, 40000.00, '2021-09-01', NULL, NULL, NULL, NULL),
	('AST-009', 'E-mail and collaboration suite', 'cloud_service', 'E-mail, calendars, documents, chat',
	 'miriam.okafor', 'hannah.schulz', 'Platform Operations', NULL, 'confidential', 4, 3, 3, 30000.00, '2019-03-01', NULL, NULL, NULL, NULL),
	('AST-010', 'HR system', 'cloud_service', 'Personnel files, absences, applicant tracking',
	 'andrea.schuster', 'vanessa.roth', 'Finance & HR', NULL, 'restricted', 5, 4, 2, 20000.00, '2021-01-01', NULL, NULL, NULL, NULL),
	('AST-011', 'Payroll data', 'information', 'Salaries, bank details, tax and social security data',
	 'andrea.schuster', 'kevin.baumann', 'Finance & HR', NULL, 'restricted', 5, 5, 2, 50000.00, '2019-09-01', NULL, NULL, NULL, NULL),
	('AST-012', 'Accounting system', 'software', 'Bookkeeping and invoicing',
	 'miriam.okafor', 'thomas.werner', 'Finance & HR', NULL, 'confidential', 3, 5, 2, 25000.00, '2019-09-01', NULL, NULL, NULL, NULL),
	('AST-013', 'CRM', 'cloud_service', 'Customer and prospect contacts, opportunities',
	 'christian.meyer', 'olivia.frank', 'Sales & Marketing', NULL, 'confidential', 3, 3, 2, 35000.00, '2020-09-01', NULL, NULL, NULL, NULL),
	('AST-014', 'Customer contracts', 'information', 'Contracts and data processing agreements with customers',
	 'miriam.okafor', 'sofia.almeida', 'Management', 'Berlin HQ', 'confidential', 4, 4, 2, 100000.00, '2019-03-01', NULL, NULL, NULL, NULL),
	('AST-015', 'Employee laptops', 'hardware', 'About 65 managed laptops with full-disk encryption',
	 'daniel.krueger', 'hannah.schulz', 'Platform Operations', 'Home offices', 'confidential', 4, 3, 3, 110000.00, '2019-03-01', NULL, NULL, NULL, NULL),
	('AST-016', 'Berlin office network', 'network', 'Office LAN and Wi-Fi, separate guest network',
	 'jan.kowalski', 'jan.kowalski', 'Platform Operations', 'Berlin HQ', 'internal', 2, 3, 3, 30000.00, '2019-04-01', 'fw-ber-01', NULL, '192.168.10.1', NULL),
	('AST-017', 'Lisbon office network', 'network', 'Office LAN and Wi-Fi',
	 'jan.kowalski', 'catarina.nunes', 'Platform Operations', 'Lisbon Office', 'internal', 2, 3, 3, 15000.00, '2021-02-01', 'fw-lis-01', NULL, '192.168.20.1', NULL),
	('AST-018', 'VPN gateway', 'hardware', 'Remote access gateway for administrators',
	 'jan.kowalski', 'jan.kowalski', 'Platform Operations', 'Frankfurt Colocation', 'internal', 4, 4, 4, 18000.00, '2022-03-01', 'vpn-gw-01', 'vpn.kestrel-analytics.example', '203.0.113.10', 'Vendor OS 10.2'),
	('AST-019', 'Backup storage', 'hardware', 'Encrypted, immutable backup copies of production data',
	 'daniel.krueger', 'jan.kowalski', 'Platform Operations', 'Frankfurt Colocation', 'restricted', 5, 5, 3, 80000.00, '2022-03-01', 'bkp-fra-01', NULL, '10.30.0.20', 'Debian 12'),
	('AST-020', 'Colocation firewall cluster', 'hardware', 'Two firewalls protecting the colocation cage',
	 'jan.kowalski', 'jan.kowalski', 'Platform Operations', 'Frankfurt Colocation', 'internal', 3, 4, 4, 24000.00, '2022-03-01', 'fw-fra-01', NULL, '203.0.113.1', NULL),
	('AST-021', 'Monitoring and logging stack', 'software', 'Metrics, logs, alerting, security event monitoring',
	 'lena.hoffmann', 'felix.neumann', 'Security & Compliance', 'Cloud eu-central-1', 'confidential', 3, 4, 3, 45000.00, '2021-06-01', 'log-01', NULL, '10.20.5.31', 'Debian 12'),
	('AST-022', 'Secrets vault', 'software', 'Stores service credentials and encryption keys',
	 'jonas.weber', 'aylin.demir', 'Platform Operations', 'Cloud eu-central-1', 'restricted', 5, 5, 4, 20000.00, '2022-01-01', 'vault-01', NULL, '10.20.1.50', 'Debian 12'),
	('AST-023', 'ML model registry', 'software', 'Trained models and their training metadata',
	 'julia.lange', 'samuel.okoye', 'Data Science', 'Cloud eu-central-1', 'confidential', 4, 4, 2, 400000.00, '2023-01-01', NULL, NULL, NULL, NULL),
	('AST-024', 'Support ticketing system', 'cloud_service', 'Customer tickets, sometimes with screenshots of data',
	 'sabine.koch', 'elias.krause', 'Customer Success', NULL, 'confidential', 4, 3, 3, 15000.00, '2020-05-01', NULL, NULL, NULL, NULL),
	('AST-025', 'Public website', 'service', 'Marketing website and blog',
	 'christian.meyer', 'patricia.silva', 'Sales & Marketing', NULL, 'public', 1, 3, 2, 20000.00, '2019-06-01', 'www', 'www.kestrel-analytics.example', '198.51.100.20', NULL),
	('AST-026', 'API gateway', 'software', 'Entry point of the customer API',
	 'lukas.fischer', 'tiago.oliveira', 'Engineering', 'Cloud eu-central-1', 'confidential', 4, 4, 5, 30000.00, '2022-04-01', 'api-gw', 'api.kestrel-analytics.example', '198.51.100.30', NULL),
	('AST-027', 'Staging environment', 'cloud_service', 'Pre-production copy of the platform with synthetic data',
	 'lukas.fischer', 'felix.neumann', 'Engineering', 'Cloud eu-central-1', 'internal', 2, 2, 2, 40000.00, '2021-02-01', 'k8s-staging', NULL, '10.21.0.10', NULL),
	('AST-028', 'Data science know-how', 'people', 'Knowledge of the models held by a few senior data scientists',
	 'julia.lange', NULL, 'Data Science', NULL, 'confidential', 3, 3, 4, 600000.00, '2020-03-01', NULL, NULL, NULL, NULL),
	('AST-029', 'Company reputation', 'intangible', 'Trust of hospitals and insurers in Kestrel',
	 'katrin.vogel', NULL, 'Management', NULL, 'internal', 3, 3, 3, 5000000.00, '2019-03-01', NULL, NULL, NULL, NULL),
	('AST-030', 'Bastion host', 'hardware', 'Jump host for administrative access to production',
	 'daniel.krueger', 'aylin.demir', 'Platform Operations', 'Cloud eu-central-1', 'internal', 4, 4, 3, 5000.00, '2022-01-01', 'bastion-01', 'bastion.internal.kestrel-analytics.example', '10.20.9.5', 'Debian 12'),
	('AST-031', 'Berlin office server room', 'facility', 'Small room with the office switches and a print server',
	 'birgit.sommer', 'jan.kowalski', 'Finance & HR', 'Berlin HQ', 'internal', 2, 2, 2, 12000.00, '2019-04-01', NULL, NULL, NULL, NULL)
  ) v(ident, name, kind, description, owner, custodian, unit, site, classification, c, i, a, value_amount,
	  acquired_on, hostname, fqdn, ip, os)
  LEFT JOIN isms.person o ON o.org_id = :org_id AND o.email = v.owner || '@kestrel-analytics.example'
  LEFT JOIN isms.person c ON c.org_id = :org_id AND c.email = v.custodian || '@kestrel-analytics.example'
  LEFT JOIN isms.org_unit u ON u.org_id = :org_id AND u.name = v.unit
  LEFT JOIN isms.site s ON s.org_id = :org_id AND s.name = v.site
 ORDER BY v.ident;

-- A retired asset: the FTP server the old data ingestion used.
INSERT INTO isms.asset (org_id, ident, name, kind, description, owner_id, site_id, classification,
						confidentiality, integrity, availability, status, acquired_on, retired_on, hostname, ip_address)
SELECT :org_id, 'AST-032', 'Legacy FTP ingestion server', 'hardware', 'Received customer files over FTPS until 2025',
	   p.id, s.id, 'restricted', '5', '4', '2', 'retired', '2020-06-01', '2025-05-31', 'ftp-01', '203.0.113.25'
  FROM isms.person p
  JOIN isms.site s ON s.org_id = p.org_id AND s.name = 'Frankfurt Colocation'
 WHERE p.org_id = :org_id AND p.email = 'daniel.krueger@kestrel-analytics.example';

INSERT INTO isms.asset_dependency (org_id, asset_id, depends_on_id, kind)
SELECT :org_id, a.id, b.id, v.kind
  FROM (VALUES
	('AST-002', 'AST-003', 'runs_on'),
	('AST-002', 'AST-004', 'stores_data_in'),
	('AST-002', 'AST-005', 'stores_data_in'),
	('AST-002', 'AST-026', 'requires'),
	('AST-002', 'AST-023', 'requires'),
	('AST-001', 'AST-005', 'stores_data_in'),
	('AST-001', 'AST-004', 'stores_data_in'),
	('AST-004', 'AST-019', 'requires'),
	('AST-005', 'AST-019', 'requires'),
	('AST-003', 'AST-022', 'requires'),
	('AST-003', 'AST-021', 'requires'),
	('AST-007', 'AST-006', 'requires'),
	('AST-007', 'AST-003', 'connects_to'),
	('AST-026', 'AST-003', 'runs_on'),
	('AST-023', 'AST-005', 'stores_data_in'),
	('AST-030', 'AST-008', 'requires'),
	('AST-018', 'AST-008', 'requires'),
	('AST-019', 'AST-020', 'requires'),
	('AST-010', 'AST-008', 'requires'),
	('AST-009', 'AST-008', 'requires'),
	('AST-024', 'AST-008', 'requires'),
	('AST-013', 'AST-008', 'requires'),
	('AST-011', 'AST-010', 'stores_data_in')
  ) v(a, b, kind)
  JOIN isms.asset a ON a.org_id = :org_id AND a.ident = v.a
  JOIN isms.asset b ON b.org_id = a.org_id AND b.ident = v.b;

-- OCTAVE Allegro impact areas, ranked (5 = most important).
INSERT INTO isms.octave_impact_area (name, priority, description) VALUES
	('reputation_and_customer_confidence', 5, 'Loss of hospital or insurer customers, press coverage'),
	('fines_and_legal_penalties', 4, 'GDPR fines, contract penalties, litigation'),
	('financial', 3, 'Direct costs, lost revenue'),
	('productivity', 2, 'Hours lost by staff and customers'),
	('safety_and_health', 1, 'Harm to patients from wrong or late analyses');
