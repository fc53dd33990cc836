\i sql/fixtures/begin.sql
-- XML safety: no DTD, no entities, no network; malformed documents give
-- 2200M with libxml2's line and message; parser state never leaks.
\set VERBOSITY default
SET client_min_messages = notice;
-- the xml_* tests work in an organization of their own
INSERT INTO isms.organization (name) VALUES ('XML tests')
	ON CONFLICT ON CONSTRAINT organization_name_unique DO NOTHING;
SELECT set_config('isms.org_id', id::text, false) IS NOT NULL AS org_set
  FROM isms.organization WHERE name = 'XML tests';

-- XXE: an external entity that would read a local file
SELECT * FROM isms.import_oscal_catalog($doc$<?xml version="1.0"?>
<!DOCTYPE catalog [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724">
<metadata><title>&xxe;</title><last-modified>2024-01-01T00:00:00Z</last-modified>
<version>1</version><oscal-version>1.1.2</oscal-version></metadata></catalog>$doc$);
-- the same through a parameter entity and through an external DTD
SELECT * FROM isms.import_nessus($doc$<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
<NessusClientData_v2/>$doc$);
SELECT * FROM isms.import_openvas($doc$<!DOCTYPE report SYSTEM "file:///etc/passwd"><report/>$doc$);
SELECT * FROM isms.import_openvas($doc$<!DOCTYPE report SYSTEM "http://127.0.0.1:1/x.dtd"><report/>$doc$);
-- billion laughs (entity expansion)
SELECT * FROM isms.import_nessus($doc$<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<NessusClientData_v2><Report name="&lol9;"/></NessusClientData_v2>$doc$);
-- an entity that was never declared is not expanded either
SELECT * FROM isms.import_nessus('<NessusClientData_v2>&xxe;</NessusClientData_v2>');
-- no part of the file reaches the error either
DO $$
DECLARE
	message text;
	detail text;
BEGIN
	PERFORM isms.import_nessus('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
							   '<NessusClientData_v2><Report name="&x;"/></NessusClientData_v2>');
EXCEPTION WHEN invalid_xml_document THEN
	GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
	RAISE NOTICE 'the error shows the file: %', (message || detail) LIKE '%root:%';
END
$$;
-- nothing was written by any of the attempts
SELECT (SELECT count(*) FROM isms.framework WHERE NOT seeded) AS frameworks,
	   (SELECT count(*) FROM isms.asset WHERE org_id = isms.current_org()) AS assets,
	   (SELECT count(*) FROM isms.vulnerability WHERE org_id = isms.current_org()) AS vulnerabilities;

-- malformed documents: 2200M, libxml2's line and message
SELECT * FROM isms.import_nessus($doc$<NessusClientData_v2>
<Report name="scan">
<ReportHost name="a"></ReportHosts>
</Report>
</NessusClientData_v2>$doc$);
SELECT * FROM isms.import_openvas('<report><results>');
SELECT * FROM isms.import_openvas('');
SELECT * FROM isms.import_openvas('just text');
SELECT * FROM isms.import_openvas('<report a="1" a="2"/>');
SELECT * FROM isms.export_oscal_catalog('no such framework');
-- well-formed, but the wrong kind of document
SELECT * FROM isms.import_nessus('<report/>');
SELECT * FROM isms.import_openvas('<NessusClientData_v2/>');
SELECT * FROM isms.import_oscal_catalog('<catalog/>');

-- the SQLSTATE is 2200M (invalid_xml_document)
DO $$
BEGIN
	PERFORM isms.import_nessus('<a>');
EXCEPTION WHEN invalid_xml_document THEN
	RAISE NOTICE 'caught invalid_xml_document: %', SQLERRM;
END
$$;

-- parser state never leaks: the server's own XML functions and a later
-- import work normally after all these errors
SELECT xmlparse(document '<a>&amp;<b/></a>') AS own_xml,
	   xpath('/a/b/text()', '<a><b>ok</b></a>'::xml) AS own_xpath;
SELECT * FROM isms.import_openvas('<report><report><results/></report></report>');

-- errors inside a subtransaction leave the session usable, many times over
DO $$
BEGIN
	FOR i IN 1..200 LOOP
		BEGIN
			PERFORM isms.import_nessus('<NessusClientData_v2><oops></NessusClientData_v2>');
		EXCEPTION WHEN invalid_xml_document THEN
			NULL;
		END;
	END LOOP;
END
$$;
SELECT xmlparse(document '<still><fine/></still>');

-- the text is read as it is stored, whatever encoding the declaration names
SELECT * FROM isms.import_nessus($doc$<?xml version="1.0" encoding="ISO-8859-1"?>
<NessusClientData_v2><Report name="r"><ReportHost name="café.example"><ReportItem severity="2"
 pluginID="1" port="80" protocol="tcp" pluginName="Naïve résumé check"/></ReportHost></Report>
</NessusClientData_v2>$doc$);
SELECT a.name, v.title FROM isms.vulnerability v JOIN isms.asset a ON a.id = v.asset_id
 WHERE v.plugin_id = '1';

-- the size limit (isms.xml_max_size, 64 MB by default; superuser only)
SHOW isms.xml_max_size;
SET isms.xml_max_size = '1kB';
SELECT * FROM isms.import_nessus('<NessusClientData_v2>' || repeat('<Report/>', 120) || '</NessusClientData_v2>');
SELECT * FROM isms.import_oscal_catalog(repeat(' ', 1025));
-- just under the limit is fine
SELECT * FROM isms.import_nessus('<NessusClientData_v2>' || repeat('<Report/>', 100) || '</NessusClientData_v2>');
RESET isms.xml_max_size;
SELECT * FROM isms.import_nessus('<NessusClientData_v2>' || repeat('<Report/>', 120) || '</NessusClientData_v2>');
CREATE ROLE isms_xml_user;
SET ROLE isms_xml_user;
SET isms.xml_max_size = '1GB';
RESET ROLE;
DROP ROLE isms_xml_user;

-- NULL documents give NULL
SELECT * FROM isms.import_nessus(NULL);
SELECT isms.export_oscal_catalog(NULL) IS NULL AS export_of_null;
DELETE FROM isms.vulnerability WHERE org_id = isms.current_org();
DELETE FROM isms.asset WHERE org_id = isms.current_org();
\i sql/fixtures/end.sql
