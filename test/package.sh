#!/bin/bash
# `make test-package`: build the Debian package and install it on a fresh
# Debian 12.
#
#  1. Copies the checkout (tracked and untracked files, not the ignored ones)
#     to $ISMS_PACKAGE_WORKDIR (/var/tmp/isms-package), outside the checkout,
#     makes the upstream tarball from it and runs `dpkg-buildpackage -us -uc`
#     there; the build runs the regression suite against the package
#     (dh_pgxs_test).
#  2. Checks that the .deb holds the control file, the module and the scripts
#     isms--1.0.sql, isms--1.0--1.1.sql and isms--1.1.sql.
#  3. Copies a cached minimal bookworm chroot (debootstrap, from the mirror of
#     /etc/apt/sources.list*, under /var/cache/isms-chroots/bookworm-pkg) to a
#     fresh root, installs postgresql-15 and the .deb there with apt, starts
#     the cluster, and checks CREATE EXTENSION isms, a few values, and the
#     update from 1.0 to 1.1.
#  4. Runs the package's autopkgtest (debian/tests) by hand in that root: the
#     test dependencies installed with apt, the source unpacked from the .dsc,
#     each test run as root in it (set ISMS_PACKAGE_AUTOPKGTEST=0 to skip).
#
# Needs root (debootstrap, chroot, mount); installs the build tools it lacks
# with apt-get.  Re-runnable: the base chroot and apt's downloads are cached,
# the build directory and the test root are made anew on each run.
set -eu
umask 022
src=$(cd "$(dirname "$0")/.." && pwd)
work=${ISMS_PACKAGE_WORKDIR:-/var/tmp/isms-package}
cache=${ISMS_CHROOT_DIR:-/var/cache/isms-chroots}/bookworm-pkg
base=$cache/base
root=$cache/root
suite=bookworm
start=$(date +%s)

# Connection settings of the caller's shell are for another server.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGPASSWORD PG_CONFIG

say() { echo "=== $* ($(( $(date +%s) - start ))s)"; }
die() { echo "test/package.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount)"
git -C "$src" rev-parse --git-dir >/dev/null 2>&1 || die "$src is not a git checkout"

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock -n 9 || die "another test/package.sh runs (lock $cache/.lock)"

# --- build tools -----------------------------------------------------------
need=()
for p in dpkg-dev debhelper fakeroot debootstrap libxml2-dev postgresql-all; do
	dpkg-query -W -f '${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	say "apt-get install ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
		--no-install-recommends "${need[@]}"
fi

# --- 1. build ----------------------------------------------------------------
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
upstream=${version%-*}
source=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Source)
tree=$work/$source-$upstream
say "build $source $version in $work"
case $work in "$src"|"$src"/*) die "ISMS_PACKAGE_WORKDIR must be outside the checkout" ;; esac
rm -rf "$work"
mkdir -p "$tree"
# tar reads the list of files from git, so files deleted in the working tree
# but not yet in the index are skipped rather than fatal.
(cd "$src" && git ls-files -z --cached --others --exclude-standard |
	tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$tree"
tar -C "$work" --exclude="$source-$upstream/debian" -cJf "$work/${source}_$upstream.orig.tar.xz" \
	"$source-$upstream"
if ! (cd "$tree" && dpkg-buildpackage -us -uc) >"$work/build.log" 2>&1; then
	tail -60 "$work/build.log"
	die "dpkg-buildpackage failed; the whole log is $work/build.log"
fi
grep -E '^### End |All [0-9]+ tests passed|tests? failed' "$work/build.log" || true
dsc=$work/${source}_$version.dsc
debs=()
for p in $(sed -n 's/^Package: //p' "$tree/debian/control"); do
	deb=$(ls "$work/${p}_${version}_"*.deb)
	debs+=("$deb")
done
say "built ${debs[*]##*/}"

# --- 2. contents -------------------------------------------------------------
for deb in "${debs[@]}"; do
	pkg=$(dpkg-deb -f "$deb" Package)
	v=$(echo "$pkg" | sed -n 's/^postgresql-\([0-9]*\)-isms$/\1/p')
	[ -n "$v" ] || die "$deb: unexpected package name $pkg"
	files=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
	for f in ./usr/lib/postgresql/$v/lib/isms.so \
		./usr/share/postgresql/$v/extension/isms.control \
		./usr/share/postgresql/$v/extension/isms--1.0.sql \
		./usr/share/postgresql/$v/extension/isms--1.0--1.1.sql \
		./usr/share/postgresql/$v/extension/isms--1.1.sql; do
		echo "$files" | grep -qxF "$f" || die "$deb lacks $f"
	done
	# the packaged 1.1 script is the one make builds, not a stale copy
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./usr/share/postgresql/$v/extension/isms--1.1.sql" |
		head -1 | grep -q 'built by make' || die "$deb: isms--1.1.sql is not the built script"
	echo "$pkg: isms.so, isms.control, isms--1.0.sql, isms--1.0--1.1.sql, isms--1.1.sql"
done

# --- 3. install on a fresh Debian 12 -----------------------------------------
# The host's apt sources for the suite: deb822 stanzas and one-line entries.
host_sources() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && grep -hE "^deb[[:space:]].*[[:space:]]$suite([[:space:]]|-)" "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && awk -v s="$suite" 'BEGIN { RS = ""; ORS = "\n\n" }
			$0 ~ "(^|\n)Suites:[^\n]*[ \t]" s "([ \t-]|\n|$)" && $0 !~ /(^|\n)Enabled: *no/' "$f"
	done
	return 0
}
# The mirror of the suite itself (not -security or -updates).
host_mirror() {
	host_sources | awk -v s="$suite" '
		/^deb[ \t]/ { for (i = 3; i <= NF; i++) if ($i == s) { print $2; exit } }
		/^URIs:/ { uri = $2 }
		/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) { print uri; exit } }'
}

# Mounts under the test root, deepest first.
mounts_under() { findmnt -rn -o TARGET | grep -E "^$1(/|$)" | sort -r || true; }
umount_root() {
	local m
	for m in $(mounts_under "$root"); do umount "$m" || umount -l "$m"; done
	[ -z "$(mounts_under "$root")" ] || die "still mounted under $root: $(mounts_under "$root")"
}
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }

if [ ! -e "$base/.isms-base" ]; then
	mirror=$(host_mirror)
	[ -n "$mirror" ] || die "no $suite mirror in /etc/apt/sources.list*"
	say "debootstrap $suite from $mirror into $base"
	rm -rf "$base.new"
	debootstrap --variant=minbase "$suite" "$base.new" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/debootstrap.log"; die "debootstrap failed"; }
	rm -f "$base.new/etc/apt/sources.list"
	host_sources >"$base.new/etc/apt/sources.list.d/$suite.sources.tmp"
	# one-line entries and deb822 stanzas go to files of their own kind
	grep -E '^deb[[:space:]]' "$base.new/etc/apt/sources.list.d/$suite.sources.tmp" \
		>"$base.new/etc/apt/sources.list" || true
	grep -vE '^deb[[:space:]]' "$base.new/etc/apt/sources.list.d/$suite.sources.tmp" \
		>"$base.new/etc/apt/sources.list.d/$suite.sources" || true
	rm "$base.new/etc/apt/sources.list.d/$suite.sources.tmp"
	for f in "$base.new/etc/apt/sources.list" "$base.new/etc/apt/sources.list.d/$suite.sources"; do
		[ -s "$f" ] || rm "$f"
	done
	# services are not started by package installs; the test starts its cluster
	printf '#!/bin/sh\nexit 101\n' >"$base.new/usr/sbin/policy-rc.d"
	chmod 755 "$base.new/usr/sbin/policy-rc.d"
	# downloads go to a cache shared by the runs (bind mount), so keep them
	rm -f "$base.new/etc/apt/apt.conf.d/docker-clean"
	touch "$base.new/.isms-base"
	mv "$base.new" "$base"
fi

say "fresh root $root from $base"
umount_root
rm -rf "$root"
cp -a "$base" "$root"
mkdir -p "$cache/archives/partial"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
trap umount_root EXIT
mount -t proc proc "$root/proc"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"

mkdir -p "$root/tmp/pkg"
cp "${debs[@]}" "$root/tmp/pkg/"
apt_root() { in_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o APT::Install-Recommends=false "$@"; }
say "apt-get install postgresql-15 ${debs[*]##*/} in $root"
apt_root update >/dev/null
apt_root install postgresql-15 $(for d in "${debs[@]}"; do echo "/tmp/pkg/${d##*/}"; done) >"$work/install.log" 2>&1 ||
	{ tail -30 "$work/install.log"; die "apt-get install failed; log: $work/install.log"; }
in_root dpkg-query -W postgresql-15 'postgresql-*-isms'

# The cluster listens on its Unix socket only: the chroot shares the host's
# network, where other servers run.
in_root pg_lsclusters -h | grep -q '^15 main ' || in_root pg_createcluster 15 main >/dev/null
in_root pg_conftool 15 main set listen_addresses ''
in_root pg_ctlcluster 15 main start
stop_cluster() { in_root pg_ctlcluster 15 main stop -m fast >/dev/null 2>&1 || true; umount_root; }
trap stop_cluster EXIT

psql_root() { in_root runuser -u postgres -- psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
check() { # check NAME EXPECTED SQL...: the last statement's output must be EXPECTED
	local name=$1 expected=$2 got
	shift 2
	got=$(psql_root "$@") || die "$name: psql failed"
	[ "$got" = "$expected" ] || die "$name: expected \"$expected\", got \"$got\""
	echo "ok: $name = $got"
}
check "CREATE EXTENSION isms; extversion" 1.1 -d postgres \
	-c 'CREATE EXTENSION isms' \
	-c "SELECT extversion FROM pg_extension WHERE extname = 'isms'"
check "'likely'::isms.likelihood * 'major'::isms.impact" 16 -d postgres \
	-c "SELECT 'likely'::isms.likelihood OPERATOR(isms.*) 'major'::isms.impact"
check "isms.cvss_score(CVSS:3.1 critical vector)" 9.8 -d postgres \
	-c "SELECT isms.cvss_score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')"
check "Annex A 2022 controls" 93 -d postgres \
	-c "SELECT count(*) FROM isms.control c JOIN isms.framework f ON f.id = c.framework_id
	     WHERE f.name = 'iso27001-2022'"
check "SVG heat map of the default matrix (libxml2)" svg -d postgres \
	-c "SELECT (xpath('local-name(/*)', isms.heatmap_svg(grid, array_fill(1::bigint, ARRAY[5, 5]))))[1]::text
	      FROM isms.risk_matrix WHERE is_default"
psql_root -d postgres -c 'CREATE DATABASE upgrade'
check "CREATE EXTENSION isms VERSION '1.0'; ALTER EXTENSION isms UPDATE" 1.1 -d upgrade \
	-c "CREATE EXTENSION isms VERSION '1.0'" \
	-c 'ALTER EXTENSION isms UPDATE' \
	-c "SELECT extversion FROM pg_extension WHERE extname = 'isms'"
in_root pg_ctlcluster 15 main stop -m fast

# --- 4. autopkgtest by hand --------------------------------------------------
if [ "${ISMS_PACKAGE_AUTOPKGTEST:-1}" != 0 ]; then
	tests_control=$tree/debian/tests/control
	# Depends of debian/tests/control; @ is every binary package built.
	deps=$(awk 'BEGIN { RS = "" } { gsub(/\n[ \t]+/, " "); print }' "$tests_control" |
		sed -n 's/^Depends: *//p' | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$' |
		while read -r d; do
			if [ "$d" = @ ]; then sed -n 's/^Package: //p' "$tree/debian/control"; else echo "$d"; fi
		done | sort -u)
	tests=$(awk 'BEGIN { RS = "" } { gsub(/\n[ \t]+/, " "); print }' "$tests_control" |
		sed -n 's/^Tests: *//p' | tr ', ' '\n\n' | grep -v '^$')
	say "autopkgtest: apt-get install $(echo $deps)"
	apt_root install $deps >>"$work/install.log" 2>&1 ||
		{ tail -30 "$work/install.log"; die "apt-get install of the test dependencies failed"; }
	rm -rf "$root/tmp/autopkgtest"
	mkdir -p "$root/tmp/autopkgtest/tmp"
	# the source as autopkgtest unpacks it (dpkg-dev is not in the test root)
	dpkg-source -x "$dsc" "$root/tmp/autopkgtest/src" >/dev/null
	for t in $tests; do
		say "autopkgtest: debian/tests/$t"
		in_root env AUTOPKGTEST_TMP=/tmp/autopkgtest/tmp \
			sh -c "cd /tmp/autopkgtest/src && debian/tests/$t" || die "autopkgtest $t failed"
	done
fi

say "package test passed"
