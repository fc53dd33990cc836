#!/bin/bash
# test/citus/build.sh: build and install Citus 13.2.2 for the PostgreSQL of
# PG_CONFIG from the source in ../shared/citus (see its README), unless that
# version is installed already.  The build is cached outside the checkout,
# in ISMS_CITUS_CACHE (default /var/cache/isms-citus).  Root only: it runs
# apt-get for the build dependencies and installs into the server's tree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${ISMS_CITUS_SOURCE:-$(cd "$here/../../.." && pwd)/shared/citus}
cache=${ISMS_CITUS_CACHE:-/var/cache/isms-citus}
version=13.2.2
PG_CONFIG=$("$here/../setup.sh" --pg-config)
pkglibdir=$("$PG_CONFIG" --pkglibdir)
sharedir=$("$PG_CONFIG" --sharedir)
pgmajor=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')

installed() {
	[ -e "$pkglibdir/citus.so" ] &&
		[ -e "$cache/$version-pg$pgmajor/.installed" ] &&
		grep -q "^default_version = '13.2-1'" "$sharedir/extension/citus.control" 2>/dev/null
}
if installed; then
	echo "citus $version: installed for PostgreSQL $pgmajor (cache $cache)"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "test/citus/build.sh: building Citus needs root (apt-get, make install)" >&2
	exit 1
fi
if [ ! -e "$src/citus-$version.tar.gz" ]; then
	echo "test/citus/build.sh: no Citus source at $src/citus-$version.tar.gz (set ISMS_CITUS_SOURCE)" >&2
	exit 1
fi
echo "$(sha256sum "$src/citus-$version.tar.gz" | cut -d' ' -f1)" |
	grep -qx c8fc76dc8294636a52b1a0dd75a20d8b4a36937df6443e30ca84d8d0464a6bb9 || {
	echo "test/citus/build.sh: $src/citus-$version.tar.gz does not have the sha256 its README names" >&2
	exit 1
}
pkgs=()
for p in libcurl4-openssl-dev liblz4-dev libzstd-dev libssl-dev libkrb5-dev \
	libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev autoconf flex bison \
	"postgresql-server-dev-$pgmajor"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || pkgs+=("$p")
done
if [ ${#pkgs[@]} -gt 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
build=$cache/$version-pg$pgmajor
if [ ! -e "$build/.built" ]; then
	rm -rf "$build"
	mkdir -p "$build"
	tar xzf "$src/citus-$version.tar.gz" -C "$build" --strip-components=1
	if [ "$pgmajor" = 15 ] && [ -e "$src/pg15-have_createdb_privilege.patch" ]; then
		patch -s -d "$build" -p1 <"$src/pg15-have_createdb_privilege.patch"
	fi
	echo "citus $version: building in $build (about 10 minutes on 2 cores)"
	(cd "$build" && ./configure -q --without-libcurl PG_CONFIG="$PG_CONFIG" >configure.log 2>&1 &&
		make -s -j"$(nproc)" >make.log 2>&1) || {
		echo "test/citus/build.sh: the build failed; see $build/configure.log and $build/make.log" >&2
		exit 1
	}
	touch "$build/.built"
fi
(cd "$build" && make -s install >install.log 2>&1)
touch "$build/.installed"
echo "citus $version: installed for PostgreSQL $pgmajor"
