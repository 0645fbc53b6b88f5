#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Runs xlsx_test.py with a Python that has Debian's openpyxl and
# xlsxwriter (a pyenv python3 may not); skipped (77) without one.
#   run.sh CLI XLSX_DUMP SRC_ROOT
set -u
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import openpyxl, xlsxwriter' 2>/dev/null; then
		exec "$py" "$(dirname "$0")/xlsx_test.py" "$@"
	fi
done
echo "SKIP: no python3 with openpyxl and xlsxwriter (scripts/deps.sh)"
exit 77
