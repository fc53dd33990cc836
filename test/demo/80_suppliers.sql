-- Demo organization, part 9: suppliers (component 11): services, security
-- requirements, assessments and training.
\set ON_ERROR_STOP on
SELECT set_config('isms.org_id', id::text, false) AS org_id
  FROM isms.organization WHERE name = 'Kestrel Analytics' \gset

INSERT INTO isms.supplier (org_id, name, kind, criticality, status, processes_personal_data, country, contact_name, contact_email,
						   owner_id, contract_start, contract_end, certifications, description)
SELECT :org_id, v.name, v.kind, v.criticality, v.status, v.personal_data, v.country, v.contact, v.email, p.id,
	   v.contract_start::date, v.contract_end::date, v.certs::text[], v.description
  FROM (VALUES
	('Nimbus Cloud Services', 'cloud', 'critical', 'active', true, 'IE', 'Security desk', 'security@nimbus-cloud.example',
	 'daniel.krueger', '2020-05-01', NULL, '{ISO/IEC 27001,ISO/IEC 27017,ISO/IEC 27018,SOC 2 Type II,C5}', 'Cloud hosting of production and staging'),
	('FraData Colocation GmbH', 'facilities', 'high', 'active', false, 'DE', 'NOC', 'noc@fradata.example',
	 'jan.kowalski', '2022-02-01', '2027-01-31', '{ISO/IEC 27001,EN 50600}', 'Colocation cage in Frankfurt'),
	('Codehaven', 'software', 'high', 'active', false, 'US', 'Trust team', 'trust@codehaven.example',
	 'lukas.fischer', '2019-05-01', NULL, '{SOC 2 Type II}', 'Source code hosting and CI runners'),
	('Workplace Suite Ltd', 'cloud', 'high', 'active', true, 'IE', 'Account security', 'security@workplacesuite.example',
	 'miriam.okafor', '2019-03-01', NULL, '{ISO/IEC 27001,SOC 2 Type II}', 'E-mail, documents, chat, identity provider'),
	('PeopleFlow HR', 'cloud', 'medium', 'active', true, 'DE', 'DPO', 'dpo@peopleflow.example',
	 'andrea.schuster', '2021-01-01', NULL, '{ISO/IEC 27001}', 'HR system'),
	('ClearPay Payroll', 'outsourcing', 'medium', 'active', true, 'DE', 'Client services', 'service@clearpay.example',
	 'andrea.schuster', '2019-09-01', NULL, '{}', 'Payroll processing'),
	('EdgeShield CDN', 'cloud', 'high', 'active', false, 'NL', 'SOC', 'soc@edgeshield.example',
	 'daniel.krueger', '2022-04-01', '2027-03-31', '{ISO/IEC 27001,PCI DSS}', 'CDN, web application firewall, DDoS protection'),
	('Sentinel Monitoring', 'cloud', 'medium', 'active', true, 'FR', 'Security', 'security@sentinel-monitoring.example',
	 'lena.hoffmann', '2021-06-01', NULL, '{SOC 2 Type II}', 'Log and metrics SaaS (EU region)'),
	('Lusitania IT Consultores', 'professional_services', 'medium', 'active', false, 'PT', 'Ana Duarte', 'ana.duarte@lusitania-it.example',
	 'jonas.weber', '2025-04-01', '2027-03-31', '{CREST}', 'Penetration tests and security reviews'),
	('Secura Shred GmbH', 'facilities', 'low', 'active', false, 'DE', 'Dispatch', 'dispatch@securashred.example',
	 'birgit.sommer', '2020-01-01', NULL, '{DIN 66399}', 'Shredding of paper and destruction of media'),
	('NordNet Telecom', 'telecom', 'medium', 'active', false, 'DE', 'Business support', 'business@nordnet.example',
	 'jan.kowalski', '2019-04-01', NULL, '{}', 'Office internet lines'),
	('TicketDesk', 'cloud', 'medium', 'terminated', true, 'US', 'Support', 'support@ticketdesk.example',
	 'sabine.koch', '2020-05-01', '2024-12-31', '{SOC 2 Type I}', 'Former support ticketing system, replaced in 2024')
  ) v(name, kind, criticality, status, personal_data, country, contact, email, owner, contract_start, contract_end,
	  certs, description)
  JOIN isms.person p ON p.org_id = :org_id AND p.email = v.owner || '@kestrel-analytics.example'
 ORDER BY v.name;

INSERT INTO isms.supplier_service (org_id, supplier_id, name, asset_id, data_classification, start_on)
SELECT :org_id, s.id, v.service, a.id, v.classification, s.contract_start
  FROM (VALUES
	('Nimbus Cloud Services', 'Managed Kubernetes', 'AST-003', 'restricted'),
	('Nimbus Cloud Services', 'Object storage', 'AST-005', 'restricted'),
	('Nimbus Cloud Services', 'Key management service', NULL, 'restricted'),
	('FraData Colocation GmbH', 'Colocation cage and power', 'AST-019', 'restricted'),
	('Codehaven', 'Git hosting', 'AST-006', 'confidential'),
	('Codehaven', 'Hosted CI runners', 'AST-007', 'confidential'),
	('Workplace Suite Ltd', 'E-mail and documents', 'AST-009', 'confidential'),
	('Workplace Suite Ltd', 'Identity provider', 'AST-008', 'confidential'),
	('PeopleFlow HR', 'HR system', 'AST-010', 'restricted'),
	('ClearPay Payroll', 'Payroll service', 'AST-011', 'restricted'),
	('EdgeShield CDN', 'CDN and WAF', 'AST-026', 'confidential'),
	('EdgeShield CDN', 'Website hosting', 'AST-025', 'public'),
	('Sentinel Monitoring', 'Log management', 'AST-021', 'confidential'),
	('Lusitania IT Consultores', 'Penetration testing', NULL, 'confidential'),
	('Secura Shred GmbH', 'Media destruction', NULL, 'restricted'),
	('NordNet Telecom', 'Office internet', 'AST-016', 'internal'),
	('TicketDesk', 'Support ticketing', NULL, 'confidential')
  ) v(supplier, service, asset, classification)
  JOIN isms.supplier s ON s.org_id = :org_id AND s.name = v.supplier
  LEFT JOIN isms.asset a ON a.org_id = s.org_id AND a.ident = v.asset;
UPDATE isms.supplier_service SET end_on = '2024-12-31' WHERE org_id = :org_id AND name = 'Support ticketing';

INSERT INTO isms.supplier_requirement (org_id, supplier_id, requirement, contract_clause, control_id, status, verified_on)
SELECT :org_id, s.id, v.requirement, v.clause, c.id, v.status, v.verified_on::date
  FROM (VALUES
	('Nimbus Cloud Services', 'Data stays in EU regions', 'DPA Annex 2', 'A.5.23', 'met', '2026-02-10'),
	('Nimbus Cloud Services', 'Breach notification within 24 hours', 'DPA 8.1', 'A.5.20', 'met', '2026-02-10'),
	('Nimbus Cloud Services', 'Yearly ISO/IEC 27001 and SOC 2 reports', 'MSA 14', 'A.5.22', 'met', '2026-02-10'),
	('FraData Colocation GmbH', 'Access to the cage only for listed persons', 'SLA 5.2', 'A.7.2', 'met', '2026-05-11'),
	('FraData Colocation GmbH', 'Power availability 99.999 %', 'SLA 3.1', 'A.7.11', 'met', '2026-05-11'),
	('Codehaven', 'SSO and MFA enforced for the organization', 'Admin settings', 'A.8.5', 'met', '2026-03-01'),
	('Workplace Suite Ltd', 'EU data boundary', 'DPA 3', 'A.5.23', 'met', '2026-01-20'),
	('PeopleFlow HR', 'Deletion of personnel data 6 months after exit', 'DPA 9', 'A.8.10', 'not_met', '2026-06-30'),
	('ClearPay Payroll', 'Yearly evidence of security controls', 'Contract 11', 'A.5.22', 'agreed', NULL),
	('ClearPay Payroll', 'Breach notification within 48 hours', 'DPA 7', 'A.5.20', 'agreed', NULL),
	('EdgeShield CDN', 'DDoS mitigation within 10 seconds', 'SLA 7', 'A.8.20', 'met', '2026-06-01'),
	('Sentinel Monitoring', 'Log data hosted in the EU', 'DPA 2', 'A.5.23', 'met', '2026-04-15'),
	('Lusitania IT Consultores', 'Testers sign an NDA and follow the rules of engagement', 'SOW 4', 'A.6.6', 'met', '2026-05-05'),
	('Secura Shred GmbH', 'Certificate of destruction for every batch', 'Contract 3', 'A.7.14', 'met', '2026-07-01')
  ) v(supplier, requirement, clause, control, status, verified_on)
  JOIN isms.supplier s ON s.org_id = :org_id AND s.name = v.supplier
  JOIN isms.framework f ON f.name = 'iso27001-2022'
  JOIN isms.control c ON c.framework_id = f.id AND c.ident = v.control;

INSERT INTO isms.supplier_assessment (org_id, supplier_id, kind, performed_on, assessor_id, result, score, findings, next_due)
SELECT :org_id, s.id, v.kind, v.performed_on::date, p.id, v.result, v.score, v.findings, v.next_due::date
  FROM (VALUES
	('Nimbus Cloud Services', 'certificate_review', '2025-02-12', 'sofia.almeida', 'satisfactory', 92, NULL, '2026-02-12'),
	('Nimbus Cloud Services', 'certificate_review', '2026-02-10', 'sofia.almeida', 'satisfactory', 94, NULL, '2027-02-10'),
	('FraData Colocation GmbH', 'onsite_audit', '2025-05-12', 'jan.kowalski', 'satisfactory', 88, NULL, '2026-05-12'),
	('FraData Colocation GmbH', 'onsite_audit', '2026-05-11', 'jan.kowalski', 'satisfactory', 90, NULL, '2027-05-11'),
	('Codehaven', 'questionnaire', '2025-03-03', 'sofia.almeida', 'satisfactory', 85, NULL, '2027-03-03'),
	('Workplace Suite Ltd', 'certificate_review', '2026-01-20', 'sofia.almeida', 'satisfactory', 90, NULL, '2027-01-20'),
	('PeopleFlow HR', 'questionnaire', '2026-06-30', 'sofia.almeida', 'conditional', 68,
	 'Deletion of leavers'' data not automated; supplier committed to a fix by Q1 2027', '2027-03-31'),
	('ClearPay Payroll', 'document_review', '2025-09-15', 'sofia.almeida', 'unsatisfactory', 45,
	 'No certification, no penetration test in three years, vague breach notification clause', '2026-03-15'),
	('EdgeShield CDN', 'certificate_review', '2025-04-02', 'sofia.almeida', 'satisfactory', 91, NULL, '2026-04-02'),
	('EdgeShield CDN', 'certificate_review', '2026-04-08', 'sofia.almeida', 'satisfactory', 91, NULL, '2027-04-08'),
	('Sentinel Monitoring', 'questionnaire', '2026-04-15', 'lena.hoffmann', 'satisfactory', 82, NULL, '2028-04-15'),
	('Lusitania IT Consultores', 'document_review', '2025-03-20', 'jonas.weber', 'satisfactory', 87, NULL, '2027-03-20')
  ) v(supplier, kind, performed_on, assessor, result, score, findings, next_due)
  JOIN isms.supplier s ON s.org_id = :org_id AND s.name = v.supplier
  JOIN isms.person p ON p.org_id = s.org_id AND p.email = v.assessor || '@kestrel-analytics.example';

INSERT INTO isms.supplier_training (org_id, supplier_id, course_id, delivered_on, participants, notes)
SELECT :org_id, s.id, c.id, v.delivered_on::date, v.participants, v.notes
  FROM (VALUES
	('Lusitania IT Consultores', 'Security awareness', '2025-04-10', 3, 'Before the first penetration test'),
	('Secura Shred GmbH', 'Security awareness', '2025-06-02', 2, 'Drivers collecting media'),
	('ClearPay Payroll', 'Security awareness', '2026-02-18', 4, 'Payroll clerks handling Kestrel data')
  ) v(supplier, course, delivered_on, participants, notes)
  JOIN isms.supplier s ON s.org_id = :org_id AND s.name = v.supplier
  JOIN isms.training_course c ON c.org_id = s.org_id AND c.title = v.course;
