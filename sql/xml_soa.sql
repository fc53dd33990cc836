-- The Statement of Applicability as XML (schema test/data/soa.xsd; the
-- test t/xml_real_inputs.py validates it with xmllint).
\set VERBOSITY default
SELECT isms.soa_xml(ARRAY[
	ROW('5.1', 'Policies for information security', 'Organizational controls', true,
		'Required by risks R-1 & R-2.', 'implemented', 'CISO', 'Policy v3, <intranet>/policy', '2025-01-15'),
	ROW('5.7', 'Threat intelligence', 'Organizational controls', true,
		'Risk R-7.', 'planned', NULL, NULL, NULL),
	ROW('7.4', 'Physical security monitoring', 'Physical controls', false,
		'No premises of our own.', NULL, NULL, NULL, NULL)]::isms.soa_entry[],
	'Example Ltd', 'ISO/IEC 27001:2022', '2022', '2025-02-01 10:00:00+00');
-- no entries
SELECT isms.soa_xml('{}'::isms.soa_entry[], 'Example Ltd', 'ISO/IEC 27001:2022', NULL,
					'2025-02-01 10:00:00+00');
-- bad entries
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, NULL, NULL, NULL, NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, true, NULL, 'done', NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml(ARRAY[ROW('5.1', 'Policies', NULL, true, NULL, NULL, NULL, NULL, NULL),
						  ROW('5.1', 'Again', NULL, true, NULL, NULL, NULL, NULL, NULL)]::isms.soa_entry[],
					'Example Ltd', 'ISO/IEC 27001:2022');
SELECT isms.soa_xml('{}'::isms.soa_entry[], ' ', 'ISO/IEC 27001:2022');
