#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Install what lob2europass needs to build and test, from Debian's
# packages, when it is missing. Safe to run again: installs nothing when
# everything is there.
set -eu
packages="build-essential cmake pkg-config libxml2-dev libcjson-dev
libcurl4-openssl-dev libssl-dev openssl ca-certificates
libxml2-utils python3 python3-jsonschema valgrind clang-format git
pandoc bash-completion libxlsxwriter-dev python3-openpyxl chromium
gettext locales
default-jre-headless libapache-jena-java python3-pyld iso-codes
libzip-dev python3-xlsxwriter
libqpdf-dev zlib1g-dev poppler-utils
libarchive-dev"
missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || missing="$missing $p"
done
# the Dutch locale, for the test that --help is Dutch under LANG=nl_NL.UTF-8
# (without it that test falls back to LANGUAGE=nl under C.UTF-8)
nl_locale() {
	locale -a 2>/dev/null | grep -qix 'nl_NL.utf8' && return 0
	[ "$(id -u)" = 0 ] && command -v localedef >/dev/null 2>&1 &&
		[ -f /usr/share/i18n/locales/nl_NL ] &&
		localedef -i nl_NL -f UTF-8 nl_NL.UTF-8 2>/dev/null || true
}
[ -z "$missing" ] && { nl_locale; exit 0; }
echo "installing:$missing"
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "run as root: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
nl_locale
