#!/usr/bin/python3
"""CVSS v3.0/v3.1 scores against an exact-arithmetic reading of the formulas.

The reference below computes the specification's formulas (v3.1 sections
7.1-7.4, v3.0 section 8.3 for its Modified Impact) in exact rational
arithmetic, and Roundup as its definition says: the smallest number with one
decimal that is equal to or higher than the input.  The extension computes in
floating point with v3.1 Appendix A's Roundup; both must agree on every
vector.  Checked: every base vector of both versions (with its temporal score
under all Exploit Code Maturity values), and 30,000 random vectors with
temporal and environmental metrics, some written in shuffled order.
"""
import itertools
import math
import random
import sys
from decimal import Decimal
from fractions import Fraction as F

import psycopg2

W_AV = {"N": "0.85", "A": "0.62", "L": "0.55", "P": "0.2"}
W_AC = {"L": "0.77", "H": "0.44"}
W_PR_U = {"N": "0.85", "L": "0.62", "H": "0.27"}
W_PR_C = {"N": "0.85", "L": "0.68", "H": "0.5"}
W_UI = {"N": "0.85", "R": "0.62"}
W_CIA = {"H": "0.56", "L": "0.22", "N": "0"}
W_E = {"X": "1", "H": "1", "F": "0.97", "P": "0.94", "U": "0.91"}
W_RL = {"X": "1", "U": "1", "W": "0.97", "T": "0.96", "O": "0.95"}
W_RC = {"X": "1", "C": "1", "R": "0.96", "U": "0.92"}
W_REQ = {"X": "1", "H": "1.5", "M": "1", "L": "0.5"}

BASE = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"),
        ("C", "HLN"), ("I", "HLN"), ("A", "HLN")]
OPTIONAL = [("E", "XUPFH"), ("RL", "XOTWU"), ("RC", "XURC"), ("CR", "XLMH"),
            ("IR", "XLMH"), ("AR", "XLMH"), ("MAV", "XNALP"), ("MAC", "XLH"),
            ("MPR", "XNLH"), ("MUI", "XNR"), ("MS", "XUC"), ("MC", "XNLH"),
            ("MI", "XNLH"), ("MA", "XNLH")]


def w(table, value):
    return F(table[value])


def roundup(x):
    """Smallest number with one decimal that is >= x (exact)."""
    return F(math.ceil(x * 10), 10)


def scores(version, m):
    """Exact base, temporal and environmental scores of metrics m."""
    get = lambda k: m.get(k, "X")
    mod = lambda k: get("M" + k) if get("M" + k) != "X" else m[k]
    scope, mscope = m["S"], mod("S")

    iss = 1 - (1 - w(W_CIA, m["C"])) * (1 - w(W_CIA, m["I"])) * (1 - w(W_CIA, m["A"]))
    if scope == "U":
        impact = F("6.42") * iss
    else:
        impact = F("7.52") * (iss - F("0.029")) - F("3.25") * (iss - F("0.02")) ** 15
    pr = W_PR_C if scope == "C" else W_PR_U
    expl = F("8.22") * w(W_AV, m["AV"]) * w(W_AC, m["AC"]) * w(pr, m["PR"]) * w(W_UI, m["UI"])
    if impact <= 0:
        base = F(0)
    elif scope == "U":
        base = roundup(min(impact + expl, 10))
    else:
        base = roundup(min(F("1.08") * (impact + expl), 10))

    tf = w(W_E, get("E")) * w(W_RL, get("RL")) * w(W_RC, get("RC"))
    temporal = roundup(base * tf)

    miss = min(1 - (1 - w(W_CIA, mod("C")) * w(W_REQ, get("CR")))
               * (1 - w(W_CIA, mod("I")) * w(W_REQ, get("IR")))
               * (1 - w(W_CIA, mod("A")) * w(W_REQ, get("AR"))), F("0.915"))
    if mscope == "U":
        mimpact = F("6.42") * miss
    elif version == "3.0":
        mimpact = F("7.52") * (miss - F("0.029")) - F("3.25") * (miss - F("0.02")) ** 15
    else:
        mimpact = (F("7.52") * (miss - F("0.029"))
                   - F("3.25") * (miss * F("0.9731") - F("0.02")) ** 13)
    mpr = W_PR_C if mscope == "C" else W_PR_U
    mexpl = (F("8.22") * w(W_AV, mod("AV")) * w(W_AC, mod("AC")) * w(mpr, mod("PR"))
             * w(W_UI, mod("UI")))
    if mimpact <= 0:
        env = F(0)
    elif mscope == "U":
        env = roundup(roundup(min(mimpact + mexpl, 10)) * tf)
    else:
        env = roundup(roundup(min(F("1.08") * (mimpact + mexpl), 10)) * tf)
    return tuple(Decimal(x.numerator) / Decimal(x.denominator) for x in (base, temporal, env))


def vector(version, m, order):
    return f"CVSS:{version}/" + "/".join(f"{k}:{m[k]}" for k in order)


def cases():
    names = [k for k, _ in BASE]
    for version in ("3.0", "3.1"):
        for values in itertools.product(*[v for _, v in BASE]):
            m = dict(zip(names, values))
            yield version, m, names
            for e in "UPF":
                yield version, dict(m, E=e, RL="O", RC="R"), names + ["E", "RL", "RC"]
    rng = random.Random(20240601)
    for _ in range(30000):
        version = rng.choice(("3.0", "3.1"))
        m = {k: rng.choice(v) for k, v in BASE}
        for k, v in OPTIONAL:
            if rng.random() < 0.6:
                m[k] = rng.choice(v)
        order = list(m)
        if rng.random() < 0.3:
            rng.shuffle(order)
        yield version, m, order


def main():
    conn = psycopg2.connect("")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION IF NOT EXISTS isms")
    batch, failures, checked = [], 0, 0

    def flush():
        nonlocal failures, checked
        cur.execute("SELECT s.base, s.temporal, s.environmental FROM unnest(%s::text[])"
                    " WITH ORDINALITY AS v(vec, n), isms.cvss_scores(v.vec) s ORDER BY n",
                    ([b[0] for b in batch],))
        for (vec, want), got in zip(batch, cur.fetchall()):
            checked += 1
            if tuple(got) != want:
                failures += 1
                if failures <= 20:
                    print(f"FAIL {vec}: got {tuple(map(str, got))}, want {tuple(map(str, want))}")
        batch.clear()

    for version, m, order in cases():
        batch.append((vector(version, m, order), scores(version, m)))
        if len(batch) == 2000:
            flush()
    flush()
    print(f"{checked} CVSS v3 vectors checked against the exact formulas, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
