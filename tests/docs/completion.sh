#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The shell completion scripts, as made by `lob2europass completion`:
#  - every option of every command's --help is offered for that command
#    (bash and zsh), so the scripts can never lag behind the tables;
#  - bash, with bash-completion loaded, completes commands, options and
#    option values (formats, choices) as a user would type them;
#  - both scripts parse (bash -n; zsh -n where zsh is installed).
# Skipped (77) without bash-completion.
#   completion.sh BINARY
set -u
bin=$1
bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || { echo "SKIP: bash-completion is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
"$bin" completion bash >"$tmp/bash" || { echo "FAIL: completion bash"; exit 1; }
"$bin" completion zsh >"$tmp/zsh" || { echo "FAIL: completion zsh"; exit 1; }

check() { # what, expected word, actual words
	n=$((n + 1))
	case " $3 " in
	*" $2 "*) ;;
	*) echo "FAIL: $1: '$2' not offered (got: $3)"; fail=$((fail + 1)) ;;
	esac
}

# what bash offers at the end of a command line
complete_at() {
	bash -c '. "$1"; . "$2"; shift 2
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		_lob2europass; printf "%s " "${COMPREPLY[@]}"' \
		sh "$bc" "$tmp/bash" "$@"
}

for cmd in convert validate verify upgrade extract; do
	opts=$(complete_at lob2europass "$cmd" -)
	for opt in $("$bin" "$cmd" --help | grep -oE -- '--[a-z][a-z-]*' |
		sort -u); do
		check "bash: $cmd" "$opt" "$opts"
		check "zsh: $cmd" "--${opt#--}" "$(grep -oE -- "--[a-z-]+" \
			"$tmp/zsh" | tr '\n' ' ')"
	done
done
check "bash: commands" convert "$(complete_at lob2europass con)"
check "bash: --to" europass-json "$(complete_at lob2europass convert --to europass-j)"
check "bash: --format" json "$(complete_at lob2europass validate --format "")"
check "bash: --deliver-method" put "$(complete_at lob2europass convert --deliver-method p)"
check "bash: completion SHELL" zsh "$(complete_at lob2europass completion "")"

n=$((n + 1))
bash -n "$tmp/bash" || { echo "FAIL: bash -n"; fail=$((fail + 1)); }
if command -v zsh >/dev/null 2>&1; then
	n=$((n + 1))
	zsh -n "$tmp/zsh" || { echo "FAIL: zsh -n"; fail=$((fail + 1)); }
fi
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
