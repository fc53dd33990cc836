\i sql/fixtures/begin.sql
\i sql/fixtures/register.sql
-- Assets (component 4) and their dependencies; threats and vulnerabilities
-- (risk identification).
BEGIN;
SELECT FROM register_test.fixture();

-- asset
SELECT register_test.base('asset', jsonb_build_object('ident', 'AST-9', 'name', 'Database', 'kind', 'software',
	'owner_id', register_test.id('person_a'), 'custodian_id', register_test.id('person2_a'),
	'unit_id', register_test.id('unit_a'), 'site_id', register_test.id('site_a'), 'classification', 'restricted',
	'confidentiality', 'severe', 'integrity', '4', 'availability', '3/5', 'value_amount', 250000,
	'status', 'in_use', 'acquired_on', '2024-01-01', 'hostname', 'db-01', 'fqdn', 'db-01.example.com',
	'ip_address', '10.0.0.5', 'mac_address', '00:11:22:33:44:55', 'external_id', 'cmdb-17'));
SELECT t.what, register_test.ins('asset', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid retired', '{"status": "retired", "retired_on": "2026-01-01"}'),
	('valid IPv6 address', '{"ip_address": "2001:db8::5"}'),
	('no such organization', '{"org_id": -1}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": " "}'),
	('name taken', '{"name": "Asset one"}'),
	('blank identifier', '{"ident": ""}'),
	('unknown kind', '{"kind": "magic"}'),
	('owner of another organization', jsonb_build_object('owner_id', register_test.id('person_b'))),
	('custodian of another organization', jsonb_build_object('custodian_id', register_test.id('person_b'))),
	('unit of another organization', jsonb_build_object('unit_id', register_test.id('unit_b'))),
	('site of another organization', jsonb_build_object('site_id', register_test.id('site_b'))),
	('unknown classification', '{"classification": "secret"}'),
	('no classification', '{"classification": null}'),
	('valid on a 3-level scale', '{"confidentiality": "3/3", "integrity": "high", "availability": "1/3"}'),
	('confidentiality beyond the default scale', '{"confidentiality": "6"}'),
	('integrity beyond the default scale', '{"integrity": "7"}'),
	('availability beyond the default scale', '{"availability": "10"}'),
	('confidentiality beyond its own scale', '{"confidentiality": "4/3"}'),
	('integrity not a level', '{"integrity": "very high"}'),
	('negative value', '{"value_amount": -1}'),
	('unknown status', '{"status": "lost"}'),
	('retired without date', '{"status": "disposed"}'),
	('retired before acquired', '{"retired_on": "2023-12-31"}'),
	('host name with a space', '{"hostname": "db 01"}'),
	('domain name with a slash', '{"fqdn": "db-01.example.com/x"}'),
	('not an IP address', '{"ip_address": "192.168.1.1001"}'),
	('not a MAC address', '{"mac_address": "00:11:22"}')
  ) t(what, change);
SELECT register_test.try(register_test.insert_sql('asset', '{}'));
SELECT register_test.ins('asset', '{"name": "Database two"}') AS identifier_taken;
SELECT name, confidentiality, integrity, availability, ip_address FROM isms.asset WHERE ident = 'AST-9';

-- asset_dependency
SELECT register_test.base('asset_dependency', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'depends_on_id', register_test.id('asset2_a'), 'kind', 'runs_on'));
SELECT t.what, register_test.ins('asset_dependency', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no such organization', '{"org_id": -1}'),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('depends on an asset of another organization', jsonb_build_object('depends_on_id', register_test.id('asset_b'))),
	('depends on itself', jsonb_build_object('depends_on_id', register_test.id('asset_a'))),
	('unknown kind', '{"kind": "likes"}')
  ) t(what, change);
-- no cycles: one -> two -> three -> one is refused
SELECT register_test.try(register_test.insert_sql('asset_dependency', '{}'));
SELECT register_test.ins('asset_dependency', '{}') AS listed_twice;
SELECT register_test.try(register_test.insert_sql('asset_dependency', jsonb_build_object(
	'asset_id', register_test.id('asset2_a'), 'depends_on_id', register_test.id('asset3_a'))));
SELECT register_test.ins('asset_dependency', jsonb_build_object(
	'asset_id', register_test.id('asset3_a'), 'depends_on_id', register_test.id('asset_a'))) AS closing_a_cycle;
SELECT register_test.ins('asset_dependency', jsonb_build_object(
	'asset_id', register_test.id('asset3_a'), 'depends_on_id', register_test.id('asset2_a'))) AS closing_a_short_cycle;
SELECT register_test.probe(format('UPDATE isms.asset_dependency SET depends_on_id = %s WHERE asset_id = %s',
	register_test.id('asset_a'), register_test.id('asset2_a'))) AS cycle_by_update;
SELECT register_test.ins('asset_dependency', jsonb_build_object(
	'asset_id', register_test.id('asset_a'), 'depends_on_id', register_test.id('asset3_a'))) AS shortcut_is_no_cycle;
-- A hostile search_path changes nothing: the trigger functions name what
-- they use.  Here "=" on bigint is never true and now() is in the past.
CREATE SCHEMA register_evil;
CREATE FUNCTION register_evil.never(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR register_evil.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = register_evil.never);
CREATE FUNCTION register_evil.now() RETURNS timestamptz LANGUAGE sql AS $$SELECT '2000-01-01'::timestamptz$$;
SET LOCAL search_path = register_evil, pg_catalog, public;
SELECT register_test.ins('asset_dependency', jsonb_build_object(
	'asset_id', register_test.id('asset3_a'), 'depends_on_id', register_test.id('asset_a'))) AS cycle_with_hostile_path;
UPDATE isms.asset SET description = 'touched', updated_at = '1999-01-01' WHERE id OPERATOR(pg_catalog.=) register_test.id('asset_a');
SELECT updated_at OPERATOR(pg_catalog.=) pg_catalog.now() AS updated_now
  FROM isms.asset WHERE id OPERATOR(pg_catalog.=) register_test.id('asset_a');
RESET search_path;

-- threat: a catalog shared by all organizations
SELECT register_test.base('threat', '{"ident": "X-01", "name": "Ransomware", "category": "Unauthorised actions",
	"origins": ["deliberate"]}');
SELECT t.what, register_test.ins('threat', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('no identifier', '{"ident": null}'),
	('blank identifier', '{"ident": " "}'),
	('identifier taken', '{"ident": "PD-01"}'),
	('no name', '{"name": null}'),
	('blank name', '{"name": ""}'),
	('name taken', '{"name": "Fire"}'),
	('no category', '{"category": null}'),
	('blank category', '{"category": ""}'),
	('no origin', '{"origins": []}'),
	('unknown origin', '{"origins": ["deliberate", "supernatural"]}'),
	('origins missing', '{"origins": null}')
  ) t(what, change);

-- vulnerability
SELECT register_test.base('vulnerability', jsonb_build_object('asset_id', register_test.id('asset_a'),
	'title', 'OpenSSH race', 'source', 'scanner', 'scanner', 'nessus', 'plugin_id', '201194',
	'cve_ids', jsonb_build_array('CVE-2024-6387', 'CVE-2023-38408'), 'port', 22, 'protocol', 'tcp',
	'severity', 'high', 'cvss_vector', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_score', 8.1,
	'status', 'fixed', 'first_seen', '2026-01-01 00:00+00', 'last_seen', '2026-01-08 00:00+00',
	'due_on', '2026-01-15', 'resolved_at', '2026-01-09 00:00+00'));
SELECT t.what, register_test.ins('vulnerability', t.change)
  FROM (VALUES
	('valid', '{}'::jsonb),
	('valid without CVE', '{"cve_ids": []}'),
	('no such organization', '{"org_id": -1}'),
	('asset of another organization', jsonb_build_object('asset_id', register_test.id('asset_b'))),
	('no title', '{"title": null}'),
	('blank title', '{"title": " "}'),
	('unknown source', '{"source": "rumour"}'),
	('malformed CVE id', '{"cve_ids": ["CVE-2024-6387", "cve-2024-1"]}'),
	('CVE id with text around it', '{"cve_ids": ["see CVE-2024-6387"]}'),
	('null CVE id', '{"cve_ids": ["CVE-2024-6387", null]}'),
	('no CVE list', '{"cve_ids": null}'),
	('port above 65535', '{"port": 65536}'),
	('negative port', '{"port": -1}'),
	('unknown severity', '{"severity": "urgent"}'),
	('CVSS score above 10', '{"cvss_score": 10.1}'),
	('negative CVSS score', '{"cvss_score": -0.1}'),
	('unknown status', '{"status": "gone"}'),
	('last seen before first seen', '{"last_seen": "2025-12-31 00:00+00"}'),
	('resolved before first seen', '{"resolved_at": "2025-12-31 00:00+00"}')
  ) t(what, change);
ROLLBACK;
\i sql/fixtures/end.sql
