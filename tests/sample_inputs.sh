# SPDX-License-Identifier: EUPL-1.2
# sh: the inputs of a bundled sample (see sample_inputs.py): a CSV bundle
# is the folder itself, otherwise every *.json, *.jsonld and *.xml in it.
#   . tests/sample_inputs.sh; set -- $(sample_inputs samples/name)
sample_inputs() {
	if ls "$1"/*.csv >/dev/null 2>&1; then
		printf '%s\n' "${1%/}"
	else
		ls "${1%/}"/*.json "${1%/}"/*.jsonld "${1%/}"/*.xml 2>/dev/null
	fi
}
