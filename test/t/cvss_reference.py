#!/usr/bin/python3
"""CVSS scores against FIRST's reference data in ../shared/data/cvss/.

cvss3_spec_examples.txt: the examples of the CVSS v3.1 specification and user
guide, with base, temporal and environmental scores.
cvss40_macro_scores.txt: 270 CVSS v4.0 vectors, one per macro vector, with
FIRST's score and severity.

Every vector must score exactly; the test skips (77) when the data is absent.
"""
import ast
import os
import sys
from decimal import Decimal

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "..", "shared", "data", "cvss")
V3 = os.path.join(DATA, "cvss3_spec_examples.txt")
V4 = os.path.join(DATA, "cvss40_macro_scores.txt")


def severity(score):
    if score == 0:
        return "None"
    if score <= Decimal("3.9"):
        return "Low"
    if score <= Decimal("6.9"):
        return "Medium"
    if score <= Decimal("8.9"):
        return "High"
    return "Critical"


def main():
    if not (os.path.isfile(V3) and os.path.isfile(V4)):
        print("skip: reference data ../shared/data/cvss not found (a clone with no shared/ beside it): "
              "FIRST's CVSS reference vectors not checked")
        return 77
    conn = psycopg2.connect("")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION IF NOT EXISTS isms")
    failures = 0
    checked = 0

    with open(V3) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            vector, base, temporal, env = line.split("\t")[:4]
            want = (Decimal(base), Decimal(temporal), Decimal(env))
            cur.execute("SELECT base, temporal, environmental, severity, version,"
                        " isms.cvss_score(%s) FROM isms.cvss_scores(%s)", (vector, vector))
            b, t, e, sev, ver, score = cur.fetchone()
            got = (b, t, e)
            ok = (got == want and score == want[0] and sev == severity(want[0])
                  and ver == vector[5:8])
            checked += 1
            if not ok:
                failures += 1
                print(f"FAIL {vector}: got {got} {sev} {ver} score {score}, want {want}")

    n4 = 0
    with open(V4) as f:
        for line in f:
            if not line.strip():
                continue
            row = ast.literal_eval(line)
            vector = row["vector"]
            want = Decimal(str(row["score"])).quantize(Decimal("0.1"))
            cur.execute("SELECT isms.cvss_score(%s), s.base, s.temporal, s.environmental,"
                        " s.severity, s.version FROM isms.cvss_scores(%s) s", (vector, vector))
            score, b, t, e, sev, ver = cur.fetchone()
            n4 += 1
            checked += 1
            # the score prints with exactly one decimal, as FIRST writes it
            if (score != want or str(score) != str(want) or b != want or t is not None
                    or e is not None or sev != row["severity"] or ver != "4.0"):
                failures += 1
                print(f"FAIL {vector}: got {score} {b} {t} {e} {sev} {ver}, "
                      f"want {want} {row['severity']}")
    if n4 != 270:
        failures += 1
        print(f"FAIL: expected 270 CVSS v4.0 vectors, read {n4}")

    print(f"{checked} reference vectors checked, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
