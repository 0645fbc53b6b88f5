#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Build the Debian packages and test them as an administrator meets them:
# installed into a clean, minimal Debian 12 root (debootstrap, minbase,
# from the package mirror this machine already uses), where the installed
# tool converts the bundled samples through the installed mappings and
# validates the results against the official schemas (installed there with
# `lob2europass schemas install --from`, from ../shared/europass or
# $L2E_SCHEMAS_FROM), the manual page and pkg-config are found, and
# removing the packages leaves nothing behind. Needs root (chroot).
#   scripts/package-test.sh            builds build/package/*.deb, tests
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/deps.sh
for p in debootstrap dpkg-dev; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "$p" >/dev/null
done

echo "== build the packages"
build=build/package
rm -f "$build"/*.deb
# Debian's hardening flags (fortify, stack protector, relro, bindnow);
# warnings are errors here too: -O2 and fortify see what a Debug build
# does not (maybe-uninitialized, format-truncation)
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DL2E_WERROR=ON \
	-DBUILD_SHARED_LIBS=ON -DCMAKE_INSTALL_PREFIX=/usr \
	-DCMAKE_C_FLAGS="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CFLAGS)" \
	-DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" \
	-DCMAKE_SHARED_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
(cd "$build" && cpack >/dev/null)
ls -l "$build"/*.deb
# the tool's own package needs the library's (apt install of it alone)
dpkg-deb -f "$build"/lob2europass_*.deb Depends | grep -q 'liblob2europass0' ||
	{ echo "FAIL: lob2europass does not depend on liblob2europass0"; exit 1; }
# libcurl and libqpdf are opened when first needed: shlibdeps cannot see
# them, the library's package must name them itself
for lib in libcurl4 libqpdf; do
	dpkg-deb -f "$build"/liblob2europass0_*.deb Depends | grep -q "$lib" ||
		{ echo "FAIL: liblob2europass0 does not depend on $lib"; exit 1; }
done
if command -v lintian >/dev/null 2>&1; then
	echo "== lintian"
	lintian --pedantic -I "$build"/*.deb 2>&1 | grep -v '^running with root' || true
fi

# the mirror apt already uses here (deb822 or a one-line list)
mirror=$(awk '/^URIs:/ { print $2; exit }' \
	/etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' \
	/etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

chroot_dir=$(mktemp -d "${TMPDIR:-/var/tmp}/l2e-debroot.XXXXXX")
chmod 755 "$chroot_dir" # a root's / is world-readable (_apt, man)
cleanup() {
	umount "$chroot_dir/proc" 2>/dev/null || true
	rm -rf "$chroot_dir"
}
trap cleanup EXIT INT TERM

echo "== a clean Debian 12 root (debootstrap minbase, $mirror)"
debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >/dev/null
mount -t proc proc "$chroot_dir/proc"
mkdir -p "$chroot_dir/tmp/pkg" "$chroot_dir/tmp/samples"
cp "$build"/*.deb "$chroot_dir/tmp/pkg/"
cp -r samples/. "$chroot_dir/tmp/samples/"
cp tests/sample_inputs.sh "$chroot_dir/tmp/"
cp tests/fuzz/corpora/pdf_extract/gen2-nametree-Europass-XML-Attachment.pdf \
	"$chroot_dir/tmp/cv.pdf"
# the official schemas, as an administrator without network copies them
schemas=${L2E_SCHEMAS_FROM:-../shared/europass}
if [ -f "$schemas/v3.4.1/xsd/EuropassSchema.xsd" ]; then
	mkdir -p "$chroot_dir/tmp/europass"
	cp -r "$schemas/v3.4.1" "$chroot_dir/tmp/europass/"
else
	echo "note: no schemas in $schemas: validating without them"
fi

chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root LANG=C.UTF-8 /bin/sh -eu <<'INSIDE'
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# what an administrator has anyway, and what the checks below use
apt-get install -y -qq --no-install-recommends man-db pkg-config >/dev/null

echo "== apt install ./*.deb (lob2europass, liblob2europass0, liblob2europass-dev)"
apt-get install -y -qq --no-install-recommends /tmp/pkg/*.deb >/dev/null
lob2europass --version
man -w lob2europass
# the Dutch catalog came along (minbase has only C.UTF-8: LANGUAGE=nl)
LANGUAGE=nl lob2europass --help | grep -q '^Gebruik: lob2europass' ||
	{ echo "FAIL: --help is not Dutch under LANGUAGE=nl"; exit 1; }
echo "--help in Dutch: ok"

echo "== the samples through the installed mappings"
. /tmp/sample_inputs.sh
status=0
for dir in /tmp/samples/*/; do
	name=$(basename "$dir")
	[ -f "/usr/share/lob2europass/mappings/$name.json" ] || continue
	mkdir -p /tmp/out
	# shellcheck disable=SC2046
	lob2europass convert --mapping "$name" --quiet \
		--to europass-xml,europass-json,europass-cv --out "/tmp/out/$name" \
		$(sample_inputs "$dir") || status=$?
	[ "$status" -le 1 ] || { echo "FAIL: convert $name: $status"; exit 1; }
	ls "/tmp/out/$name"/*.europass.xml >/dev/null
done
require=
if [ -d /tmp/europass ]; then
	echo "== lob2europass schemas install --from (offline)"
	lob2europass schemas install --from /tmp/europass
	lob2europass schemas status
	require=--require-schema
fi
# shellcheck disable=SC2086
lob2europass validate $require /tmp/out/*/*.xml /tmp/out/*/*.json \
	>/tmp/validate.txt 2>/tmp/validate.err ||
	{ cat /tmp/validate.txt /tmp/validate.err; echo "FAIL: validate"; exit 1; }
echo "$(grep -c ': valid (' /tmp/validate.txt) documents valid" \
	"(the official schemas: ${require:-not installed})"
tail -1 /tmp/validate.err

echo "== libqpdf and libcurl, opened when first needed, are there"
lob2europass extract /tmp/cv.pdf | grep -q '<?xml' ||
	{ echo "FAIL: extract of a Europass PDF"; exit 1; }
rc=0
lob2europass convert --mapping ooapi-v5 --out /tmp/url \
	https://127.0.0.1:9/students 2>/tmp/url.err || rc=$?
if [ "$rc" -ne 3 ] || grep -q 'needs libcurl' /tmp/url.err; then
	cat /tmp/url.err
	echo "FAIL: a URL did not get as far as connecting (exit $rc)"
	exit 1
fi
echo "PDF read, URL tried: ok"

echo "== pkg-config"
pkg-config --cflags --libs lob2europass

echo "== apt purge"
dpkg -L lob2europass liblob2europass0 liblob2europass-dev | sort -u >/tmp/owned
apt-get purge -y -qq lob2europass liblob2europass0 liblob2europass-dev >/dev/null
apt-get autoremove --purge -y -qq >/dev/null
left=0
while read -r path; do
	# a folder shared with other packages (/usr/bin) stays, ours go
	if [ -e "$path" ] && { [ ! -d "$path" ] ||
		case $path in *lob2europass*) true ;; *) false ;; esac; }; then
		echo "left behind: $path"
		left=1
	fi
done </tmp/owned
[ "$left" -eq 0 ] || { echo "FAIL: the packages left files behind"; exit 1; }
echo "removed, nothing left behind"
INSIDE
echo "package test passed"
