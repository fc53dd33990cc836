#!/usr/bin/python3
"""The XML files of `make demo`: load the demo organization into a database
of its own, run test/demo/show/90_xml_charts.sql as make demo does, and check
the files it writes: the Statement of Applicability validates against
test/data/soa.xsd with xmllint and has the register's 93 controls and
counts; the heat map has the demo's open residual risks in the cells of the
default matrix, counted from likelihood and impact; the loss exceedance
curve is R-001's FAIR model as isms.loss_exceedance computes it; the OSCAL
catalog the demo imports is exported with its controls."""
import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DB = 'isms_xml_demo'
SVG = '{http://www.w3.org/2000/svg}'
SOA = '{urn:isms:soa:1}'

failures = []


def check(what, got, expected):
    if got == expected:
        print(f'ok: {what}')
    else:
        print(f'FAILED: {what}: got {got!r}, expected {expected!r}')
        failures.append(what)


def psql(*args):
    bindir = subprocess.run([os.environ.get('PG_CONFIG', 'pg_config'), '--bindir'],
                            capture_output=True, text=True, check=True).stdout.strip()
    return subprocess.run([os.path.join(bindir, 'psql'), '-X', '-q', '-v', 'ON_ERROR_STOP=1',
                           '-d', DB, *args], capture_output=True, text=True, cwd=ROOT)


def main():
    demo = sorted(glob.glob(os.path.join(ROOT, 'test', 'demo', '[0-9]*.sql')))
    if not demo:
        print('skip: no demo files under test/demo')
        return 77
    admin = psycopg2.connect(dbname=os.environ.get('PGDATABASE', 'postgres'))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS {DB}')
        cur.execute(f'CREATE DATABASE {DB}')
    out = tempfile.mkdtemp()
    try:
        conn = psycopg2.connect(dbname=DB)
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute('CREATE EXTENSION isms')
        for f in demo:
            r = psql('-f', f)
            if r.returncode != 0:
                print(r.stderr)
                return 1
        r = psql('-v', f'out={out}', '-P', 'footer=off', '-f', 'test/demo/show/90_xml_charts.sql')
        check('show/90_xml_charts.sql runs', (r.returncode, r.stderr), (0, ''))
        print(r.stdout)
        for name in ('heatmap.svg', 'loss_exceedance.svg', 'soa.xml', 'oscal_catalog.xml'):
            check(f'{name} is written and its path printed',
                  (os.path.isfile(os.path.join(out, name)), os.path.join(out, name) in r.stdout), (True, True))
        cur.execute("SELECT set_config('isms.org_id', id::text, false) FROM isms.organization"
                    " WHERE name = 'Kestrel Analytics'")

        # the Statement of Applicability: valid, and the register's counts
        soa = os.path.join(out, 'soa.xml')
        lint = subprocess.run(['xmllint', '--noout', '--schema',
                               os.path.join(ROOT, 'test', 'data', 'soa.xsd'), soa],
                              capture_output=True, text=True)
        check('soa.xml validates against test/data/soa.xsd', (lint.returncode, lint.stderr.strip()),
              (0, f'{soa} validates'))
        root = ET.parse(soa).getroot()
        cur.execute("""SELECT count(*), count(*) FILTER (WHERE applicable),
                              count(*) FILTER (WHERE implementation_status = 'implemented'),
                              count(*) FILTER (WHERE soa_id IS NULL)
                         FROM isms.v_soa""")
        controls, applicable, implemented, undecided = cur.fetchone()
        check('the demo SoA decides all 93 controls', (controls, undecided), (93, 0))
        check('soa.xml: organization and counts',
              (root.get('organization'), root.get('controls'), root.get('applicable'),
               root.get('implemented'), root.get('undecided')),
              ('Kestrel Analytics', '93', str(applicable), str(implemented), None))
        elements = root.findall(SOA + 'control')
        check('soa.xml: 93 control elements, in catalog order',
              [e.get('id') for e in elements][:3] + [len(elements)], ['A.5.1', 'A.5.2', 'A.5.3', 93])
        cur.execute("""SELECT ident, applicable::text, implementation_status, justification, owner
                         FROM isms.v_soa ORDER BY sort_order""")
        check('soa.xml: each control as the register has it',
              [(e.get('id'), e.get('applicable'), e.get('status'), e.findtext(SOA + 'justification'),
                e.findtext(SOA + 'owner')) for e in elements], cur.fetchall())
        cur.execute("""SELECT count(*) FROM isms.v_soa v
                        WHERE EXISTS (SELECT FROM isms.control_evidence e WHERE e.soa_id = v.soa_id)""")
        check('soa.xml: evidence for each control that has some',
              sum(1 for e in elements if e.find(SOA + 'evidence') is not None), cur.fetchone()[0])
        check('soa.xml: excluded controls are not_applicable',
              sorted({(e.get('applicable'), e.get('status')) for e in elements if e.get('applicable') == 'false'}),
              [('false', 'not_applicable')])

        # the heat map: open residual risks by likelihood and impact level
        svg = ET.parse(os.path.join(out, 'heatmap.svg')).getroot()
        cells = {(int(g.get('data-likelihood')), int(g.get('data-impact'))): (g.get('data-level'), int(g.get('data-count')))
                 for g in svg.iter(SVG + 'g') if g.get('class') == 'cell'}
        cur.execute("""SELECT isms.level(residual_likelihood), isms.level(residual_impact), count(*)
                         FROM isms.risk WHERE status <> 'closed' AND residual_likelihood IS NOT NULL
                        GROUP BY 1, 2""")
        counted = {(l, i): n for l, i, n in cur.fetchall()}
        check('heatmap.svg: 25 cells', len(cells), 25)
        check('heatmap.svg: the count in every cell',
              {k: v[1] for k, v in cells.items() if v[1]}, counted)
        check('heatmap.svg: the risks in all', svg.get('data-risks'), str(sum(counted.values())))
        cur.execute("""SELECT l, i, isms.risk_level(l::isms.likelihood, i::isms.impact)::text
                         FROM generate_series(1, 5) l, generate_series(1, 5) i""")
        check('heatmap.svg: each cell coloured by its level in the default matrix',
              {k: v[0] for k, v in cells.items()}, {(l, i): lev for l, i, lev in cur.fetchall()})

        # the loss exceedance curve of R-001
        lec = ET.parse(os.path.join(out, 'loss_exceedance.svg')).getroot()
        path = next(p for p in lec.iter(SVG + 'path') if p.get('class') == 'curve')
        cur.execute("""SELECT isms.loss_exceedance_svg(
                              jsonb_build_object('lef', jsonb_build_object('pert', jsonb_build_array(fair_lef_min, fair_lef_likely, fair_lef_max)),
                                                 'lm', jsonb_build_object('pert', jsonb_build_array(fair_lm_min, fair_lm_likely, fair_lm_max))),
                              100000, 1, 50, 'x')::text
                         FROM isms.risk WHERE ident = 'R-001'""")
        direct = ET.fromstring(cur.fetchone()[0])
        check('loss_exceedance.svg: the 50 points of isms.loss_exceedance of R-001',
              (path.get('data-points'), path.get('d')),
              ('50', next(p for p in direct.iter(SVG + 'path') if p.get('class') == 'curve').get('d')))
        check('loss_exceedance.svg: title and currency',
              (lec.findtext(SVG + 'title'), any(t.text == 'Annual loss (EUR)' for t in lec.iter(SVG + 'text'))),
              ('R-001 Ransomware: loss exceedance (FAIR)', True))

        # the OSCAL catalog the demo imported, exported
        catalog = ET.parse(os.path.join(out, 'oscal_catalog.xml')).getroot()
        oscal = '{http://csrc.nist.gov/ns/oscal/1.0}'
        check('oscal_catalog.xml: the imported catalog with its controls',
              (catalog.tag, catalog.get('uuid'), sum(1 for _ in catalog.iter(oscal + 'control'))),
              (oscal + 'catalog', '0d8a7d9e-3f1c-4c43-9d4e-6f7b0a9b2c11', 6))
        conn.close()
    finally:
        for f in glob.glob(os.path.join(out, '*')):
            os.unlink(f)
        os.rmdir(out)
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS {DB}')
        admin.close()
    print(f'{len(failures)} checks failed' if failures else 'all checks passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
