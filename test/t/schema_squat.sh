#!/bin/bash
# Schema squatting: a role with CREATE on the database creates schema isms
# before the superuser's CREATE EXTENSION isms.  1.0 installed into it (the
# squatter, owning the schema, could then rename it and plant her own
# isms.audit_log); 1.1 refuses.  A schema isms that the installing role or
# a superuser owns is fine.
set -u
cd "$(dirname "$0")/../.."
db=isms_squat
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
cleanup() {
	dropdb --if-exists "$db" 2>/dev/null
	psql -X -q -d postgres -c "DROP ROLE IF EXISTS isms_squatter" >/dev/null 2>&1
}
cleanup
trap cleanup EXIT
createdb "$db" || exit 1
psql -X -q -d postgres -c "CREATE ROLE isms_squatter" || exit 1
q -c "GRANT CREATE ON DATABASE $db TO isms_squatter" || exit 1
q -c "SET ROLE isms_squatter; CREATE SCHEMA isms" || exit 1
fail=0

out=$(q -c "CREATE EXTENSION isms" 2>&1)
want='schema isms is owned by role isms_squatter, not by the role installing isms'
if echo "$out" | grep -qF "$want" && [ -z "$(q -c "SELECT 1 FROM pg_extension WHERE extname = 'isms'")" ]; then
	echo "ok    CREATE EXTENSION refuses a schema isms owned by another role: $want"
else
	echo "FAIL  CREATE EXTENSION into a squatted schema: $out"; fail=1
fi
out=$(q -c "CREATE EXTENSION isms VERSION '1.0'; ALTER EXTENSION isms UPDATE" 2>&1)
if echo "$out" | grep -qF "$want"; then
	echo "ok    ALTER EXTENSION UPDATE refuses it as well"
else
	echo "FAIL  update of an extension in a squatted schema: $out"; fail=1
fi
q -c "DROP EXTENSION IF EXISTS isms" >/dev/null 2>&1

q -c "DROP SCHEMA isms; CREATE SCHEMA isms" || exit 1
if q -c "CREATE EXTENSION isms" && [ -n "$(q -c "SELECT 1 FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname AND a.default_version = e.extversion WHERE e.extname = 'isms'")" ]; then
	echo "ok    a schema isms of the installing role is used"
else
	echo "FAIL  CREATE EXTENSION into the installing role's own schema"; fail=1
fi
exit $fail
