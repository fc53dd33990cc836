#!/usr/bin/python3
"""Hostile CVSS vectors: mutations of valid vectors must either score (0.0 to
10.0, one decimal) or fail with SQLSTATE 22P02, and never break the server.

20,000 mutations (cut, duplicated, swapped, replaced, inserted characters,
including non-ASCII ones) of valid v3.0, v3.1 and v4.0 vectors, each sent to
cvss_score, cvss_scores, cvss_likelihood and cvss_impact.
"""
import random
import sys
from decimal import Decimal

import psycopg2

SEEDS = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:H/A:N/E:P/RL:W/RC:R/CR:L/IR:H/AR:M/MAV:L/MAC:L/MPR:H/MUI:N/MS:U/MC:H/MI:L/MA:L",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:L/VA:L/SC:L/SI:H/SA:N/E:P/CR:H/IR:M/AR:L/MAV:L/MAC:L/MAT:N/MPR:H/MUI:A/MVC:L/MVI:H/MVA:N/MSC:H/MSI:S/MSA:L/S:P/AU:Y/R:I/V:C/RE:H/U:Amber",
]
ALPHABET = "CVSS:3.014/ANLPHRUXMSIETWOFYDGBcx é\t"


def mutate(rng, s):
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        i = rng.randrange(len(s) + 1)
        if op == 0:
            s = s[:i]
        elif op == 1:
            s = s[:i] + rng.choice(ALPHABET) + s[i:]
        elif op == 2 and s:
            i = min(i, len(s) - 1)
            s = s[:i] + rng.choice(ALPHABET) + s[i + 1:]
        elif op == 3 and s:
            s = s[:i] + s[i + 1:]
        elif op == 4:
            j = rng.randrange(len(s) + 1)
            s = s[:min(i, j)] + s[min(i, j):max(i, j)] * 2 + s[max(i, j):]
        else:
            parts = s.split("/")
            rng.shuffle(parts)
            s = "/".join(parts)
    return s


def main():
    conn = psycopg2.connect("")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION IF NOT EXISTS isms")
    rng = random.Random(7)
    scored = failed_ok = bad = 0
    for n in range(20000):
        v = mutate(rng, rng.choice(SEEDS))
        try:
            cur.execute("SELECT isms.cvss_score(%s), (isms.cvss_scores(%s)).base,"
                        " isms.cvss_likelihood(%s, 7)::text, isms.cvss_impact(%s, 7)::text",
                        (v, v, v, v))
            score, base, lik, imp = cur.fetchone()
            if not (Decimal(0) <= score <= Decimal(10) and score == base
                    and score.as_tuple().exponent == -1 and lik.endswith("/7")
                    and imp.endswith("/7")):
                bad += 1
                print(f"FAIL {v!r}: {score} {base} {lik} {imp}")
            scored += 1
        except psycopg2.Error as e:
            if e.pgcode != "22P02":
                bad += 1
                print(f"FAIL {v!r}: SQLSTATE {e.pgcode}: {e.pgerror}")
            failed_ok += 1
    cur.execute("SELECT 1")
    print(f"{scored} mutated vectors scored, {failed_ok} rejected with 22P02, {bad} wrong")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
