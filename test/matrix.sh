#!/bin/bash
# `make test-matrix`: run `make test` and `make demo` (the README's two
# commands) as root in a fresh chroot of each Debian suite in SUITES
# (default: bullseye bookworm trixie sid, that is PostgreSQL 13, 15, 17 and
# 18), one after the other, and print one result line per suite.  Fails if
# any suite fails.
#
# Each suite's debootstrap (minbase and make) is made once and kept under
# ISMS_CHROOT_CACHE (default /var/cache/isms-chroots/<suite>/base; remove the
# directory to make it again).  Every run copies it to <suite>/run, so that
# test/setup.sh installs PostgreSQL and the rest there as on a fresh system
# (downloaded packages are kept in <suite>/debs), and puts into it a copy of
# this checkout's files (tracked and untracked, not ignored ones, so no build
# products), and ISMS_TEST_DATA (default ../shared/data) read-only as
# /root/shared/data.  The log of a run is <suite>/make-test.log.  The mounts (/proc,
# /sys, /dev) live in a private mount namespace, gone when the run ends.
#
# The mirror is the one of this machine's apt sources (ISMS_MIRROR to
# override).  It may be a dated snapshot whose Release files have expired:
# apt in the chroots does not check Valid-Until.
set -eu
# The whole script is one block that bash reads before running it: a
# checkout changed during a run (git pull, an edit) does not change the run.
{
cd "$(dirname "$0")/.."
SUITES=${SUITES:-bullseye bookworm trixie sid}
CACHE=${ISMS_CHROOT_CACHE:-/var/cache/isms-chroots}
TIMEOUT=${ISMS_MATRIX_TIMEOUT:-3600}
# The reference inputs of some tests (they skip without them).
DATA=${ISMS_TEST_DATA:-$PWD/../shared/data}

if [ "$(id -u)" != 0 ]; then
	echo "isms: make test-matrix needs root (debootstrap, chroot, mount)" >&2
	exit 1
fi
for cmd in debootstrap unshare chroot git tar timeout; do
	if ! command -v "$cmd" >/dev/null; then
		echo "isms: make test-matrix needs $cmd (apt-get install debootstrap)" >&2
		exit 1
	fi
done

# The Debian mirror of this machine's apt sources: a URI ending in /debian,
# in one-line (.list) or deb822 (.sources) format.
mirror() {
	local m
	m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
			/etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n -e 's/^deb\( \[[^]]*\]\)\? \+\([^ ]*\/debian\)\/\? .*/\2/p' \
			-e 's/^URIs: *\([^ ]*\/debian\)\/\?\( .*\)\?$/\1/p' | head -1)
	echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=${ISMS_MIRROR:-$(mirror)}

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
	echo "isms: another make test-matrix is running (lock $CACHE/.lock)" >&2
	exit 1
fi

# Refuse to delete a directory something is still mounted under.
remove_tree() {
	if grep -qF " $1/" /proc/self/mounts || grep -qF " $1 " /proc/self/mounts; then
		echo "isms: $1 has mounts, not removing it" >&2
		return 1
	fi
	rm -rf "$1"
}

# make_base SUITE: the cached debootstrap of SUITE.
make_base() {
	local suite=$1 base=$CACHE/$1/base
	[ -f "$base/.isms-base" ] && return 0
	mkdir -p "$CACHE/$suite"
	remove_tree "$base.new"
	echo "isms: debootstrap $suite from $MIRROR (once; kept in $base)"
	if ! debootstrap --variant=minbase --include=make "$suite" "$base.new" "$MIRROR" \
			>"$CACHE/$suite/debootstrap.log" 2>&1; then
		echo "isms: debootstrap $suite failed; see $CACHE/$suite/debootstrap.log" >&2
		return 1
	fi
	echo "deb $MIRROR $suite main" >"$base.new/etc/apt/sources.list"
	echo 'Acquire::Check-Valid-Until "false";' \
		>"$base.new/etc/apt/apt.conf.d/99isms-snapshot"
	# Keep downloaded packages (<suite>/debs is mounted on the archive).
	rm -f "$base.new/etc/apt/apt.conf.d/docker-clean"
	touch "$base.new/.isms-base"
	remove_tree "$base"
	mv "$base.new" "$base"
}

# run_suite SUITE: `make test` in a fresh copy of SUITE's base; the exit
# status is make test's.
run_suite() {
	local suite=$1 run=$CACHE/$1/run
	remove_tree "$run"
	cp -a "$CACHE/$suite/base" "$run"
	cp /etc/resolv.conf "$run/etc/resolv.conf" 2>/dev/null || true
	mkdir -p "$CACHE/$suite/debs/partial" "$run/root/isms"
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -xf - -C "$run/root/isms"
	cat >"$run/root/matrix-run.sh" <<'EOF'
cd /root/isms || exit 1
case $1 in
deps)	make deps ;;
test)	make test; t=$?; echo "=== make test exit $t"
	make demo; d=$?; echo "=== make demo exit $d"
	[ $t = 0 ] && [ $d = 0 ] ;;
esac
EOF
	unshare --mount --propagation private -- /bin/bash -c '
		set -eu
		run=$1 debs=$2 timeout=$3 data=$4
		mount -t proc proc "$run/proc"
		mount -t sysfs sysfs "$run/sys"
		mount --bind /dev "$run/dev"
		mount -t devpts -o newinstance,ptmxmode=0666 devpts "$run/dev/pts"
		mount -t tmpfs -o mode=1777 tmpfs "$run/dev/shm"
		mount --bind "$debs" "$run/var/cache/apt/archives"
		# The reference inputs some tests read from ../shared/data, if any.
		if [ -d "$data" ]; then
			mkdir -p "$run/root/shared/data"
			mount --bind -o ro "$data" "$run/root/shared/data"
		fi
		env="/usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
		# Done, timed out or stopped: whatever still runs in the chroot (a
		# server, say) is killed, and the mounts go.
		finish() {
			for p in /proc/[0-9]*; do
				[ "$(readlink "$p/root" 2>/dev/null)" = "$run" ] &&
					kill -9 "${p#/proc/}" 2>/dev/null
			done
			umount "$run/root/shared/data" 2>/dev/null || true
			umount "$run/var/cache/apt/archives" "$run/dev/shm" "$run/dev/pts" \
				"$run/dev" "$run/sys" "$run/proc" 2>/dev/null || true
		}
		trap "finish; exit 130" INT TERM HUP
		status=0
		# Packages come from the mirror; the tests then run without a
		# network but loopback, so that no server of the host (on 5432,
		# say) takes the port pg_virtualenv chose.  timeout runs in a
		# process group of its own, which a ^C does not reach: in the
		# background here, so that the trap acts at once.
		timeout --kill-after=60 "$timeout" chroot "$run" $env \
			/bin/bash /root/matrix-run.sh deps &
		wait $! || status=$?
		if [ "$status" -eq 0 ]; then
			timeout --kill-after=60 "$timeout" unshare --net -- /bin/bash -c \
				"ip link set lo up && exec \"\$@\"" lo-up chroot "$run" $env \
				/bin/bash /root/matrix-run.sh test &
			wait $! || status=$?
		fi
		finish
		exit $status
	' isms-matrix "$run" "$CACHE/$suite/debs" "$TIMEOUT" "$DATA"
}

results=() failed=0
for suite in $SUITES; do
	start=$(date +%s)
	log=$CACHE/$suite/make-test.log
	status=0
	if make_base "$suite"; then
		echo "isms: make test on $suite (log: $log)"
		run_suite "$suite" >"$log" 2>&1 || status=$?
		summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
		if grep -q '^=== make demo exit 0$' "$log"; then
			summary="$summary; demo ok"
		elif grep -q '^=== make demo exit' "$log"; then
			summary="$summary; demo FAILED"
		fi
		pg=$(ls "$CACHE/$suite/run/usr/lib/postgresql" 2>/dev/null | sort -n | tail -1)
	else
		status=1 summary="debootstrap failed" pg=
	fi
	secs=$(( $(date +%s) - start ))
	if [ "$status" -eq 0 ]; then result=ok; else result=FAILED; failed=1; fi
	line=$(printf '%-9s PostgreSQL %-3s %-6s %s (%dm%02ds)' "$suite" "${pg:-?}" "$result" \
		"${summary:-no summary; see $log}" $((secs / 60)) $((secs % 60)))
	echo "$line"
	if [ "$status" -ne 0 ]; then
		grep -E '(\.\.\. FAILED|^FAILED|^not ok|error:|^E: |Error [0-9]|exit [1-9])' "$log" |
			head -n 30 | sed 's/^/    /'
	fi
	results+=("$line")
done

echo "=== make test-matrix"
printf '%s\n' "${results[@]}"
exit $failed
}
