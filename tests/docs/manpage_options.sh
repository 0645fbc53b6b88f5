#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The option table (what --help prints) and the manual page must agree:
# every option of `convert --help`, `validate --help`, `verify --help` and
# `schemas --help`, `upgrade --help`,
# `extract --help`
# is documented in
# lob2europass.1.md, and the manual documents no option the tool does not
# have.
#   manpage_options.sh BINARY MANPAGE_MD
set -u
bin=$1 man=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
for cmd in convert validate verify overview schemas upgrade extract explain; do
	section=$(echo "$cmd" | tr '[:lower:]' '[:upper:]')
	"$bin" "$cmd" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u \
		> "$tmp/help"
	sed -n "/^# OPTIONS OF $section/,/^# [A-Z]/p" "$man" |
		grep -oE -- '\*\*--[a-z][a-z-]*\*\*' | tr -d '*' | sort -u \
		> "$tmp/man"
	if [ ! -s "$tmp/help" ] || [ ! -s "$tmp/man" ]; then
		echo "FAIL: $cmd: no options found"
		exit 1
	fi
	if ! diff -u "$tmp/help" "$tmp/man"; then
		echo "FAIL: $cmd --help (-) and the manual page (+) list" \
			"different options"
		exit 1
	fi
	n=$((n + $(wc -l < "$tmp/help")))
done
echo "$n passed, 0 failed"
