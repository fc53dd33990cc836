#!/usr/bin/python3
"""Call every SQL-callable function of isms as an unprivileged role.

The functions come from the catalog (pg_proc joined with pg_depend on the
extension), so a new function is fuzzed without a change here.  The caller is
a role with only USAGE on schema isms and SELECT on its tables, with
statement_timeout = 2s, in a database holding the demo organization.  Each
function is called with boundary arguments, one argument at a time, then with
random combinations (fixed seed); per argument type: NULL, empty, huge
numbers, NaN, +-Infinity, typmods -1..20, 1 MB strings, JSON nested 10,000
levels, malformed and hostile XML, empty, huge and oddly shaped arrays, and
the values the function expects (CVSS vectors, FAIR models, scanner reports,
OSCAL catalogs), intact and mutated.  Aggregates run over VALUES, over many
rows, and in forced parallel plans (combine, serialize, deserialize);
trigger functions are attached to temporary tables of wrong shapes.

Passes when no call crashes the server (connection lost, postmaster restart,
"terminated by signal" in the server log) and no call runs more than 1 s past
the timeout.  Errors are fine: they are counted per function, and internal
errors (XX000) are listed.  Bounded: the boundary calls are a fixed list
(about 12,000); then ISMS_FUZZ_RANDOM random calls per function (default
25), for at most ISMS_FUZZ_SECONDS (default 60).  About 2 minutes in all
when nothing crashes (each crash costs some 10 s of crash recovery).
"""
import glob
import json
import os
import random
import re
import struct
import subprocess
import sys
import threading
import time
import io

try:
    import psycopg2
except ImportError:
    print("skip: python3-psycopg2 is not installed (make deps installs it as root): this test needs it")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DB = "isms_fuzz_functions"
ROLE = "isms_fuzz_caller"
PASSWORD = "isms-fuzz-caller"
TIMEOUT = 2.0                       # statement_timeout of the caller, seconds
GRACE = 1.0                         # a call may overrun the timeout by this much
N_RANDOM = int(os.environ.get("ISMS_FUZZ_RANDOM", "25"))
BUDGET = float(os.environ.get("ISMS_FUZZ_SECONDS", "60"))      # of the random calls
MAX_CRASHES_PER_FUNCTION = 2        # then the function is left alone (reported)
MAX_TIMEOUTS_PER_FUNCTION = 2
rng = random.Random(20261202)

# Functions deliberately not called directly, with the reason.  Functions
# with an argument of type internal are added at run time (no SQL value of
# type internal can be written); they are exercised through what calls them.
SKIP = {}


def q(s):
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def e(s):
    """A SQL escape-string literal (control characters)."""
    return "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


# ---------------------------------------------------------------- values
# Every value is a SQL expression; the caller casts it to the argument type.

HUGE_TEXT = "repeat('a', 1048576)"
DEEP_JSON_ARRAY = "(repeat('[', 10000) || repeat(']', 10000))::jsonb"
DEEP_JSON_OBJECT = "(repeat('{\"a\": ', 10000) || '1' || repeat('}', 10000))::jsonb"
DEEP_XML = "(repeat('<a>', 10000) || repeat('</a>', 10000))"

INT4_BOUNDARY = ["NULL"] + [str(i) for i in range(-1, 21)] + [
    "2147483647", "-2147483648", "-2", "100", "1000", "10000", "10001", "100000",
    "1000000", "10000000", "10000001", "65535", "65536", "32767", "-32768"]
INT8_BOUNDARY = ["NULL", "0", "1", "-1", "2", "3", "5", "42", "9223372036854775807",
                 "-9223372036854775808", "2147483648", "4294967296"]
NUMERIC_BOUNDARY = ["NULL", "0", "-0", "1", "-1", "0.5", "10", "9.9", "10.1", "'NaN'",
                    "'Infinity'", "'-Infinity'", "1e308", "-1e308", "'1e131071'",
                    "'-1e131071'", "'1e-16383'", "0.000000000000000000001",
                    "99999999999999999999999999999999999999"]
FLOAT8_BOUNDARY = ["NULL", "0", "'-0'", "1", "-1", "0.5", "'NaN'", "'Infinity'", "'-Infinity'",
                   "1.7976931348623157e308", "-1.7976931348623157e308", "1.7e308",
                   "'4.9e-324'", "1e-300", "1e300", "100", "1e15"]
BOOL_BOUNDARY = ["NULL", "true", "false"]
DATE_BOUNDARY = ["NULL", "'infinity'", "'-infinity'", "'4713-01-01 BC'", "'5874897-12-31'",
                 "'2025-01-01'", "'2025-12-31'", "'2000-02-29'", "current_date"]
TSTZ_BOUNDARY = ["NULL", "'infinity'", "'-infinity'", "'4713-01-01 00:00 BC'",
                 "'294276-12-31 23:59:59+00'", "now()", "'2025-06-01 00:00+00'", "'epoch'",
                 "now() - interval '1 year'", "now() + interval '100 years'"]
INTERVAL_BOUNDARY = ["NULL", "'0'", "'1 day'", "'-1 day'", "'1 microsecond'",
                     "'178000000 years'", "'-178000000 years'", "'2147483647 days'",
                     "'-2147483648 months'", "'9223372036854775807 microseconds'",
                     "'-9223372036854775808 microseconds'", "'30 days 12:00'"]
OID_BOUNDARY = ["NULL", "0", "1", "23", "25", "4294967295", "'isms.likelihood'::regtype::oid",
                "'isms.impact'::regtype::oid", "'isms.risk_level'::regtype::oid"]
REGCLASS_BOUNDARY = ["NULL", "'isms.risk'", "'isms.asset'", "'isms.risk_history'",
                     "'isms.audit_log'", "'isms.control'", "'pg_class'", "'pg_authid'", "0",
                     "1", "4294967295", "'isms.risk_matrix'", "'pg_temp.fuzz_tmp'",
                     "'information_schema.tables'"]
ANYELEMENT_BOUNDARY = ["NULL::isms.risk", "NULL::isms.asset", "NULL::isms.risk_history",
                       "NULL::integer", "1", "'x'::text", "NULL::pg_class", "NULL::isms.control",
                       "NULL::pg_temp.fuzz_tmp", "NULL::isms.likelihood"]
BYTEA_BOUNDARY = ["NULL", "''::bytea", "'\\x00'::bytea", "'\\xff'::bytea",
                  "decode(repeat('ff', 1048576), 'hex')", "decode(repeat('00', 64), 'hex')",
                  "sha256('x')", "'\\x7fffffff'::bytea", "'\\xffffffffffffffff'::bytea"]

TEXT_BOUNDARY = [
    "NULL", "''", "' '", "'a'", HUGE_TEXT, "repeat('x', 9000)", "repeat('日', 100000)",
    e("\x01\x1b[31mred\x1b[0m\x7f\x0b\x0c"), "'NaN'", "'Infinity'", "'-1'", "'1e400'",
    "'%s%n%x'", "'\\'", "'\"'", "'<'", "'&amp'", "'\uFFFE\uFFFF'", "'\U0001F600'",
    "'<a>'", "'<a></b>'", "'<?xml version=\"1.0\"?>'", "'<a xmlns:x=\"u\"><x:b/></a>'",
    "'<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>'",
    q('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'),
    q('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;'
      '&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;'
      '&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;'
      '&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><l>&g;</l>'),
    q('<!DOCTYPE a SYSTEM "http://127.0.0.1:1/x.dtd"><a/>'),
    q('<a><![CDATA[x]]></a>'), DEEP_XML, "repeat('<a>', 10000)",
    "(SELECT doc FROM public.fuzz_doc WHERE name = 'nessus')",
    "(SELECT doc FROM public.fuzz_doc WHERE name = 'openvas')",
    "(SELECT doc FROM public.fuzz_doc WHERE name = 'oscal_xml')",
    "'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'",
    "'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'",
    "'rare'", "'high'", "'residual'", "'financial'", "'risks_open'", "'1718000000'",
]

# Values the functions expect, by argument name (or function name): the
# boundary values reach the checks, these reach the code behind them.
CVSS = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:N",
    "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N/E:U/RL:O/RC:U/CR:H/IR:H/AR:H/MAV:N/MAC:L/MPR:N/"
    "MUI:N/MS:C/MC:H/MI:H/MA:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H/E:U/CR:H/IR:L/AR:M/MAV:N/"
    "MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:Y/R:U/V:C/RE:H/U:Red",
    "AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:N",
    "AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N", "CVSS:3.1/", "CVSS:3.1", "CVSS:4.0/AV:N",
]
FAIR_MODELS = [
    {"lef": 0.1, "lm": {"lognormal": [1, 10]}},
    {"lef": 2, "lm": {"lognormal": [100, 1000]}},
    {"lef": {"tef": 3, "vulnerability": 0.5}, "lm": 1},
    {"lef": {"pert": [1, 2, 10], "gamma": 4}, "lm": {"primary": 5, "secondary":
                                                     {"frequency": 0.1, "magnitude": 5}}},
    {"lef": {"uniform": [0, 1]}, "lm": {"normal": [10, 1]}},
    {"lef": {"constant": 0}, "lm": 5},
    {"lef": 1000, "lm": 1},
    {"lef": 1e8, "lm": 1e30},
]
FAIR_KEYS = ["lef", "lm", "tef", "vulnerability", "contact", "primary", "secondary", "frequency",
             "magnitude", "pert", "lognormal", "normal", "uniform", "constant", "gamma", "x", ""]
JSON_NUMBERS = [0, -1, 1, 0.5, 2, 3, 10, 1e8, 1e30, 1e300, 1.7e308, 5e-324, -1e308, 1000000,
                2147483648, 9.3e18]
OCTAVE_AREAS = ["reputation_and_customer_confidence", "financial", "productivity",
                "safety_and_health", "fines_and_legal_penalties", "customer_data", "Bad Name", ""]


def random_fair(depth=0):
    """A random FAIR-like model: the vocabulary of the parser, random shapes."""
    r = rng.random()
    if depth > 3 or r < 0.3:
        return rng.choice([rng.choice(JSON_NUMBERS), [rng.choice(JSON_NUMBERS)
                                                     for _ in range(rng.randint(0, 4))],
                           "x", None, True])
    return {rng.choice(FAIR_KEYS): random_fair(depth + 1) for _ in range(rng.randint(0, 3))}


def jsonb(v):
    return q(json.dumps(v)) + "::jsonb"


def mutate(s, n=None):
    """Cut, duplicate or flip a few characters of s."""
    s = list(s)
    for _ in range(n or rng.randint(1, 5)):
        if not s:
            break
        op = rng.randrange(5)
        p = rng.randrange(len(s))
        if op == 0:
            del s[p:p + rng.randint(1, 20)]
        elif op == 1:
            s.insert(p, rng.choice("<>&\"'/=;:#x0-9 \n]}{[,"))
        elif op == 2:
            s[p] = rng.choice("<>&\"'/=;:x09 ")
        elif op == 3:
            s = s[:p]
        else:
            q0 = rng.randrange(len(s))
            s[p:p] = s[q0:q0 + rng.randint(1, 200)]
    return "".join(s)


def text_array(vals):
    return "ARRAY[" + ", ".join(q(v) for v in vals) + "]::text[]"


GRID5 = ("ARRAY[['low','low','medium','medium','high'],['low','medium','medium','high','high'],"
         "['medium','medium','high','high','critical'],['medium','high','high','critical','critical'],"
         "['high','high','critical','critical','critical']]::isms.risk_level(4)[]")
SCALE_TYPES = ["isms.likelihood", "isms.impact", "isms.risk_level"]
LABELS = {"isms.likelihood": ["rare", "unlikely", "possible", "likely", "almost_certain"],
          "isms.impact": ["negligible", "minor", "moderate", "major", "severe"],
          "isms.risk_level": ["low", "medium", "high", "critical"]}


def scale_values(t):
    base = t.split(".")[1]
    return (["NULL"] + [q(l) for l in LABELS[t]] + ["'1/2'", "'2/2'", "'1/10'", "'10/10'", "'3/5'",
                                                    "'7/7'", "'1/3'"]
            + [f"isms.{base}_from_integer({k}, {n}, false)" for n, k in ((2, 1), (10, 10), (5, 3))])


SOA_ENTRY = ("ROW('A.5.1', 'Policies', 'organizational', true, 'required', 'implemented', 'ciso',"
             " 'policy.pdf', '2025-01-01')::isms.soa_entry")
SOA_BAD = ("ROW(" + e("A.5.\x01") + ", " + e("\x1b[31m<t>&") + ", NULL, NULL, " + e("\x02x")
           + ", 'bogus', NULL, " + HUGE_TEXT + ", 'infinity')::isms.soa_entry")

TYPE_POOLS = {
    "integer": INT4_BOUNDARY,
    "bigint": INT8_BOUNDARY,
    "numeric": NUMERIC_BOUNDARY,
    "double precision": FLOAT8_BOUNDARY,
    "boolean": BOOL_BOUNDARY,
    "date": DATE_BOUNDARY,
    "timestamp with time zone": TSTZ_BOUNDARY,
    "interval": INTERVAL_BOUNDARY,
    "oid": OID_BOUNDARY,
    "regclass": REGCLASS_BOUNDARY,
    "anyelement": ANYELEMENT_BOUNDARY,
    "bytea": BYTEA_BOUNDARY,
    "text": TEXT_BOUNDARY,
    "xml": ["NULL", "'<a/>'", "'<a>&amp;</a>'", "XMLPARSE(CONTENT 'plain text')",
            "xmlconcat('<a/>'::xml, '<b/>'::xml)", "xmlcomment('x')",
            "xmlelement(name a, " + e("\x01\x1b[31m\x7f") + ")",
            "xmlelement(name a, xmlattributes(" + e("\x02") + " AS b), " + e("\ufffe") + ")",
            "xmlelement(name a, " + HUGE_TEXT + ")", "(" + DEEP_XML + ")::xml",
            "XMLPARSE(DOCUMENT '<?xml version=\"1.0\"?><a/>')"],
    "cstring": [v for v in TEXT_BOUNDARY if v != HUGE_TEXT] + ["'3'", "'3/5'", "' 2 / 4 '",
                                                              "'0/5'", "'6/5'", "'1/11'", "'1/0'"],
    "cstring[]": ["NULL", "'{}'", "'{5}'", "'{-1}'", "'{0}'", "'{1}'", "'{2}'", "'{10}'", "'{11}'",
                  "'{15}'", "'{16}'", "'{2147483647}'", "'{99999999999}'", "'{a}'", "'{5,5}'",
                  "'{NULL}'", "'{\" 5 \"}'", "'{1e3}'", "'{{5}}'"],
    "jsonb": ["NULL", "'{}'", "'[]'", "'null'", "'0'", "'\"x\"'", "'true'", "'1e400'", "'-1'",
              DEEP_JSON_ARRAY, DEEP_JSON_OBJECT,
              "(SELECT jsonb_agg(i) FROM generate_series(1, 100000) i)",
              "(SELECT jsonb_object_agg('k' || i, i) FROM generate_series(1, 100000) i)",
              "jsonb_build_object('x', " + HUGE_TEXT + ")",
              "(SELECT doc::jsonb FROM public.fuzz_doc WHERE name = 'oscal_json')"]
    + [jsonb(m) for m in FAIR_MODELS],
    "integer[]": ["NULL", "'{}'", "'{NULL}'", "'{5,4,3,2,1}'", "'{3,3,3,3,3}'", "'{1}'",
                  "'{2147483647,2147483647}'", "'{-1,-2}'", "'{0}'", "'{{1,2},{3,4}}'",
                  "'[0:1]={1,2}'", "array_fill(5, ARRAY[1000000])", "array_fill(1, ARRAY[3,3,3])"],
    "text[]": ["NULL", "'{}'", "'{NULL}'", "'{\"\"}'", text_array(OCTAVE_AREAS[:6]),
               text_array(["financial", "financial"]), text_array(["Bad Name"]),
               "array_fill('financial'::text, ARRAY[100000])", "ARRAY[" + HUGE_TEXT + "]",
               "'{{a,b},{c,d}}'", "'[0:1]={financial,productivity}'"],
    "double precision[]": ["NULL", "'{}'", "'{NULL}'", "'{0,1.7e308}'", "'{1,0}'", "'{0,1}'",
                           "'{NaN,NaN}'", "'{Infinity,-Infinity}'", "'{1e-300,1e300}'",
                           "'{-1,-2}'", "'{1,0.5,0.1}'", "'{1,1,1}'", "'{{1,2},{3,4}}'",
                           "'[0:1]={1,0}'",
                           "(SELECT array_agg(i::float8) FROM generate_series(1, 1000000) i)",
                           "(SELECT array_agg(1.0 / i) FROM generate_series(1, 100000) i)",
                           "'{5e-324,1.7976931348623157e308}'"],
    "bigint[]": ["NULL", "'{}'", "'{NULL}'", "'{1,2,3}'", "'{-1}'", "'{9223372036854775807}'",
                 "array_fill(9223372036854775807::bigint, ARRAY[5,5])",
                 "array_fill(1::bigint, ARRAY[5,5])", "array_fill(-1::bigint, ARRAY[5,5])",
                 "array_fill(1::bigint, ARRAY[1000000])", "array_fill(0::bigint, ARRAY[3,3])",
                 "'[0:1]={1,2}'", "(SELECT array_agg(id) FROM isms.risk)"],
    "isms.risk_level[]": ["NULL", "'{}'", "'{NULL}'", GRID5, "ARRAY['low','high']::isms.risk_level[]",
                          "ARRAY[['low','low','medium'],['low','medium','high'],"
                          "['medium','high','high']]::isms.risk_level(3)[]",
                          "array_fill('3/5'::isms.risk_level(5), ARRAY[4, 6])",
                          "array_fill('high'::isms.risk_level, ARRAY[1000000])",
                          "array_fill('high'::isms.risk_level, ARRAY[1000, 1000])",
                          "array_fill('high'::isms.risk_level, ARRAY[5, 5], ARRAY[0, 0])",
                          "array_fill('1/2'::isms.risk_level(2), ARRAY[10, 10])",
                          "array_fill('10/10'::isms.risk_level(10), ARRAY[10, 10])",
                          "array_fill(NULL::isms.risk_level, ARRAY[5, 5])",
                          "array_fill('high'::isms.risk_level, ARRAY[2, 2, 2])",
                          "array_fill('high'::isms.risk_level, ARRAY[1, 1])"],
    "isms.soa_entry[]": ["NULL", "'{}'", f"ARRAY[{SOA_ENTRY}]", f"ARRAY[{SOA_BAD}]",
                         "ARRAY[NULL::isms.soa_entry]", "ARRAY[ROW(NULL,NULL,NULL,NULL,NULL,NULL,"
                         "NULL,NULL,NULL)::isms.soa_entry]",
                         f"ARRAY[{SOA_ENTRY}, {SOA_ENTRY}]",
                         "(SELECT array_agg(ROW('A.' || i, repeat('t', 100), 'x', i % 2 = 0, 'j',"
                         " 'planned', 'o', 'e', NULL)::isms.soa_entry) FROM generate_series(1, 100000) i)",
                         f"array_fill({SOA_ENTRY}, ARRAY[2, 2])"],
}
for t in SCALE_TYPES:
    TYPE_POOLS[t] = scale_values(t)

# Hints: argument name (or function:position) -> values the function expects.
HINTS = {
    "vector": [q(v) for v in CVSS],
    "levels": [str(i) for i in range(0, 12)],
    "doc:text": ["(SELECT doc FROM public.fuzz_doc WHERE name = 'nessus')",
                 "(SELECT doc FROM public.fuzz_doc WHERE name = 'openvas')",
                 "(SELECT doc FROM public.fuzz_doc WHERE name = 'oscal_xml')"],
    "doc:jsonb": ["(SELECT doc::jsonb FROM public.fuzz_doc WHERE name = 'oscal_json')"],
    "model": [jsonb(m) for m in FAIR_MODELS],
    "node": [jsonb(m) for m in ({"normal": [10, 1]}, {"lognormal": [100, 10000]}, {"pert": [1, 2, 10]},
                                {"uniform": [0, 1]}, 7.5, {"pert": [3, 3, 3]}, {"constant": 1})],
    "iterations": ["1", "10", "1000", "20000", "10000000"],
    "n": ["1", "10", "1000", "10000000"],
    "points": ["1", "2", "20", "10000"],
    "seed": ["1", "42", "-1", "0", "9223372036854775807"],
    "matrix:text": ["NULL", "'default'", "'ISO 27005 5x5'", "'nonexistent'"],
    "matrix:bigint": ["1", "2", "NULL"], "matrix_id": ["1", "2"], "to_matrix": ["1", "2"],
    "from_matrix": ["1", "2", "NULL"],
    "kind": ["'residual'", "'inherent'", "'current'", "'target'"],
    "category": ["NULL", "'operational'", "'compliance'"],
    "probability": ["'low'", "'medium'", "'high'"],
    "impacts": [jsonb({"financial": "high", "customer_data": "low"}),
                jsonb({a: "high" for a in OCTAVE_AREAS[:6]})],
    "areas": [text_array(OCTAVE_AREAS[:6])],
    "kpi": ["'risks_open'", "'risks_by_residual_level'", "'controls_implementation_rate'"],
    "value:text": ["'1718000000'", "'2024-06-10T23:45:00+02:00'", "'Tue Jun 11 08:00:00 2024'",
                   "'99999999999999999999'", "'-99999999999'", "'Feb 30 2024'"],
    "hostname": ["'web01'", "'web01.example.com'"], "address": ["'10.0.0.5'", "'::1'"],
    "framework": ["'ISO/IEC 27001:2022'", "'Example catalog'"],
    "grid": [GRID5], "counts": ["array_fill(1::bigint, ARRAY[5,5])"],
    # two points each: the two-point boundary arrays of the other argument pair up
    "losses": ["'{0,1}'", "'{0,1,10,100}'"], "probabilities": ["'{1,0}'", "'{1,0.5,0.1,0}'"],
    "entries": [f"ARRAY[{SOA_ENTRY}]"], "priorities": ["'{5,4,3,2,1}'"],
    "impact_values": ["'{3,2,1,2,3}'"], "score": ["3", "10"], "max_score": ["15", "45"],
    "pool": ["1", "2", "3", "4"], "props": [jsonb([{"name": "label", "value": "A.5.1"}])],
    "links": [jsonb([{"href": "#x", "rel": "related"}])],
    "tbl": ["'isms.risk'", "'isms.asset'"], "at": ["now()", "'2025-01-01'"],
    "level": ["'high'", "'low'"], "org": ["1"], "org_id": ["1"], "asset_id": ["1", "NULL"],
    "as_of": ["current_date", "'2030-01-01'"], "from_date": ["'2025-01-01'"],
    "to_date": ["'2025-12-31'"], "asset_value": ["1000"], "exposure_factor": ["0.5"],
    "sle": ["500"], "aro": ["0.1"], "frequency": ["0.1"], "low": ["1"], "high": ["10"],
    "keep": ["'{}'"], "framework_id": ["1"], "risk_id": ["1"], "reported": ["7.5"],
    "anchor_id": ["1"], "anchor_hash": ["sha256('x')"], "title": ["'t'"], "currency": ["'EUR'"],
    "organization": ["'Example Ltd'"], "framework_version": ["'2022'"], "generated": ["now()"],
    "description": ["'d'"], "level_scale": ["4"], "likelihood_levels": ["5"],
    "impact_levels": ["5"], "informational": ["true"], "name": ["'fuzz'"],
}


def typed(expr, t):
    if t in ("anyelement",):
        return expr
    return f"({expr})::{t}"


# ------------------------------------------------------------ the harness

class Harness:
    def __init__(self, admin_dsn, caller_dsn, set_role):
        self.admin_dsn = admin_dsn
        self.caller_dsn = caller_dsn
        self.set_role = set_role
        self.crashes = []          # (function, sql, message)
        self.timeouts = []         # (function, sql, seconds)
        self.internal = []         # (function, sql, message)
        self.stats = {}            # function -> {outcome: count}
        self.seconds = {}          # function -> seconds spent in its calls
        self.crash_count = {}
        self.timeout_count = {}
        self.calls = 0
        self.conn = None
        self.admin = None
        self.current = None        # (backend pid, start, call number) of the running call
        self.connect()
        threading.Thread(target=self.watch, daemon=True).start()

    def connect(self):
        self.admin = psycopg2.connect(self.admin_dsn)
        self.admin.autocommit = True
        self.conn = psycopg2.connect(self.caller_dsn)
        self.conn.autocommit = True
        cur = self.conn.cursor()
        if self.set_role:
            cur.execute(f"SET SESSION AUTHORIZATION {ROLE}")
        cur.execute(f"SET statement_timeout = '{int(TIMEOUT * 1000)}ms'")
        cur.execute("SET client_min_messages = error")
        cur.execute("CREATE TEMP TABLE fuzz_tmp (id int PRIMARY KEY, updated_at text)")

    def server_survived(self):
        """Whether the other session lives on for 2 s (the postmaster drops
        every session after a crash, a moment after the crashed one)."""
        for _ in range(20):
            try:
                self.admin.cursor().execute("SELECT 1")
            except psycopg2.Error:
                return False
            time.sleep(0.1)
        return True

    def wait_for_server(self):
        for _ in range(600):
            try:
                c = psycopg2.connect(self.admin_dsn)
                c.close()
                return
            except psycopg2.Error:
                time.sleep(0.1)
        raise RuntimeError("the server did not come back within 60 s")

    def watch(self):
        """Cancel, then terminate, a call far past its timeout: the client
        would otherwise wait for a loop that never checks for interrupts."""
        acted = None
        while True:
            time.sleep(1)
            current = self.current
            if current is None:
                continue
            pid, start, call = current
            age = time.monotonic() - start
            step = "pg_terminate_backend" if age > 60 else "pg_cancel_backend" if age > 30 else None
            if step and acted != (call, step):
                acted = (call, step)
                try:
                    c = psycopg2.connect(self.admin_dsn)
                    c.autocommit = True
                    c.cursor().execute(f"SELECT {step}(%s)", (pid,))
                    c.close()
                except psycopg2.Error:
                    pass

    def execute(self, fname, sql, retry=True):
        """Run sql as the caller; record crashes, timeouts, internal errors.
        Returns the outcome: 'ok', a SQLSTATE, 'crash' or 'skipped'."""
        if self.crash_count.get(fname, 0) >= MAX_CRASHES_PER_FUNCTION or \
                self.timeout_count.get(fname, 0) >= MAX_TIMEOUTS_PER_FUNCTION:
            return "skipped"
        self.calls += 1
        start = time.monotonic()
        self.current = (self.conn.get_backend_pid(), start, self.calls)
        outcome = "ok"
        message = ""
        try:
            cur = self.conn.cursor()
            cur.execute(sql)
            if cur.description:
                cur.fetchall()
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as ex:
            if self.conn.closed:
                outcome = "crash"
                message = str(ex).strip().splitlines()[0] if str(ex).strip() else type(ex).__name__
            else:
                outcome = ex.pgcode or "?"
                message = (ex.pgerror or "").strip()
        except psycopg2.Error as ex:
            outcome = ex.pgcode or "?"
            message = (ex.pgerror or "").strip()
        finally:
            self.current = None
        elapsed = time.monotonic() - start
        self.seconds[fname] = self.seconds.get(fname, 0) + elapsed
        st = self.stats.setdefault(fname, {})
        st[outcome] = st.get(outcome, 0) + 1
        if outcome == "crash":
            # every session is dropped when a backend crashes; a session
            # that merely ended (FATAL, terminated) leaves the others alone
            if self.server_survived():
                message = "connection lost, the server did not restart: " + message
            self.crash_count[fname] = self.crash_count.get(fname, 0) + 1
            self.crashes.append((fname, sql, message))
            print(f"CRASH  {fname}: {short(sql)}: {message}", flush=True)
            self.wait_for_server()
            self.connect()
            return outcome
        if elapsed > TIMEOUT + GRACE:
            if retry:
                # a loaded machine can delay one call: a finding repeats
                again = self.execute(fname, sql, retry=False)
                self.calls -= 1
                st[outcome] -= 1
                return again
            self.timeout_count[fname] = self.timeout_count.get(fname, 0) + 1
            self.timeouts.append((fname, sql, elapsed))
            print(f"SLOW   {fname}: {elapsed:.1f} s ({outcome}): {short(sql)}", flush=True)
        if outcome == "XX000":
            self.internal.append((fname, sql, message.splitlines()[0] if message else ""))
        return outcome


def short(sql, n=300):
    sql = " ".join(sql.split())
    return sql if len(sql) <= n else sql[:n] + " ..."


def functions(admin):
    cur = admin.cursor()
    cur.execute("""
        SELECT p.oid, p.oid::regprocedure::text, p.proname, p.prokind, p.proretset,
               p.prorettype = 'trigger'::regtype,
               ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, o)
                      ORDER BY o),
               coalesce(p.proargnames, '{}'), p.pronargdefaults,
               coalesce(p.proargmodes, '{}')
          FROM pg_proc p
          JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                           AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
          JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'isms'
         ORDER BY p.oid""")
    out = []
    for oid, sig, name, kind, retset, is_trigger, types, names, ndefaults, modes in cur.fetchall():
        # proargnames covers OUT arguments too; keep the input ones
        if modes:
            names = [n for n, m in zip(list(names) + [""] * len(modes), modes) if m in ("i", "b", "v")]
        names = list(names) + [""] * len(types)
        out.append(dict(oid=oid, sig=sig, name=name, kind=kind, retset=retset,
                        trigger=is_trigger, types=types, names=names[:len(types)],
                        ndefaults=ndefaults))
    return out


def pool_for(fn, i):
    t = fn["types"][i]
    name = fn["names"][i]
    hints = HINTS.get(f"{name}:{t.split('.')[-1]}") or HINTS.get(name) or []
    if fn["name"].endswith("_from_integer") and i == 0:
        hints = [str(k) for k in range(-1, 12)]
    if fn["name"].endswith("_in") and t == "cstring":
        base = fn["name"][:-3]
        hints = [q(l) for l in LABELS.get("isms." + base, [])] + ["'3'", "'3/5'", "'10/10'"]
    boundary = TYPE_POOLS.get(t)
    if boundary is None:
        boundary = ["NULL"]
    return boundary, hints


def typical(fn, i):
    boundary, hints = pool_for(fn, i)
    if hints:
        return hints[0]
    for v in boundary:
        if v != "NULL":
            return v
    return "NULL"


def call_sql(fn, args):
    name = fn["sig"].split("(")[0]
    argl = ", ".join(typed(a, t) for a, t in zip(args, fn["types"]))
    if fn["kind"] == "p":
        return f"CALL {name}({argl})"
    if fn["retset"]:
        return f"SELECT count(*), sum(length(f::text)) FROM {name}({argl}) f"
    return f"SELECT length(({name}({argl}))::text)"


def agg_sql(fn, rows, where=""):
    """An aggregate over a VALUES list (rows: lists of argument expressions)."""
    name = fn["sig"].split("(")[0]
    cols = [f"c{k}" for k in range(len(fn["types"]))]
    values = ", ".join("(" + ", ".join(typed(a, t) for a, t in zip(r, fn["types"])) + ")"
                       for r in rows)
    return (f"SELECT length(({name}({', '.join(cols)}))::text) FROM (VALUES {values}) v"
            f"({', '.join(cols)}) {where}")


# the setting the functions of the current organization read
ORG_IDS = ["''", "'1'", "'2'", "'-1'", "'0'", "'9223372036854775807'", "'abc'", "'1e400'",
           "' 1 '", "DEFAULT"]


def boundary_sqls(fn):
    """The typical call, all NULLs, defaulted arguments left out, then each
    argument in turn through its boundary and expected values."""
    n = len(fn["types"])
    base = [typical(fn, i) for i in range(n)]
    sqls = [call_sql(fn, base), call_sql(fn, ["NULL"] * n)]
    for k in range(n - fn["ndefaults"], n):
        sqls.append(call_sql(dict(fn, types=fn["types"][:k]), base[:k]))
    for i in range(n):
        boundary, hints = pool_for(fn, i)
        for v in boundary + hints:
            args = list(base)
            args[i] = v
            sqls.append(call_sql(fn, args))
    return list(dict.fromkeys(sqls))


def random_args(fn):
    args = []
    for i, t in enumerate(fn["types"]):
        boundary, hints = pool_for(fn, i)
        if t == "jsonb" and rng.random() < 0.3:
            args.append(jsonb(random_fair()))
        elif t == "text" and rng.random() < 0.2:
            args.append(q(mutate(rng.choice(CVSS + ["1718000000", "rare", "residual"]))))
        elif hints and rng.random() < 0.5:
            args.append(rng.choice(hints))
        else:
            args.append(rng.choice(boundary))
    return args


def random_sql(fn):
    if fn["kind"] == "a":
        return agg_sql(fn, [random_args(fn) for _ in range(rng.randint(1, 4))])
    return call_sql(fn, random_args(fn))


# partial aggregation in parallel workers, whatever the costs say
PARALLEL = {"parallel_setup_cost": "0", "parallel_tuple_cost": "0",
            "min_parallel_table_scan_size": "0", "max_parallel_workers_per_gather": "2",
            "force_parallel_mode": "on"}
AGG_COLUMNS = {"isms.likelihood": "l", "isms.impact": "i", "isms.risk_level": "r",
               "interval": "d", "jsonb": "m", "bigint": "id"}


def boundary_aggregate(h, fn):
    """Over VALUES lists with each argument through its boundary values,
    over 200,000 rows, and in parallel plans (combine, serialize and
    deserialize between processes)."""
    n = len(fn["types"])
    base = [typical(fn, i) for i in range(n)]
    name = fn["sig"].split("(")[0]
    sqls = [agg_sql(fn, [base, base]), agg_sql(fn, [base], "WHERE false"),
            agg_sql(fn, [["NULL"] * n, base])]
    for i in range(n):
        boundary, hints = pool_for(fn, i)
        for v in boundary + hints:
            args = list(base)
            args[i] = v
            sqls.append(agg_sql(fn, [base, args, args]))
    sqls.append(f"SELECT length(({name}({', '.join(typed(a, t) for a, t in zip(base, fn['types']))}))"
                f"::text) FROM generate_series(1, 200000)")
    for stmt in dict.fromkeys(sqls):
        h.execute(fn["sig"], stmt)
    cols = []
    for i, t in enumerate(fn["types"]):
        if t in AGG_COLUMNS and not (t == "bigint" and i != 1):
            cols.append(AGG_COLUMNS[t])
        else:
            cols.append(typed(rng.choice(pool_for(fn, i)[1] or ["1"]), t))
    call = f"length(({name}({', '.join(cols)}))::text)"
    for k, v in PARALLEL.items():
        h.execute(fn["sig"], f"SET {k} = {v}")
    h.execute(fn["sig"], f"SELECT {call} FROM public.fuzz_rows")
    h.execute(fn["sig"], f"SELECT {call} FROM public.fuzz_rows GROUP BY id % 7")
    h.execute(fn["sig"], f"SELECT {call} FROM public.fuzz_rows WHERE id % 1000 = 0")
    for k in PARALLEL:
        h.execute(fn["sig"], f"RESET {k}")


def trigger_shapes(admin, fn):
    """Temporary tables to attach a trigger function to, as (columns, first
    column, rows to insert): copies of the tables it serves, the same columns
    typed text and typed bigint, and unrelated shapes."""
    cur = admin.cursor()
    cur.execute("""SELECT DISTINCT c.oid::regclass::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                    WHERE t.tgfoid = %s AND c.relkind = 'r' ORDER BY 1 LIMIT 2""", (fn["oid"],))
    shapes = []
    for (tbl,) in cur.fetchall():
        cur.execute("""SELECT array_agg(quote_ident(attname) ORDER BY attnum)
                         FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0
                          AND NOT attisdropped""", (tbl,))
        cols = cur.fetchone()[0]
        shapes += [(f"(LIKE {tbl})", cols[0], f"SELECT * FROM {tbl} LIMIT 3"),
                   ("(" + ", ".join(f"{c} text" for c in cols) + ")", cols[0],
                    "SELECT " + ", ".join(f"{c}::text" for c in cols) + f" FROM {tbl} LIMIT 3"),
                   ("(" + ", ".join(f"{c} bigint" for c in cols) + ")", cols[0],
                    "SELECT " + ", ".join("g" for _ in cols) + " FROM generate_series(1, 3) g")]
    shapes += [("(id int PRIMARY KEY, updated_at text)", "id", "VALUES (1, 'x'), (2, NULL)"),
               ("(id bigint, updated_at timestamptz)", "id", "VALUES (1, now())"),
               ("()", None, "SELECT"),
               ("(a int)", "a", "VALUES (1)"),
               ("(updated_at int[], id text, org_id text, status int)", "id",
                "VALUES ('{1}'::int[], 'x', 'y', 3)")]
    return shapes


TRIGGER_TIMINGS = ["BEFORE INSERT OR UPDATE OR DELETE ON {t} FOR EACH ROW",
                   "AFTER INSERT OR UPDATE OR DELETE ON {t} FOR EACH ROW",
                   "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t} FOR EACH STATEMENT",
                   "BEFORE TRUNCATE ON {t} FOR EACH STATEMENT"]
TRIGGER_ARGS = ["", "''", "'isms.risk_history'", "'pg_class'", "'nonexistent'", "'a', 'b', 'c'",
                "'isms.audit_log'"]


def fuzz_trigger(h, fn):
    """Attach the trigger function to temporary tables of every shape, at
    every timing, and insert, update, delete and truncate rows."""
    name = fn["sig"].split("(")[0]
    k = 0
    for shape, col, rows in trigger_shapes(h.admin, fn):
        for timing in TRIGGER_TIMINGS:
            k += 1
            t = f"pg_temp.fuzz_trg_{k}"
            stmts = [f"CREATE TEMP TABLE fuzz_trg_{k} {shape}",
                     f"CREATE TRIGGER fuzz {timing.format(t=t)} "
                     f"EXECUTE FUNCTION {name}({rng.choice(TRIGGER_ARGS)})",
                     f"INSERT INTO {t} DEFAULT VALUES",
                     f"INSERT INTO {t} {rows}",
                     f"UPDATE {t} SET {col} = {col}" if col else f"UPDATE {t} SET",
                     f"DELETE FROM {t}",
                     f"INSERT INTO {t} {rows}",
                     f"TRUNCATE {t}"]
            for stmt in stmts:
                if stmt.endswith(" SET"):
                    continue
                if h.execute(fn["sig"], stmt) in ("crash", "skipped"):
                    break
            h.execute(fn["sig"], f"DROP TABLE IF EXISTS {t}")


def fuzz_typmods(h):
    """The scale types with typmods -1..20 through every SQL path that
    carries one: casts, column types, text and binary COPY."""
    for t in SCALE_TYPES:
        fname = f"{t}(typmod)"
        for n in range(-1, 21):
            h.execute(fname, f"SELECT ('3'::{t}({n}))::text")
            h.execute(fname, f"SELECT ('{LABELS[t][0]}'::{t})::{t}({n})::text")
            h.execute(fname, f"SELECT (ARRAY['2/4']::{t}[])::{t}({n})[]::text")
            h.execute(fname, f"DROP TABLE IF EXISTS pg_temp.fuzz_tm")
            if h.execute(fname, f"CREATE TEMP TABLE fuzz_tm (v {t}({n}))") != "ok":
                continue
            h.execute(fname, "INSERT INTO pg_temp.fuzz_tm VALUES ('1'), ('3'), (NULL)")
            h.execute(fname, "SELECT v::text FROM pg_temp.fuzz_tm")
            for _ in range(8):
                field = struct.pack("!H", rng.randrange(65536)) if rng.random() < 0.7 else \
                    bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 3, 4, 8])))
                copy_binary(h, fname, "pg_temp.fuzz_tm", field)
            h.execute(fname, "SELECT v::text FROM pg_temp.fuzz_tm")


def copy_binary(h, fname, table, field):
    """COPY one binary field into table (the type's _recv with the column's typmod)."""
    buf = io.BytesIO(b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0) +
                     struct.pack("!hi", 1, len(field)) + field + struct.pack("!h", -1))
    h.calls += 1
    st = h.stats.setdefault(fname, {})
    try:
        h.conn.cursor().copy_expert(f"COPY {table} FROM STDIN (FORMAT binary)", buf)
        outcome = "ok"
    except psycopg2.Error as ex:
        outcome = "crash" if h.conn.closed else (ex.pgcode or "?")
    st[outcome] = st.get(outcome, 0) + 1
    if outcome == "crash":
        h.crashes.append((fname, f"COPY {table} FROM STDIN (FORMAT binary) -- field {field.hex()}",
                          "connection lost"))
        print(f"CRASH  {fname}: binary COPY of {field.hex()}", flush=True)
        h.wait_for_server()
        h.connect()
        h.execute(fname, f"CREATE TEMP TABLE IF NOT EXISTS fuzz_tm (v {fname.split('(')[0]})")


# ------------------------------------------------------------- the setup

def find_server_log(admin):
    cur = admin.cursor()
    cur.execute("SELECT current_setting('data_directory'), pg_current_logfile()")
    datadir, current = cur.fetchone()
    cands = []
    if os.environ.get("ISMS_SERVER_LOG"):
        cands.append(os.environ["ISMS_SERVER_LOG"])
    if current:
        cands.append(current if os.path.isabs(current) else os.path.join(datadir, current))
    d = datadir
    for _ in range(4):
        d = os.path.dirname(d)
        cands.append(os.path.join(d, "log"))
        cands += sorted(glob.glob(os.path.join(d, "log", "*.log")))
    for c in cands:
        if os.path.isfile(c) and os.access(c, os.R_OK):
            return c
    return None


def load_demo(dbname):
    env = dict(os.environ, PGDATABASE=dbname)
    for f in sorted(glob.glob(os.path.join(ROOT, "test", "demo", "[0-9]*.sql"))):
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", f], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"loading the demo failed at {f}: {r.stderr.strip()}")


def setup(admin_dsn_db):
    conn = psycopg2.connect(admin_dsn_db)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION isms")
    load_demo(DB)
    cur.execute("CREATE TABLE public.fuzz_doc (name text PRIMARY KEY, doc text)")
    for name, path in (("nessus", "nessus_sample.nessus"), ("openvas", "openvas_sample.xml"),
                       ("oscal_xml", "oscal_sample.xml"), ("oscal_json", "oscal_sample.json")):
        with open(os.path.join(ROOT, "test", "data", path), encoding="utf-8") as f:
            doc = f.read()
        cur.execute("INSERT INTO public.fuzz_doc VALUES (%s, %s)", (name, doc))
        # mutated copies: the parsers' error paths deep inside a document
        for k in range(6):
            cur.execute("INSERT INTO public.fuzz_doc VALUES (%s, %s)", (f"{name}_{k}", mutate(doc, 3)))
    # rows for the aggregates in parallel plans
    cur.execute("""CREATE TABLE public.fuzz_rows AS
        SELECT g AS id, isms.likelihood_from_integer(g % 5 + 1, 5, false) AS l,
               isms.impact_from_integer(g % 3 + 1, 5, false) AS i,
               isms.risk_level_from_integer(g % 4 + 1, 4, false) AS r,
               make_interval(days => g % 400) AS d,
               jsonb_build_object('lef', (g % 10) / 10.0, 'lm', g % 100 + 1) AS m
          FROM generate_series(1, 20000) g""")
    cur.execute("ALTER TABLE public.fuzz_rows SET (parallel_workers = 2)")
    cur.execute("ANALYZE public.fuzz_rows")
    cur.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'")
    cur.execute(f"GRANT USAGE ON SCHEMA isms TO {ROLE}")
    # 1.1: most functions are the group roles'; isms_admin reaches them all
    cur.execute(f"GRANT isms_admin TO {ROLE}")
    cur.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA isms TO {ROLE}")
    cur.execute(f"GRANT SELECT ON public.fuzz_doc, public.fuzz_rows TO {ROLE}")
    cur.execute(f"ALTER ROLE {ROLE} SET statement_timeout = '{int(TIMEOUT * 1000)}ms'")
    # the mutated documents for the random phase
    for k in range(6):
        for name in ("nessus", "openvas", "oscal_xml"):
            HINTS["doc:text"].append(f"(SELECT doc FROM public.fuzz_doc WHERE name = '{name}_{k}')")
    conn.close()


def main():
    start = time.monotonic()
    admin = psycopg2.connect("")
    admin.autocommit = True
    cur = admin.cursor()
    # leftovers of an interrupted run: the role has rights only in the database
    cur.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,))
    if cur.fetchone():
        cur.execute(f"DROP ROLE {ROLE}")
    cur.execute(f"CREATE DATABASE {DB}")
    cur.execute("SELECT pg_postmaster_start_time()")
    started = cur.fetchone()[0]
    log = find_server_log(admin)
    log_offset = os.path.getsize(log) if log else 0
    h = None
    rc = 1
    try:
        setup(f"dbname={DB}")
        admin_dsn = f"dbname={DB}"
        caller_dsn = f"dbname={DB} user={ROLE} password={PASSWORD}"
        set_role = False
        try:
            psycopg2.connect(caller_dsn).close()
        except psycopg2.OperationalError as ex:
            # a cluster whose pg_hba.conf does not let the role log in with
            # a password: the superuser's session takes the role's identity
            print(f"note: {ROLE} cannot log in ({str(ex).strip().splitlines()[0]}); "
                  "using SET SESSION AUTHORIZATION")
            caller_dsn, set_role = admin_dsn, True
        h = Harness(admin_dsn, caller_dsn, set_role)
        fns = functions(h.admin)
        plain, aggs, triggers = [], [], []
        for fn in fns:
            if "internal" in fn["types"]:
                SKIP[fn["sig"]] = ("takes an argument of type internal, which no SQL call can pass; "
                                   "reached through its aggregate, type or COPY")
            elif fn["kind"] == "w":
                SKIP[fn["sig"]] = "window function (none expected): add a case to this test"
            elif fn["trigger"]:
                triggers.append(fn)
            elif fn["kind"] == "a":
                aggs.append(fn)
            else:
                plain.append(fn)
        print(f"{len(fns)} functions of isms: {len(plain)} called directly, {len(aggs)} aggregates, "
              f"{len(triggers)} trigger functions, {len(SKIP)} not callable from SQL:")
        for sig, why in SKIP.items():
            print(f"  not called directly: {sig}: {why}")
        bare = sorted({t for fn in plain + aggs for t in fn["types"] if t not in TYPE_POOLS})
        if bare:
            print("note: no values for argument types " + ", ".join(bare) +
                  ": called with NULL only (add a pool to TYPE_POOLS)")
        print(f"server log: {log or 'not found (relying on connection loss and pg_postmaster_start_time)'}")
        sys.stdout.flush()

        def phase(what, run):
            t0, c0 = time.monotonic(), h.calls
            run()
            print(f"{what}: {h.calls - c0} calls, {time.monotonic() - t0:.0f} s", flush=True)

        phase("typmods in casts, columns and COPY", lambda: fuzz_typmods(h))
        phase("functions", lambda: [h.execute(fn["sig"], stmt) for fn in plain
                                    for stmt in boundary_sqls(fn)])
        phase("aggregates", lambda: [boundary_aggregate(h, fn) for fn in aggs])
        phase("trigger functions", lambda: [fuzz_trigger(h, fn) for fn in triggers])

        def random_calls():
            deadline = time.monotonic() + BUDGET
            for _ in range(N_RANDOM):
                for fn in plain + aggs:
                    if time.monotonic() > deadline:
                        print(f"random calls: time budget of {BUDGET:.0f} s used up")
                        return
                    if rng.random() < 0.05:
                        h.execute("isms.org_id", "SET isms.org_id = " + rng.choice(ORG_IDS))
                    if fn["types"]:
                        h.execute(fn["sig"], random_sql(fn))
        phase(f"random calls (up to {N_RANDOM} per function)", random_calls)

        # ---- results
        for fn in fns:
            if fn["sig"] in h.stats:
                st = h.stats[fn["sig"]]
                print(f"{fn['sig']}: {h.seconds.get(fn['sig'], 0):.1f} s: " + ", ".join(f"{k} {v}" for k, v in sorted(st.items()) if v))
        for t in SCALE_TYPES:
            st = h.stats.get(f"{t}(typmod)", {})
            print(f"{t}(typmod): " + ", ".join(f"{k} {v}" for k, v in sorted(st.items()) if v))
        elapsed = time.monotonic() - start
        print(f"{h.calls} calls in {elapsed:.0f} s")
        failures = 0
        if h.internal:
            print(f"{len(h.internal)} internal errors (XX000; not failures, but a user should get a real SQLSTATE):")
            seen = set()
            for fname, sql, msg in h.internal:
                if (fname, msg) not in seen:
                    seen.add((fname, msg))
                    print(f"  {fname}: {msg}: {short(sql, 200)}")
        for fname, sql, msg in h.crashes:
            print(f"FAIL: crash: {fname}: {short(sql, 500)} ({msg})")
            failures += 1
        for fname, sql, secs in h.timeouts:
            print(f"FAIL: {secs:.1f} s, more than {TIMEOUT + GRACE:.0f} s: {fname}: {short(sql, 500)}")
            failures += 1
        skipped = [f for f, st in h.stats.items() if st.get("skipped")]
        if skipped:
            print("left alone after repeated crashes or timeouts: " + ", ".join(skipped))
        cur = h.admin.cursor()
        cur.execute("SELECT pg_postmaster_start_time()")
        if cur.fetchone()[0] != started:
            print("FAIL: the server restarted (pg_postmaster_start_time changed)")
            failures += 1
        if log:
            with open(log, "rb") as f:
                f.seek(log_offset)
                text = f.read().decode("utf-8", "replace")
            signals = re.findall(r"terminated by signal.*|was terminated by exception.*", text)
            if signals:
                print(f"FAIL: the server log reports {len(signals)} crashed backends "
                      f"({signals[0].strip()}), running:")
                for m in re.findall(r"Failed process was running: (.{0,300})", text):
                    print(f"  {m}")
            failures += len(signals)
        print(f"{failures} failed")
        rc = 1 if failures else 0
    finally:
        if h is not None:
            for c in (h.conn, h.admin):
                try:
                    c.close()
                except psycopg2.Error:
                    pass
        try:
            admin.close()
        except psycopg2.Error:
            pass
        admin = psycopg2.connect("")
        admin.autocommit = True
        cur = admin.cursor()
        cur.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,))
        if cur.fetchone():
            cur.execute(f"DROP ROLE {ROLE}")
        admin.close()
    return rc


if __name__ == "__main__":
    sys.exit(main())
