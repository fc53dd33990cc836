#!/bin/bash
# The clients of the test suite, psycopg and JDBC, logged in as a reader of
# one organization: the demo organization and a second one in one database;
# each client reads every view it may read (test/clients/) and must see rows,
# and none of the other organization.  Both must print the same.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
db=isms_clients
login=regress_client_reader
password=reader-secret-1
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
q -d "$db" -c "CREATE EXTENSION isms"
for f in "$root"/test/demo/[0-9]*.sql; do
	q -d "$db" -f "$f" >/dev/null
done
org=$(q -d "$db" -Atc "SELECT id FROM isms.organization")
q -d "$db" >/dev/null <<SQL
SET client_min_messages = warning;
INSERT INTO isms.organization (id, name) VALUES (999, 'Other Org');
INSERT INTO isms.asset (org_id, name) VALUES (999, 'other: ledger');
INSERT INTO isms.risk (org_id, title, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact)
VALUES (999, 'other: ledger lost', 'likely', 'major', 'likely', 'major');
INSERT INTO isms.incident (org_id, title, category, severity, detected_at, reported_at) VALUES (999, 'other: outage', 'denial_of_service', 'high', now(), now());
DROP ROLE IF EXISTS $login;
CREATE ROLE $login LOGIN PASSWORD '$password' IN ROLE isms_reader;
INSERT INTO isms.org_member (org_id, member) VALUES ($org, '$login');
SQL

out=$(mktemp -d)
trap 'rm -rf "$out"; q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS $login" >/dev/null 2>&1 || true' EXIT
fail=0
check() {	# client, output file
	local views rows foreign
	views=$(wc -l < "$2")
	rows=$(awk '{s += $2} END {print s + 0}' "$2")
	foreign=$(awk '{s += $3} END {print s + 0}' "$2")
	echo "$1: $views views, $rows rows, $foreign of another organization"
	if [ "$views" -lt 20 ] || [ "$rows" -eq 0 ] || [ "$foreign" -ne 0 ]; then
		echo "FAIL: $1 as a reader of organization $org:"; cat "$2"; fail=1
	fi
}

PGPASSWORD=$password /usr/bin/python3 "$root/test/clients/reader_views.py" "dbname=$db user=$login" "$org" > "$out/psycopg"
check psycopg "$out/psycopg"

if [ "${PGHOST:-/}" = "${PGHOST#/}" ] && [ -n "${PGHOST:-}" ]; then
	host=$PGHOST
else
	host=localhost		# the cluster also listens on TCP, or JDBC cannot connect
fi
jar=/usr/share/java/postgresql.jar
if ! command -v java >/dev/null || [ ! -f "$jar" ]; then
	echo "skip: JDBC client not run: java or $jar missing (test/setup.sh installs default-jdk-headless and libpostgresql-jdbc-java)"
elif ! java -cp "$jar" "$root/test/clients/ReaderViews.java" \
		"jdbc:postgresql://$host:${PGPORT:-5432}/$db" "$login" "$password" "$org" > "$out/jdbc" 2> "$out/jdbc.err"; then
	if grep -q 'Connection to .* refused' "$out/jdbc.err"; then
		echo "skip: JDBC client not run: the test cluster does not listen on TCP ($host:${PGPORT:-5432})"
	else
		echo "FAIL: JDBC client"; cat "$out/jdbc.err"; fail=1
	fi
else
	check JDBC "$out/jdbc"
	if ! diff -u "$out/psycopg" "$out/jdbc"; then
		echo "FAIL: psycopg and JDBC read different rows"; fail=1
	fi
fi
exit $fail
