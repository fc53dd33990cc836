#!/bin/bash
# Install what `make test`, `make demo` and `make bench` need and is missing.
# As root this runs apt-get; otherwise it prints the command to run.
set -eu

PKGS=()
need() {	# need COMMAND-OR-PATH PACKAGE
	if [[ "$1" == /* ]]; then [ -e "$1" ] || PKGS+=("$2")
	else command -v "$1" >/dev/null 2>&1 || PKGS+=("$2"); fi
}
need gcc gcc
need make make
need /usr/lib/postgresql/15/bin/postgres postgresql-15
need /usr/include/postgresql/15/server/postgres.h postgresql-server-dev-15
need /usr/share/postgresql/15/extension/amcheck.control postgresql-15
need pg_virtualenv postgresql-common
need xml2-config libxml2-dev
need xmllint libxml2-utils
need /usr/bin/python3 python3
need runuser util-linux
/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1 || PKGS+=(python3-psycopg2)
if [ "${ISMS_BENCH:-}" = 1 ]; then
	/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || PKGS+=(python3-numpy)
fi

# sqlsmith (test/t/sqlsmith.sh) is optional: where the distribution has no
# package of it, that test says so and is skipped
optional() {
	[ "$(id -u)" = 0 ] && ! command -v sqlsmith >/dev/null 2>&1 || return 0
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends sqlsmith >/dev/null 2>&1 ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends sqlsmith >/dev/null 2>&1; } ||
		echo "isms: sqlsmith is not available here; the sqlsmith test will be skipped"
}

[ ${#PKGS[@]} -eq 0 ] && { optional; exit 0; }
mapfile -t PKGS < <(printf '%s\n' "${PKGS[@]}" | sort -u)
if [ "$(id -u)" != 0 ]; then
	echo "isms: missing packages; run as root:" >&2
	echo "    apt-get update && apt-get install -y ${PKGS[*]}" >&2
	exit 1
fi
echo "isms: installing ${PKGS[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null
optional
