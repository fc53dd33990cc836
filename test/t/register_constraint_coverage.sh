#!/bin/bash
# Every constraint of the register's tables is exercised by a pg_regress
# test: its name must appear in an expected/register_*.out file (or, for the
# tables and constraints the XML section adds, an expected/xml_*.out file),
# where the tests print the SQLSTATE and the name of the constraint a bad row
# violates.
# Covered: CHECK, FOREIGN KEY, UNIQUE and composite PRIMARY KEY constraints,
# unique indexes and the cycle-checking triggers.  Not listed: keys on an
# identity column alone (UNIQUE (id), <table>_id_key, and 1.0's primary
# keys) and the primary keys (org_id, id) over one, which only exist as
# targets of foreign keys (none can be violated on its own: the identity
# gives every row its own id; sql/tenant_keys.sql checks one that is given
# by hand); NOT NULL is tested in the files but has no name to look for.
set -eu
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
db=isms_coverage_$$
trap '"$bindir/dropdb" --if-exists "$db" >/dev/null 2>&1 || true' EXIT
"$bindir/createdb" "$db"
psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
psql -c 'CREATE EXTENSION isms'

tables="organization org_unit person site asset threat risk framework control_group control vulnerability
	component control_crosswalk process scope scope_question scope_answer scope_item policy role role_assignment
	policy_acknowledgement screening training_course training_record termination asset_dependency
	risk_vulnerability octave_impact_area risk_octave_impact soa control_evidence risk_control treatment_action
	access_review crypto_key site_check change_request backup restore_test network_zone network_protection
	security_requirement security_test supplier supplier_service supplier_requirement supplier_assessment
	supplier_training incident incident_action incident_asset incident_risk continuity_plan continuity_plan_asset
	continuity_test obligation compliance_check compliance_violation audit audit_finding corrective_action
	management_review management_review_attendee management_review_input management_review_decision
	improvement_action control_param control_part account access_right access_review_item access_review_cadence
	authentication_requirement"
list=$(printf "'%s'," $tables)
list=${list%,}

names=$(psql -At <<SQL
WITH t AS (
	SELECT c.oid FROM pg_class c
	 WHERE c.relnamespace = 'isms'::regnamespace AND c.relname IN ($list)
)
SELECT k.conname FROM pg_constraint k JOIN t ON t.oid = k.conrelid
 WHERE k.contype IN ('c', 'f', 'u', 'p')
   AND NOT (k.contype IN ('p', 'u')
			AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
				  WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) IN ('{id}', '{id,org_id}')
			AND (SELECT a.attidentity FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = 'id') <> '')
UNION
SELECT i.indexrelid::regclass::text FROM pg_index i JOIN t ON t.oid = i.indrelid
 WHERE i.indisunique
   AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
UNION
SELECT g.tgname FROM pg_trigger g JOIN t ON t.oid = g.tgrelid
 WHERE g.tgfoid = 'isms.check_acyclic'::regproc
ORDER BY 1
SQL
)
total=0 missing=()
for n in $names; do
	n=${n#isms.}
	total=$((total + 1))
	if ! grep -qE "(^| )$n\$" expected/register_*.out expected/xml_*.out; then
		missing+=("$n")
	fi
done
echo "$total constraints of the register's tables; ${#missing[@]} not exercised by a test"
if [ ${#missing[@]} -gt 0 ]; then
	printf '  %s\n' "${missing[@]}"
	exit 1
fi
