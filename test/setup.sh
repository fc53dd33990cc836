#!/bin/bash
# Install what `make test`, `make demo` and `make bench` need and is missing.
# As root this runs apt-get; otherwise it prints the command to run.
#
# The PostgreSQL is the distribution's own major version, the one its
# `postgresql` metapackage depends on (13 on Debian 11, 15 on 12, 17 on 13),
# unless PG_CONFIG names another installation (then only the rest is
# installed) or ISMS_PG_VERSION names a major version.
#
# test/setup.sh --pg-config prints the pg_config to build with: PG_CONFIG
# if it names one, else the distribution's version's.
set -eu

# The major version of PG_CONFIG, if that is given and is not the bare
# default name (which on Debian is a wrapper for the newest headers).
given_version() {
	[ -n "${PG_CONFIG:-}" ] && [ "$PG_CONFIG" != pg_config ] || return 1
	"$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p'
}

# The distribution's major version: what its postgresql metapackage depends on.
apt_version() {
	apt-cache depends postgresql 2>/dev/null |
		sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1
}

distribution_version() {
	local v
	if [ -n "${ISMS_PG_VERSION:-}" ]; then
		echo "$ISMS_PG_VERSION"
		return
	fi
	v=$(apt_version)
	if [ -z "$v" ] && [ "$(id -u)" = 0 ]; then
		# A fresh system may have no package lists yet.
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		v=$(apt_version)
	fi
	if [ -z "$v" ]; then
		# Not root and no package lists: the newest server installed.
		v=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null |
			sed 's|^/usr/lib/postgresql/\([0-9]*\)/.*|\1|' | sort -n | tail -1)
	fi
	if [ -z "$v" ]; then
		echo "isms: cannot tell which PostgreSQL this system packages (apt-cache depends postgresql); set ISMS_PG_VERSION" >&2
		exit 1
	fi
	echo "$v"
}

if [ "${1:-}" = --pg-config ]; then
	if given_version >/dev/null 2>&1; then
		echo "$PG_CONFIG"
	else
		echo "/usr/lib/postgresql/$(distribution_version)/bin/pg_config"
	fi
	exit 0
fi

PKGS=()
need() {	# need COMMAND-OR-PATH PACKAGE
	if [[ "$1" == /* ]]; then [ -e "$1" ] || PKGS+=("$2")
	else command -v "$1" >/dev/null 2>&1 || PKGS+=("$2"); fi
}
need gcc gcc
need make make
if ! given_version >/dev/null 2>&1 ||
	[ "$("$PG_CONFIG" --bindir)" = "/usr/lib/postgresql/$(given_version)/bin" ]; then
	# The distribution's server (or the one of its versions PG_CONFIG names).
	v=$(given_version 2>/dev/null || distribution_version)
	need "/usr/lib/postgresql/$v/bin/postgres" "postgresql-$v"
	need "/usr/include/postgresql/$v/server/postgres.h" "postgresql-server-dev-$v"
	need "/usr/share/postgresql/$v/extension/amcheck.control" "postgresql-$v"
fi
need pg_virtualenv postgresql-common
need xml2-config libxml2-dev
need xmllint libxml2-utils
need /usr/bin/python3 python3
need runuser util-linux
/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1 || PKGS+=(python3-psycopg2)
# the JDBC client of test/t/client_reader.sh
need java default-jdk-headless
[ -f /usr/share/java/postgresql.jar ] || PKGS+=(libpostgresql-jdbc-java)
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
# debconf's "delaying package configuration, since apt-utils is not
# installed" is no news to anyone who runs this
apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null \
	2> >(grep -v '^debconf: delaying package configuration' >&2)
optional
