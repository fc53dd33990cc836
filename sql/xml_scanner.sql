\i sql/fixtures/begin.sql
-- Scanner reports: Nessus v2 and Greenbone/OpenVAS GMP, into the register's
-- asset and vulnerability tables.  Fixtures: test/data/nessus_sample.nessus
-- and test/data/openvas_sample.xml.
\set VERBOSITY default
SET TimeZone = 'UTC';
\set nessus `cat test/data/nessus_sample.nessus`
\set openvas `cat test/data/openvas_sample.xml`
-- the xml_* tests work in an organization of their own
INSERT INTO isms.organization (name) VALUES ('XML tests')
	ON CONFLICT ON CONSTRAINT organization_name_unique DO NOTHING;
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';
CREATE VIEW pg_temp.findings AS
SELECT a.name AS asset, v.*
  FROM isms.vulnerability v JOIN isms.asset a ON a.id = v.asset_id
 WHERE v.org_id = isms.current_org();
CREATE VIEW pg_temp.assets AS
SELECT * FROM isms.asset WHERE org_id = isms.current_org();

-- an asset the register already has, known by its address only
INSERT INTO isms.asset (name, ip_address) VALUES ('Web server', '10.0.0.5');

-- hosts in the report, report items read, vulnerabilities created or updated;
-- informational items (severity 0) are read but not stored.  The vector of
-- 41028 is incomplete: a WARNING, no vector, the scanner's score.
SELECT * FROM isms.import_nessus(:'nessus');
SELECT name, hostname, fqdn, ip_address, kind, status FROM pg_temp.assets ORDER BY id;
SELECT asset, scanner, plugin_id, port, protocol, title, severity, source, cve_ids,
	   first_seen, last_seen, status
  FROM pg_temp.findings ORDER BY plugin_id;
-- the score is the extension's own score of the vector (isms.cvss_score),
-- the scanner's where no vector is stored; 104743 has both a v4.0 and a v3.1
-- vector: v4.0 is kept
SELECT plugin_id, cvss_vector, cvss_score, cvss_score = isms.cvss_score(cvss_vector) AS own_score
  FROM pg_temp.findings ORDER BY plugin_id;
SELECT plugin_id, description, solution, evidence FROM pg_temp.findings
 WHERE plugin_id = '51192';

-- importing again updates, never duplicates; status set by people stays
UPDATE isms.vulnerability SET status = 'in_progress', cvss_score = 1.0 WHERE plugin_id = '51192';
SELECT * FROM isms.import_nessus(:'nessus');
SELECT count(*) AS vulnerabilities, count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
	   max(cvss_score) FILTER (WHERE plugin_id = '51192') AS score_51192
  FROM pg_temp.findings;
-- a later scan moves last_seen on and keeps first_seen
SELECT * FROM isms.import_nessus(replace(:'nessus', '1718000000', '1718600000'));
SELECT plugin_id, first_seen, last_seen FROM pg_temp.findings
 WHERE plugin_id IN ('51192', '58453') ORDER BY 1;
-- a finding marked fixed stays fixed when the report it was fixed after is
-- imported again, and opens again when a later scan still finds it;
-- another status people set (in_progress here) stays
UPDATE isms.vulnerability SET status = 'fixed', resolved_at = to_timestamp(1718700000)
 WHERE plugin_id = '104743';
SELECT * FROM isms.import_nessus(replace(:'nessus', '1718000000', '1718600000'));
SELECT plugin_id, status, resolved_at, last_seen FROM pg_temp.findings
 WHERE plugin_id IN ('51192', '104743') ORDER BY 1;
SELECT * FROM isms.import_nessus(replace(:'nessus', '1718000000', '1718800000'));
SELECT plugin_id, status, resolved_at, last_seen FROM pg_temp.findings
 WHERE plugin_id IN ('51192', '104743') ORDER BY 1;
-- fixed without a resolution time: a scan after it was last seen opens it
UPDATE isms.vulnerability SET status = 'fixed' WHERE plugin_id = '104743';
SELECT * FROM isms.import_nessus(replace(:'nessus', '1718000000', '1718800000'));
SELECT plugin_id, status FROM pg_temp.findings WHERE plugin_id = '104743';
SELECT * FROM isms.import_nessus(replace(:'nessus', '1718000000', '1718900000'));
SELECT plugin_id, status FROM pg_temp.findings WHERE plugin_id = '104743';
-- a report without a time of its own reopens nothing
UPDATE isms.vulnerability SET status = 'fixed', resolved_at = to_timestamp(1718950000)
 WHERE plugin_id = '104743';
SELECT * FROM isms.import_nessus(regexp_replace(:'nessus', '<tag name="HOST_(START|END)[A-Z_]*">[^<]*</tag>', '', 'g'));
SELECT plugin_id, status, resolved_at IS NOT NULL AS resolved FROM pg_temp.findings WHERE plugin_id = '104743';
UPDATE isms.vulnerability SET status = 'open', resolved_at = NULL WHERE plugin_id = '104743';
-- informational items on request; the same plugin on another port or
-- protocol is another finding
SELECT * FROM isms.import_nessus(:'nessus', informational => true);
SELECT plugin_id, port, protocol, severity, title FROM pg_temp.findings WHERE severity = 'info';
SELECT * FROM isms.import_nessus(replace(:'nessus', 'port="161" svc_name="snmp" protocol="UDP"',
										 'port="161" svc_name="snmp" protocol="tcp"'));
SELECT plugin_id, port, protocol FROM pg_temp.findings WHERE plugin_id = '41028' ORDER BY protocol;

-- OpenVAS: the host 10.0.0.5 is the same asset; "300.1.2.3" is no address;
-- 10.0.0.99 is listed without results and becomes an asset too
SELECT * FROM isms.import_openvas(:'openvas');
SELECT name, hostname, fqdn, ip_address FROM pg_temp.assets ORDER BY id;
-- the weak cipher result reports 5.9 for a vector that scores 3.7: the
-- extension's score is stored; its severity is the scanner's (no threat:
-- the band of the reported 5.9)
SELECT asset, plugin_id, port, protocol, title, severity, cvss_vector, cvss_score,
	   cvss_score = isms.cvss_score(cvss_vector) AS own_score,
	   cve_ids, description, solution, evidence, last_seen
  FROM pg_temp.findings WHERE scanner = 'openvas' ORDER BY plugin_id;
SELECT * FROM isms.import_openvas(:'openvas');
SELECT scanner, count(*) FROM pg_temp.findings GROUP BY 1 ORDER BY 1;
SELECT * FROM isms.import_openvas(:'openvas', true);
SELECT plugin_id, port, protocol, severity FROM pg_temp.findings
 WHERE scanner = 'openvas' AND severity = 'info';
-- <report><report> without the response wrapper, and an empty report
SELECT * FROM isms.import_openvas('<report id="x"><report id="x"><results/></report></report>');
SELECT * FROM isms.import_openvas('<report id="x"><report id="x"><results/><host><ip>10.1.1.1</ip></host></report></report>');
-- ports: a bare number, none at all, and a word (a port of no service)
SELECT * FROM isms.import_openvas('<report><results>'
	'<result><host>10.1.1.1</host><port>8443</port><nvt oid="1.2.3"/><threat>Low</threat></result>'
	'<result><host>10.1.1.1</host><nvt oid="1.2.4"/><threat>Low</threat></result>'
	'<result><host>10.1.1.1</host><port>package</port><nvt oid="1.2.5"/><threat>Low</threat></result>'
	'</results></report>');
SELECT plugin_id, port, protocol, cve_ids FROM pg_temp.findings
 WHERE plugin_id IN ('1.2.3', '1.2.4', '1.2.5') ORDER BY 1;

-- malformed items
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem pluginID="1" port="0" protocol="tcp"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem severity="7" pluginID="1"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem severity="2"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost>
<ReportItem severity="2" pluginID="1"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem severity="2" pluginID="1" port="70000" protocol="tcp"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_openvas('<report><results><result><host>h</host><port>1/tcp</port><threat>High</threat></result></results></report>');
SELECT * FROM isms.import_openvas('<report><results><result><nvt oid="1"/><threat>High</threat></result></results></report>');
SELECT * FROM isms.import_openvas('<report><results><result><host>h</host><port>80x/tcp</port><nvt oid="1"/><threat>High</threat></result></results></report>');

-- the pieces in SQL
SELECT isms.scanner_cvss_score('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 7.0) AS own_v30,
	   isms.scanner_cvss_score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 1) AS own_v40,
	   isms.scanner_cvss_score('CVSS:3.1/AV:N', 5.55) AS unparsable,
	   isms.scanner_cvss_score('AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5) AS v2_reported,
	   isms.scanner_cvss_score(NULL, 7.25) AS rounded,
	   isms.scanner_cvss_score(NULL, 11) AS out_of_range,
	   isms.scanner_cvss_score(NULL, NULL) AS none;
SELECT isms.scanner_cvss_vector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H') AS valid,
	   isms.scanner_cvss_vector('AV:N/AC:L/Au:N/C:P/I:P/A:P') AS v2,
	   isms.scanner_cvss_vector(NULL) AS none;
SELECT isms.scanner_cvss_vector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X') AS unparsable;
SELECT isms.scanner_timestamp('1718000000') AS epoch,
	   isms.scanner_timestamp('2024-06-10T23:45:00+02:00') AS iso,
	   isms.scanner_timestamp('Tue Jun 11 08:00:00 2024') AS nessus,
	   isms.scanner_timestamp('soon') AS junk;
-- matching: by address, then FQDN, host name or name (any case), then a
-- short host name on an asset without FQDN; else a new asset
INSERT INTO isms.asset (name, hostname) VALUES ('Mail server', 'mail01');
SELECT count(*) AS assets_before FROM pg_temp.assets \gset
SELECT isms.scanner_asset('WEB01.example.com', NULL) AS a1,
	   isms.scanner_asset(NULL, '10.0.0.9') AS a2,
	   isms.scanner_asset('legacy', NULL) AS a3,
	   isms.scanner_asset('mail01.example.com', NULL) AS a7,
	   isms.scanner_asset('db01', '10.0.0.20') AS a4,
	   isms.scanner_asset('10.0.0.21', NULL) AS a5,
	   isms.scanner_asset('fileserver', 'fileserver') AS a6,
	   isms.scanner_asset('Print Server #2', '10.0.0.30') AS a8 \gset
SELECT (SELECT name FROM isms.asset WHERE id = :a1) AS a1, (SELECT name FROM isms.asset WHERE id = :a2) AS a2,
	   (SELECT name FROM isms.asset WHERE id = :a3) AS a3, (SELECT name FROM isms.asset WHERE id = :a7) AS a7;
-- the register's host name rule: a name it does not allow is the asset's name only
SELECT name, hostname, fqdn, ip_address FROM isms.asset WHERE id IN (:a4, :a5, :a6, :a7, :a8) ORDER BY id;
SELECT count(*) - :assets_before AS new_assets FROM pg_temp.assets;
-- another organization's assets are never matched
INSERT INTO isms.organization (name) VALUES ('XML tests, second');
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests, second';
SELECT isms.scanner_asset('web01.example.com', '10.0.0.5') AS a9 \gset
SELECT :a9 = :a1 AS same_asset, org_id = isms.current_org() AS in_second_org, name, hostname, fqdn, ip_address
  FROM isms.asset WHERE id = :a9;
DELETE FROM isms.asset WHERE org_id = isms.current_org();
DELETE FROM isms.organization WHERE name = 'XML tests, second';
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';

-- the rules the extension adds to vulnerability: SQLSTATE and constraint
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	state text;
	con text;
BEGIN
	BEGIN
		EXECUTE stmt;
		RAISE EXCEPTION USING ERRCODE = 'XTOK0';	-- undo it
	EXCEPTION WHEN SQLSTATE 'XTOK0' THEN
		RETURN 'ok';
	END;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, con = CONSTRAINT_NAME;
	RETURN state || ' ' || con;
END $$;
SELECT t.what, pg_temp.try(pg_catalog.format(
		'INSERT INTO isms.vulnerability (asset_id, title, scanner, plugin_id, port, protocol) VALUES (%s, %L, %L, %L, %s, %L)',
		coalesce(t.asset_id::text, 'NULL'), 'Finding', t.scanner, t.plugin_id,
		coalesce(t.port::text, 'NULL'), t.protocol)) AS outcome
  FROM (SELECT id FROM isms.asset WHERE name = 'Web server') AS a,
	   LATERAL (VALUES
		('valid', a.id, 'nessus', '99999', 443, 'tcp'),
		('another tool', a.id, 'qualys', NULL, NULL, NULL),
		('a tool name not in lower case', a.id, 'Nessus', '99999', 443, 'tcp'),
		('scanner finding without asset', NULL, 'nessus', '99999', 443, 'tcp'),
		('scanner finding without plugin', a.id, 'nessus', NULL, 443, 'tcp'),
		('scanner finding without port', a.id, 'nessus', '99999', NULL, 'tcp'),
		('scanner finding without protocol', a.id, 'nessus', '99999', 443, NULL),
		('a finding the import already has', a.id, 'nessus', '51192', 443, 'tcp'),
		('the same on another protocol', a.id, 'nessus', '51192', 443, 'udp'),
		('not from a scanner, without port', a.id, NULL, NULL, NULL, NULL)
	   ) AS t(what, asset_id, scanner, plugin_id, port, protocol);

DELETE FROM isms.vulnerability WHERE org_id = isms.current_org();
DELETE FROM isms.asset WHERE org_id = isms.current_org();
\i sql/fixtures/end.sql
