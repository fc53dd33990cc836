-- Scanner reports: Nessus v2 and Greenbone/OpenVAS GMP.  Fixtures:
-- test/data/nessus_sample.nessus and test/data/openvas_sample.xml.
\set VERBOSITY default
SET TimeZone = 'UTC';
\set nessus `cat test/data/nessus_sample.nessus`
\set openvas `cat test/data/openvas_sample.xml`

-- an asset the register already has, known by its address only
INSERT INTO isms.asset (name, ip_address) VALUES ('Web server', '10.0.0.5');

-- hosts in the report, report items read, vulnerabilities created or updated;
-- informational items (severity 0) are read but not stored
SELECT * FROM isms.import_nessus(:'nessus');
SELECT name, hostname, ip_address FROM isms.asset ORDER BY id;
SELECT a.name AS asset, v.scanner, v.plugin_id, v.port, v.title, v.severity, v.source,
	   v.cvss_vector, v.cvss_score, v.cve_ids, v.first_seen, v.last_seen, v.status
  FROM isms.vulnerability v JOIN isms.asset a ON a.id = v.asset_id
 ORDER BY v.plugin_id;
SELECT plugin_id, description, solution, evidence FROM isms.vulnerability
 WHERE plugin_id = '51192';

-- importing again updates, never duplicates; status set by people stays
UPDATE isms.vulnerability SET status = 'in_progress', cvss_score = 1.0 WHERE plugin_id = '51192';
SELECT * FROM isms.import_nessus(:'nessus');
SELECT count(*) AS vulnerabilities, count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
	   max(cvss_score) FILTER (WHERE plugin_id = '51192') AS score_51192
  FROM isms.vulnerability;
-- a later scan moves last_seen on and keeps first_seen
SELECT * FROM isms.import_nessus(replace(:'nessus', '1718000000', '1718600000'));
SELECT plugin_id, first_seen, last_seen FROM isms.vulnerability
 WHERE plugin_id IN ('51192', '58453') ORDER BY 1;
-- informational items on request
SELECT * FROM isms.import_nessus(:'nessus', informational => true);
SELECT plugin_id, severity, title FROM isms.vulnerability WHERE severity = 'info';

-- OpenVAS: the host 10.0.0.5 is the same asset; "300.1.2.3" is no address
SELECT * FROM isms.import_openvas(:'openvas');
SELECT name, hostname, ip_address FROM isms.asset ORDER BY id;
SELECT a.name AS asset, v.plugin_id, v.port, v.title, v.severity, v.cvss_vector, v.cvss_score,
	   v.cve_ids, v.description, v.solution, v.evidence, v.last_seen
  FROM isms.vulnerability v JOIN isms.asset a ON a.id = v.asset_id
 WHERE v.scanner = 'openvas' ORDER BY v.plugin_id;
SELECT * FROM isms.import_openvas(:'openvas');
SELECT scanner, count(*) FROM isms.vulnerability GROUP BY 1 ORDER BY 1;
SELECT * FROM isms.import_openvas(:'openvas', true);
SELECT plugin_id, severity FROM isms.vulnerability WHERE scanner = 'openvas' AND severity = 'info';
-- <report><report> without the response wrapper, and an empty report
SELECT * FROM isms.import_openvas('<report id="x"><report id="x"><results/></report></report>');
SELECT * FROM isms.import_openvas('<report id="x"><report id="x"><results/><host><ip>10.1.1.1</ip></host></report></report>');

-- malformed items
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem pluginID="1" port="0" protocol="tcp"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem severity="7" pluginID="1"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost name="h">
<ReportItem severity="2"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_nessus('<NessusClientData_v2><Report><ReportHost>
<ReportItem severity="2" pluginID="1"/></ReportHost></Report></NessusClientData_v2>');
SELECT * FROM isms.import_openvas('<report><results><result><host>h</host><port>1/tcp</port><threat>High</threat></result></results></report>');
SELECT * FROM isms.import_openvas('<report><results><result><nvt oid="1"/><threat>High</threat></result></results></report>');

-- the pieces in SQL
SELECT isms.scanner_cvss_score('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8) AS reported,
	   isms.scanner_cvss_score(NULL, 7.25) AS rounded,
	   isms.scanner_cvss_score(NULL, 11) AS out_of_range,
	   isms.scanner_cvss_score(NULL, NULL) AS none;
SELECT isms.scanner_timestamp('1718000000') AS epoch,
	   isms.scanner_timestamp('2024-06-10T23:45:00+02:00') AS iso,
	   isms.scanner_timestamp('Tue Jun 11 08:00:00 2024') AS nessus,
	   isms.scanner_timestamp('soon') AS junk;
-- matching: by address, then host name (any case), then name; else a new asset
SELECT count(*) AS assets_before FROM isms.asset \gset
SELECT isms.scanner_asset('WEB01.example.com', NULL) AS a1,
	   isms.scanner_asset(NULL, '10.0.0.9') AS a2,
	   isms.scanner_asset('legacy', NULL) AS a3,
	   isms.scanner_asset('db01', '10.0.0.20') AS a4,
	   isms.scanner_asset('10.0.0.21', NULL) AS a5,
	   isms.scanner_asset('fileserver', 'fileserver') AS a6 \gset
SELECT (SELECT name FROM isms.asset WHERE id = :a1) AS a1, (SELECT name FROM isms.asset WHERE id = :a2) AS a2,
	   (SELECT name FROM isms.asset WHERE id = :a3) AS a3;
SELECT name, hostname, ip_address FROM isms.asset WHERE id IN (:a4, :a5, :a6) ORDER BY id;
SELECT count(*) - :assets_before AS new_assets FROM isms.asset;

DELETE FROM isms.vulnerability;
DELETE FROM isms.asset;
