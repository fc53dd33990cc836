#!/usr/bin/python3
"""The XML features on the real inputs in ../shared/data: OSCAL catalogs
(NIST SP 800-53 rev5, a resolved LOW baseline, NIST's basic catalog, an
ISO/IEC 27001:2022 Annex A catalog in JSON), scanner reports (Nessus v2,
OpenVAS), with exact counts, round trips and idempotent re-imports; and the
Statement of Applicability validated against test/data/soa.xsd.

Skips (exit 77) when ../shared/data is absent.  Runs in a database of its
own, created and dropped here."""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, '..', 'shared', 'data')
OSCAL = '{http://csrc.nist.gov/ns/oscal/1.0}'
DB = 'isms_xml_real_inputs'

failures = []


def check(what, got, expected):
    if got == expected:
        print(f'ok: {what}')
    else:
        print(f'FAILED: {what}: got {got!r}, expected {expected!r}')
        failures.append(what)


def read(*path):
    with open(os.path.join(DATA, *path), encoding='utf-8') as f:
        return f.read()


def one(cur, sql, args=None):
    cur.execute(sql, args)
    return cur.fetchone()


def xmllint(*args):
    return subprocess.run(['xmllint', '--noout', *args], capture_output=True, text=True)


def structure(xml_text):
    """Counts of what an OSCAL catalog holds, and a check of its structure."""
    root = ET.fromstring(xml_text)
    problems = []
    if root.tag != OSCAL + 'catalog' or not root.get('uuid'):
        problems.append('root is not <catalog uuid=...>')
    md = root.find(OSCAL + 'metadata')
    for field in ('title', 'last-modified', 'version', 'oscal-version'):
        if md is None or md.find(OSCAL + field) is None or not (md.find(OSCAL + field).text or '').strip():
            problems.append(f'metadata has no {field}')
    for kind in ('group', 'control'):
        for e in root.iter(OSCAL + kind):
            if not re.match(r'^[A-Za-z_][A-Za-z0-9._-]*$', e.get('id') or ''):
                problems.append(f'{kind} id {e.get("id")!r} is not a token')
            title = e.find(OSCAL + 'title')
            if title is None or not (title.text or '').strip():
                problems.append(f'{kind} {e.get("id")} has no title')
    withdrawn = sum(1 for c in root.iter(OSCAL + 'control')
                    if any(p.get('name') == 'status' and p.get('value') == 'withdrawn'
                           for p in c.findall(OSCAL + 'prop')))
    return {
        'uuid': root.get('uuid'),
        'groups': sum(1 for _ in root.iter(OSCAL + 'group')),
        'controls': sum(1 for _ in root.iter(OSCAL + 'control')),
        'withdrawn': withdrawn,
        'params': sum(1 for _ in root.iter(OSCAL + 'param')),
        'parts': sum(1 for _ in root.iter(OSCAL + 'part')),
        'problems': problems[:5],
    }


def digest(cur, name):
    cur.execute('SELECT part, digest FROM pg_temp.catalog_digest(%s) ORDER BY 1', (name,))
    return cur.fetchall()


def catalog_round_trip(cur, name, source_xml, expected):
    """Export a framework, check it, import it again, compare everything."""
    exported = one(cur, 'SELECT isms.export_oscal_catalog(%s)::text', (name,))[0]
    with tempfile.NamedTemporaryFile('w', suffix='.xml', delete=False) as f:
        f.write(exported)
    lint = xmllint(f.name)
    os.unlink(f.name)
    check(f'{name}: export is well-formed (xmllint)', lint.returncode, 0)
    got = structure(exported)
    check(f'{name}: export structure', got['problems'], [])
    for key in ('groups', 'controls', 'withdrawn', 'params', 'parts'):
        check(f'{name}: export has {key}', got[key], expected[key])
    if source_xml is not None:
        check(f'{name}: export keeps the catalog uuid', got['uuid'], structure(source_xml)['uuid'])
    copy = name + ' (round trip)'
    row = one(cur, 'SELECT * FROM isms.import_oscal_catalog(%s, %s)', (exported, copy))
    check(f'{name}: import of the export', row[1:],
          (expected['groups'], expected['controls'], expected['withdrawn']))
    check(f'{name}: import of the export gives the same catalog', digest(cur, copy), digest(cur, name))
    return exported


def table_counts(cur, name):
    return one(cur, """
        SELECT (SELECT count(*) FROM isms.control_group WHERE framework_id = f.id),
               (SELECT count(*) FROM isms.control WHERE framework_id = f.id),
               (SELECT count(*) FROM isms.control WHERE framework_id = f.id AND parent_id IS NULL),
               (SELECT count(*) FROM isms.control WHERE framework_id = f.id AND withdrawn),
               (SELECT count(*) FROM isms.control_param WHERE framework_id = f.id),
               (SELECT count(*) FROM isms.control_part WHERE framework_id = f.id)
          FROM isms.framework f WHERE f.name = %s""", (name,))


def test_oscal(cur, notices):
    # NIST SP 800-53 rev5: 20 groups, 1,189 controls (322 + 867), 182 withdrawn
    nist = read('oscal', 'NIST_SP-800-53_rev5_catalog.xml')
    name = 'NIST SP 800-53 Rev. 5'
    row = one(cur, 'SELECT * FROM isms.import_oscal_catalog(%s, %s)', (nist, name))
    check('NIST rev5: import', row, (name, 20, 1189, 182))
    check('NIST rev5: groups, controls, top-level, withdrawn, params, parts',
          table_counts(cur, name), (20, 1189, 322, 182, 1258, 3123))
    ids_before = one(cur, "SELECT array_agg(id ORDER BY id) FROM isms.control")[0]
    row = one(cur, 'SELECT * FROM isms.import_oscal_catalog(%s, %s)', (nist, name))
    check('NIST rev5: import again', row, (name, 20, 1189, 182))
    check('NIST rev5: import again, same rows', table_counts(cur, name), (20, 1189, 322, 182, 1258, 3123))
    check('NIST rev5: import again keeps the control rows',
          one(cur, "SELECT array_agg(id ORDER BY id) FROM isms.control")[0], ids_before)
    statement = one(cur, "SELECT statement FROM isms.control WHERE ident = 'ac-1'")[0]
    check('NIST rev5: statement of AC-1', statement.split('\n'), [
        'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
        '  1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy that:',
        '    (a) Addresses purpose, scope, roles, responsibilities, management commitment, coordination among organizational entities, and compliance; and',
        '    (b) Is consistent with applicable laws, executive orders, directives, regulations, policies, standards, and guidelines; and',
        '  2. Procedures to facilitate the implementation of the access control policy and the associated access controls;',
        'b. Designate an [Assignment: organization-defined official] to manage the development, documentation, and dissemination of the access control policy and procedures; and',
        'c. Review and update the current access control:',
        '  1. Policy [Assignment: organization-defined frequency] and following [Assignment: organization-defined events]; and',
        '  2. Procedures [Assignment: organization-defined frequency] and following [Assignment: organization-defined events].'])
    check('NIST rev5: AC-2(10) is withdrawn, into AC-2k',
          one(cur, "SELECT withdrawn, statement, links FROM isms.control WHERE ident = 'ac-2.10'"),
          (True, None, [{'rel': 'incorporated-into', 'href': '#ac-2_smt.k'}]))
    catalog_round_trip(cur, name, nist, {'groups': 20, 'controls': 1189, 'withdrawn': 182,
                                         'params': 1258, 'parts': 3123})

    # the resolved LOW baseline: 18 groups, 149 controls (131 + 18)
    low = read('oscal', 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.xml')
    row = one(cur, 'SELECT * FROM isms.import_oscal_catalog(%s)', (low,))
    check('LOW baseline: import', row,
          ('NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE', 18, 149, 0))
    check('LOW baseline: groups, controls, top-level, withdrawn, params, parts',
          table_counts(cur, row[0]), (18, 149, 131, 0, 445, 3058))
    catalog_round_trip(cur, row[0], low, {'groups': 18, 'controls': 149, 'withdrawn': 0,
                                          'params': 445, 'parts': 3058})

    # NIST's basic catalog: nested groups, a title with markup, an insert in a choice
    basic = read('oscal', 'basic-catalog.xml')
    row = one(cur, 'SELECT * FROM isms.import_oscal_catalog(%s, %s)', (basic, 'basic'))
    check('basic catalog: import', row, ('basic', 4, 4, 0))
    check('basic catalog: groups, controls, top-level, withdrawn, params, parts',
          table_counts(cur, 'basic'), (4, 4, 4, 0, 2, 28))
    check('basic catalog: title without markup',
          one(cur, "SELECT title FROM isms.framework WHERE name = 'basic'")[0],
          'Sample Security Catalog for Demonstration and Testing')
    check('basic catalog: top-level groups',
          one(cur, "SELECT count(*) FROM isms.control_group g JOIN isms.framework f ON f.id = g.framework_id"
                   " WHERE f.name = 'basic' AND g.parent_id IS NULL")[0], 2)
    check('basic catalog: a selection with an insertion in a choice',
          one(cur, "SELECT statement FROM isms.control WHERE ident = 's1.1.1'")[0],
          'All information security responsibilities should be defined and allocated.\n'
          'A value has been assigned to [Selection (one or more): initiating a device lock after '
          '[Assignment: a duration] of inactivity; requiring the user to initiate a device lock '
          'before leaving the system unattended].\n'
          'A cross link has been established with a choppy syntax: (choppy).')
    catalog_round_trip(cur, 'basic', basic, {'groups': 4, 'controls': 4, 'withdrawn': 0,
                                             'params': 2, 'parts': 28})

    # ISO/IEC 27001:2022 Annex A in JSON, ids like "5.1" (not OSCAL tokens)
    iso = read('oscal', 'ISO27001-AnnexA-catalog.json')
    del notices[:]
    row = one(cur, 'SELECT * FROM isms.import_oscal_catalog(%s::jsonb, %s)', (iso, 'ISO 27001 Annex A'))
    check('ISO Annex A (JSON): import', row, ('ISO 27001 Annex A', 4, 93, 0))
    check('ISO Annex A (JSON): NOTICE about ids that are not tokens',
          [n.strip().split('\n')[0] for n in notices if 'not OSCAL tokens' in n],
          ['NOTICE:  93 ids of the catalog are not OSCAL tokens'])
    cur.execute("""SELECT g.ident, count(c.id) FROM isms.control_group g
                     JOIN isms.framework f ON f.id = g.framework_id
                     LEFT JOIN isms.control c ON c.group_id = g.id
                    WHERE f.name = 'ISO 27001 Annex A' GROUP BY g.ident ORDER BY g.ident""")
    check('ISO Annex A (JSON): controls per theme', cur.fetchall(),
          [('A5', 37), ('A6', 8), ('A7', 14), ('A8', 34)])
    check('ISO Annex A (JSON): control 8.34 kept as "8.34"',
          one(cur, "SELECT c.title, c.statement IS NOT NULL FROM isms.control c JOIN isms.framework f"
                   " ON f.id = c.framework_id WHERE f.name = 'ISO 27001 Annex A' AND c.ident = '8.34'"),
          ('Protection of information systems during audit testing', True))
    exported = catalog_round_trip(cur, 'ISO 27001 Annex A', None,
                                  {'groups': 4, 'controls': 93, 'withdrawn': 0, 'params': 0, 'parts': 186})
    check('ISO Annex A (JSON): exported as id "_5.1" with the ident property',
          '<control id="_5.1" class="ISO/IEC-27001-2022-Annex-A">\n      <title>Policies for information security</title>\n'
          '      <prop name="ident" ns="urn:isms:oscal" value="5.1"/>' in exported, True)


def nessus_reported_scores(text):
    """cvss3_base_score by pluginID, as the Nessus report writes it."""
    scores = {}
    for item in ET.fromstring(text).iter('ReportItem'):
        score = item.find('cvss3_base_score')
        if score is not None:
            scores[item.get('pluginID')] = score.text.strip()
    return scores


def test_scanners(cur, notices):
    cur.execute("INSERT INTO isms.organization (name) VALUES ('Real inputs')")
    nessus = read('scanners', 'example.nessus')
    check('Nessus: import', one(cur, 'SELECT * FROM isms.import_nessus(%s)', (nessus,)), (1, 230, 95))
    cur.execute("SELECT severity, count(*) FROM isms.vulnerability GROUP BY 1 ORDER BY 1")
    check('Nessus: severities', cur.fetchall(), [('critical', 7), ('high', 77), ('low', 2), ('medium', 9)])
    check('Nessus: v3 vectors with their CVSS:3.0/ prefix, and scores',
          one(cur, "SELECT count(*) FILTER (WHERE cvss_vector LIKE 'CVSS:3.0/AV:%%'), count(cvss_vector),"
                   " count(cvss_score) FROM isms.vulnerability"), (84, 84, 84))
    check('Nessus: the Excel update (104556)',
          one(cur, "SELECT port, protocol, severity, cvss_vector, cvss_score::text, cardinality(cve_ids)"
                   " FROM isms.vulnerability WHERE plugin_id = '104556'"),
          (445, 'tcp', 'critical', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '9.8', 3))
    cur.execute("SELECT port, protocol, count(*) FROM isms.vulnerability GROUP BY 1, 2 ORDER BY 1, 2")
    check('Nessus: findings by port and protocol', cur.fetchall(), [(445, 'tcp', 95)])
    check('Nessus: the host is an asset',
          one(cur, "SELECT name, hostname, fqdn, host(ip_address) FROM isms.asset"),
          ('adam.ad.demo.io', 'adam', 'adam.ad.demo.io', '192.168.16.133'))
    # scores: the extension's own isms.cvss_score of every stored vector;
    # compared with the cvss3_base_score that Nessus wrote for each plugin
    check('Nessus: every score is isms.cvss_score(vector)',
          one(cur, "SELECT count(*), count(*) FILTER (WHERE cvss_score = isms.cvss_score(cvss_vector))"
                   " FROM isms.vulnerability WHERE cvss_vector IS NOT NULL"), (84, 84))
    reported = nessus_reported_scores(nessus)
    cur.execute("SELECT plugin_id, cvss_score::text FROM isms.vulnerability WHERE cvss_vector IS NOT NULL")
    stored = dict(cur.fetchall())
    check('Nessus: the reported cvss3_base_score of every plugin with a vector',
          (len(reported), sorted(reported) == sorted(stored)), (84, True))
    differ = sorted((p, reported[p], stored[p]) for p in stored if float(reported[p]) != float(stored[p]))
    # (the extension's scores agree with all 84 of Nessus's)
    check('Nessus: scores that differ from the reported ones', differ, [])
    check('Nessus: import again', one(cur, 'SELECT * FROM isms.import_nessus(%s)', (nessus,)), (1, 230, 95))
    check('Nessus: import again, no duplicates', one(cur, 'SELECT count(*) FROM isms.vulnerability')[0], 95)
    check('Nessus: with informational items',
          one(cur, 'SELECT * FROM isms.import_nessus(%s, true)', (nessus,)), (1, 230, 230))
    check('Nessus: with informational items, rows', one(cur, 'SELECT count(*) FROM isms.vulnerability')[0], 230)
    cur.execute('DELETE FROM isms.vulnerability')

    many = read('scanners', 'openvas_many_vuln.xml')
    del notices[:]
    check('OpenVAS (many): import', one(cur, 'SELECT * FROM isms.import_openvas(%s)', (many,)), (1, 44, 44))
    check('OpenVAS (many): WARNING for 192.168.1.1001',
          [n.strip().split('\n')[0] for n in notices if 'invalid IP address' in n],
          ['WARNING:  invalid IP address "192.168.1.1001" of scanned host "b6b9f466d63"'])
    check('OpenVAS (many): host matched by name, no address',
          one(cur, "SELECT name, ip_address FROM isms.asset a WHERE EXISTS"
                   " (SELECT FROM isms.vulnerability v WHERE v.asset_id = a.id AND v.scanner = 'openvas')"),
          ('b6b9f466d63', None))
    cur.execute("SELECT severity, count(*) FROM isms.vulnerability WHERE scanner = 'openvas' GROUP BY 1 ORDER BY 1")
    check('OpenVAS (many): severities (2 results without threat are medium by score)', cur.fetchall(),
          [('high', 19), ('medium', 25)])
    check('OpenVAS (many): scores and CVEs',
          one(cur, "SELECT count(cvss_score), sum(cardinality(cve_ids)) FROM isms.vulnerability"), (44, 55))
    # GMP 9.0 gives CVSS v2 vectors only (tags cvss_base_vector=AV:N/...):
    # no vector is stored, the scores are the reported ones
    check('OpenVAS (many): no CVSS v3/v4 vector',
          one(cur, "SELECT count(cvss_vector) FROM isms.vulnerability")[0], 0)
    cur.execute("SELECT v.cvss_score::text FROM isms.vulnerability v ORDER BY v.cvss_score")
    check('OpenVAS (many): the scores are the reported ones (nvt/cvss_base)', [r[0] for r in cur.fetchall()],
          sorted((r.findtext('nvt/cvss_base') for r in ET.fromstring(many).iter('result')), key=float))
    cur.execute("SELECT port, protocol, count(*) FROM isms.vulnerability GROUP BY 1, 2 ORDER BY 1, 2")
    check('OpenVAS (many): findings by port and protocol ("general/tcp" is port 0)', cur.fetchall(),
          [(0, 'tcp', 1), (21, 'tcp', 4), (22, 'tcp', 4), (80, 'tcp', 15), (445, 'tcp', 1), (512, 'tcp', 1),
           (1524, 'tcp', 1), (2121, 'tcp', 2), (3632, 'tcp', 1), (5432, 'tcp', 8), (5900, 'tcp', 2),
           (6200, 'tcp', 1), (6667, 'tcp', 1), (6697, 'tcp', 1), (8787, 'tcp', 1)])
    check('OpenVAS (many): import again',
          one(cur, 'SELECT * FROM isms.import_openvas(%s)', (many,)), (1, 44, 44))
    check('OpenVAS (many): import again, no duplicates',
          one(cur, 'SELECT count(*) FROM isms.vulnerability')[0], 44)

    detail = read('scanners', 'openvas_report_detail_v2.xml')
    check('OpenVAS (detail v2): import', one(cur, 'SELECT * FROM isms.import_openvas(%s)', (detail,)), (1, 1, 1))
    check('OpenVAS (detail v2): the finding',
          one(cur, "SELECT a.name, host(a.ip_address), v.port, v.protocol, v.severity, v.cvss_vector,"
                   " v.cvss_score::text, v.cvss_score = isms.cvss_score(v.cvss_vector),"
                   " cardinality(v.cve_ids), v.last_seen = '2025-08-22T17:09:57+02:00'"
                   " FROM isms.vulnerability v JOIN isms.asset a ON a.id = v.asset_id"
                   " WHERE v.plugin_id = '1.3.6.1.4.1.25623.1.0.836484'"),
          ('server99', '10.99.99.99', 42, 'tcp', 'high', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
           '9.8', True, 93, True))

    empty = read('scanners', 'openvas_no_vuln.xml')
    check('OpenVAS (no vulnerabilities): import',
          one(cur, 'SELECT * FROM isms.import_openvas(%s)', (empty,)), (0, 0, 0))


def test_soa(cur):
    xsd = os.path.join(ROOT, 'test', 'data', 'soa.xsd')
    soa = one(cur, """
        SELECT isms.soa_xml(array_agg(ROW(c.ident, c.title, g.title,
                    c.ident NOT IN ('7.4', '7.5'),
                    CASE WHEN c.ident IN ('7.4', '7.5') THEN 'No premises of our own.'
                         ELSE 'Treats risks of the register.' END,
                    CASE WHEN c.ident IN ('7.4', '7.5') THEN NULL
                         WHEN c.ident LIKE '5.%%' THEN 'implemented'
                         WHEN c.ident LIKE '8.%%' THEN 'partially_implemented' ELSE 'planned' END,
                    'CISO', NULL, DATE '2025-01-31')::isms.soa_entry ORDER BY c.sort_order, c.id),
                'Real inputs <test> & co', 'ISO 27001 Annex A', '2022', '2025-02-01 12:00:00+00')::text
          FROM isms.control c JOIN isms.control_group g ON g.id = c.group_id
          JOIN isms.framework f ON f.id = c.framework_id WHERE f.name = 'ISO 27001 Annex A'""")[0]
    with tempfile.NamedTemporaryFile('w', suffix='.xml', delete=False) as f:
        f.write(soa)
    lint = xmllint('--schema', xsd, f.name)
    check('SoA: validates against test/data/soa.xsd', (lint.returncode, lint.stderr.strip()),
          (0, f'{f.name} validates'))
    os.unlink(f.name)
    root = ET.fromstring(soa)
    check('SoA: counts', (root.get('controls'), root.get('applicable'), root.get('implemented')),
          ('93', '91', '37'))
    # the validation itself can fail: a status outside the list, a duplicate control
    for what, broken in (('a status outside the list', soa.replace('status="planned"', 'status="done"', 1)),
                         ('a duplicate control', soa.replace('id="5.2"', 'id="5.1"', 1))):
        with tempfile.NamedTemporaryFile('w', suffix='.xml', delete=False) as f:
            f.write(broken)
        check(f'SoA: the schema rejects {what}', xmllint('--schema', xsd, f.name).returncode != 0, True)
        os.unlink(f.name)


def main():
    if not os.path.isdir(DATA):
        print('skip: reference data ../shared/data not found (a clone with no shared/ beside it): '
              'real OSCAL catalogs and scanner reports not checked')
        return 77
    admin = psycopg2.connect(dbname=os.environ.get('PGDATABASE', 'postgres'))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS {DB}')
        cur.execute(f'CREATE DATABASE {DB}')
    try:
        conn = psycopg2.connect(dbname=DB)
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute('CREATE EXTENSION isms')
        with open(os.path.join(ROOT, 'test', 'data', 'catalog_digest.sql')) as f:
            cur.execute(f.read())
        test_oscal(cur, conn.notices)
        test_scanners(cur, conn.notices)
        test_soa(cur)
        conn.close()
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS {DB}')
        admin.close()
    print(f'{len(failures)} checks failed' if failures else 'all checks passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
