#!/usr/bin/python3
"""Fuzz the input and receive functions of likelihood, impact and risk_level.

Feeds 100,000 random and mutated strings to each of the three text input
functions and random byte strings to the binary receive functions.  Passes
when the server stays up, every rejected input fails with a documented
SQLSTATE (22P02, 22003 for text; 22P03 for binary), and every accepted value
reads back equal from its own output.  Deterministic (fixed seed).
"""
import os
import random
import struct
import sys
import io

try:
    import psycopg2
except ImportError:
    print("skip: python3-psycopg2 is not installed (make deps installs it as root): this test needs it")
    sys.exit(77)

N_TEXT = int(os.environ.get("ISMS_FUZZ_TEXT", "100000"))
N_BIN = int(os.environ.get("ISMS_FUZZ_BIN", "3000"))
TYPES = {
    "likelihood": ["rare", "unlikely", "possible", "likely", "almost_certain",
                   "improbable", "remote", "probable", "frequent", "low", "medium", "high"],
    "impact": ["negligible", "minor", "moderate", "major", "severe",
               "marginal", "serious", "critical", "catastrophic", "low", "medium", "high"],
    "risk_level": ["low", "medium", "high", "critical", "very_low", "moderate", "very_high"],
}
TEXT_OK = {"22P02", "22003"}
BIN_OK = {"22P03", "22003"}
rng = random.Random(20261128)
ALPHABET = "0123456789/ _-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n+.,;:'\"\\é€日"


def seeds(labels):
    out = list(labels) + [l.upper() for l in labels] + [l.replace("_", " ") for l in labels]
    out += [str(k) for k in range(0, 13)] + [f"{k}/{n}" for n in range(0, 12) for k in range(0, 12)]
    out += [f"{l}/{n}" for l in labels for n in (3, 4, 5, 11)]
    return out


def mutate(s):
    s = list(s)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randint(0, len(s))
        if op == 0:
            s.insert(pos, rng.choice(ALPHABET))
        elif op == 1 and s:
            del s[min(pos, len(s) - 1)]
        elif op == 2 and s:
            s[min(pos, len(s) - 1)] = rng.choice(ALPHABET)
        elif op == 3:
            s = [" "] * rng.randint(0, 3) + s + [" "] * rng.randint(0, 3)
        elif op == 4 and s:
            s = s[:pos]
        else:
            s = s + s[: rng.randint(0, len(s))]
    return "".join(s)


def random_string():
    n = rng.choice([0, 1, 2, 3, 5, 8, 13, 40, 200])
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def strings(labels):
    base = seeds(labels)
    out = list(base)
    while len(out) < N_TEXT:
        r = rng.random()
        if r < 0.45:
            out.append(mutate(rng.choice(base)))
        elif r < 0.9:
            out.append(random_string())
        else:
            out.append(str(rng.randint(-5, 10**rng.randint(1, 25))))
    return out


FUZZ_FN = """
CREATE FUNCTION pg_temp.fuzz_{t}(inputs text[]) RETURNS TABLE (state text, n bigint)
LANGUAGE plpgsql AS $$
DECLARE
    s text;
    v isms.{t};
    st text;
    counts jsonb := '{{}}';
BEGIN
    FOREACH s IN ARRAY inputs LOOP
        BEGIN
            v := s::isms.{t};
            IF v::text::isms.{t} = v AND isms.{t}_cmp(v, v::text::isms.{t}) = 0 THEN
                st := 'accepted';
            ELSE
                st := 'roundtrip-mismatch';
            END IF;
        EXCEPTION WHEN OTHERS THEN
            st := SQLSTATE;
        END;
        counts := jsonb_set(counts, ARRAY[st], to_jsonb(coalesce((counts->>st)::bigint, 0) + 1));
    END LOOP;
    RETURN QUERY SELECT key, value::bigint FROM jsonb_each_text(counts);
END $$;
"""


def copy_binary(cur, table, field):
    buf = io.BytesIO()
    buf.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0))
    buf.write(struct.pack("!hi", 1, len(field)) + field)
    buf.write(struct.pack("!h", -1))
    buf.seek(0)
    cur.copy_expert(f"COPY {table} FROM STDIN (FORMAT binary)", buf)


def main():
    conn = psycopg2.connect("")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE DATABASE isms_fuzz")
    conn.close()
    failures = 0
    conn = None
    try:
        conn = psycopg2.connect(dbname="isms_fuzz")
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute("CREATE EXTENSION isms")
        cur.execute("SET search_path = isms, public")
        cur.execute("SELECT pg_postmaster_start_time()")
        started = cur.fetchone()[0]
        for t, labels in TYPES.items():
            cur.execute(FUZZ_FN.format(t=t))
            totals = {}
            inputs = strings(labels)
            for i in range(0, len(inputs), 5000):
                # NUL bytes cannot reach a text input function; drop them
                batch = [s.replace("\0", "") for s in inputs[i:i + 5000]]
                cur.execute(f"SELECT * FROM pg_temp.fuzz_{t}(%s)", (batch,))
                for state, n in cur.fetchall():
                    totals[state] = totals.get(state, 0) + n
            bad = {k: v for k, v in totals.items() if k not in TEXT_OK | {"accepted"}}
            print(f"{t}: {len(inputs)} strings: {dict(sorted(totals.items()))}")
            if bad or totals.get("accepted", 0) < 100:
                print(f"FAIL: {t}: unexpected outcomes {bad}")
                failures += 1

            # binary receive: random 2-byte values and random byte strings
            cur.execute(f"CREATE TABLE fuzz_{t} (v isms.{t})")
            outcomes = {}
            for i in range(N_BIN):
                if i < N_BIN // 3:
                    field = struct.pack("!H", rng.randrange(65536))
                elif i < 2 * N_BIN // 3:
                    field = struct.pack("!H", rng.randrange(1024))   # the used bits only
                else:
                    field = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 3, 4, 7])))
                try:
                    copy_binary(cur, f"fuzz_{t}", field)
                    outcomes["accepted"] = outcomes.get("accepted", 0) + 1
                except psycopg2.Error as e:
                    outcomes[e.pgcode] = outcomes.get(e.pgcode, 0) + 1
            # every accepted binary value must read back from its own text
            cur.execute(f"SELECT count(*) FROM fuzz_{t} WHERE v::text::isms.{t} <> v")
            mismatched = cur.fetchone()[0]
            print(f"{t}: {N_BIN} binary values: {dict(sorted(outcomes.items()))}, "
                  f"round-trip mismatches {mismatched}")
            bad = {k: v for k, v in outcomes.items() if k not in BIN_OK | {"accepted"}}
            if bad or mismatched:
                print(f"FAIL: {t}: unexpected binary outcomes {bad}")
                failures += 1
        cur.execute("SELECT pg_postmaster_start_time()")
        if cur.fetchone()[0] != started:
            print("FAIL: the server restarted during the fuzz run")
            failures += 1
        conn.close()
    finally:
        if conn is not None and not conn.closed:
            conn.close()
        conn = psycopg2.connect("")
        conn.autocommit = True
        conn.cursor().execute("DROP DATABASE IF EXISTS isms_fuzz")
        conn.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
