#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# contrib/systemd: the units load (systemd-analyze verify, with the
# service's binary pointed at the one just built) and the service stays
# hardened (systemd-analyze security: exposure at most 2.0, "OK").
# Skipped (77) where systemd-analyze is missing.
#   systemd.sh SRC_ROOT BINARY
set -u
src=$1 bin=$2
command -v systemd-analyze >/dev/null 2>&1 || {
	echo "SKIP: systemd-analyze is not installed"
	exit 77
}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
sed "s|/usr/bin/lob2europass|$bin|" "$src/contrib/systemd/lob2europass.service" \
	>"$tmp/lob2europass.service"
cp "$src/contrib/systemd/lob2europass.timer" "$tmp/"
if ! systemd-analyze verify --man=no "$tmp/lob2europass.service" \
	"$tmp/lob2europass.timer"; then
	echo "FAIL: systemd-analyze verify"
	fail=$((fail + 1))
fi
level=$(systemd-analyze security --offline=true \
	"$tmp/lob2europass.service" 2>/dev/null |
	sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
if [ -z "$level" ] || awk "BEGIN { exit !($level > 2.0) }"; then
	echo "FAIL: exposure level ${level:-unknown}, at most 2.0 wanted"
	fail=$((fail + 1))
fi
echo "$((2 - fail)) passed, $fail failed (exposure $level)"
[ "$fail" -eq 0 ]
