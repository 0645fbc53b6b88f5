#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The embedding kit, as a C developer meets it: lob2europass built and
# installed (static, then shared) into a scratch prefix, and the example
# program (examples/) built against the INSTALLED tree two ways each --
# pkg-config with a plain cc, and CMake's find_package -- then run on a
# bundled sample. Also: the shared library has a SONAME and exports only
# the public API (l2e_ names, never l2e__ internals).
#   run.sh SRC_ROOT
set -eu
src=$(cd "$1" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/l2e-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
jobs=$(nproc 2>/dev/null || echo 2)
cc=${CC:-cc}
fail=0 passed=0

check() { # what, command...
	what=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		passed=$((passed + 1))
	else
		echo "FAIL: $what"
		sed 's/^/  /' "$tmp/out" | tail -20
		fail=$((fail + 1))
	fi
}

# run the example on a sample; every document must come out valid
run_example() { # binary, env...
	bin=$1
	shift
	env "$@" "$bin" "$src/mappings/koerskaart-json.json" \
		"$src/samples/koerskaart-json/export-page1.json" \
		>"$tmp/doc.xml" 2>"$tmp/err" || { cat "$tmp/err"; return 1; }
	grep -q "<SkillsPassport" "$tmp/doc.xml" || return 1
	grep -q "valid" "$tmp/err" && ! grep -q invalid "$tmp/err"
}

for kind in static shared; do
	shared=OFF
	[ "$kind" = shared ] && shared=ON
	prefix=$tmp/$kind
	cmake -S "$src" -B "$tmp/build-$kind" -DCMAKE_BUILD_TYPE=Release \
		-DBUILD_TESTING=OFF -DL2E_BUILD_CLI=OFF \
		-DBUILD_SHARED_LIBS=$shared -DCMAKE_INSTALL_PREFIX="$prefix" \
		>/dev/null
	cmake --build "$tmp/build-$kind" -j"$jobs" >/dev/null
	cmake --install "$tmp/build-$kind" >/dev/null
	pc=$(dirname "$(find "$prefix" -name lob2europass.pc)")
	libdir=$(dirname "$pc")

	# pkg-config and a plain compiler, as the README shows
	check "$kind: pkg-config build" sh -c "$cc -o '$tmp/ex-pc-$kind' \
		'$src/examples/convert_and_validate.c' \$(PKG_CONFIG_PATH='$pc' \
		pkg-config --cflags --libs lob2europass)"
	check "$kind: pkg-config example runs" run_example \
		"$tmp/ex-pc-$kind" LD_LIBRARY_PATH="$libdir"

	# CMake's find_package
	check "$kind: find_package build" sh -c "cmake -S '$src/examples' \
		-B '$tmp/ex-cmake-$kind' -DCMAKE_PREFIX_PATH='$prefix' && \
		cmake --build '$tmp/ex-cmake-$kind'"
	check "$kind: find_package example runs" run_example \
		"$tmp/ex-cmake-$kind/convert_and_validate" \
		LD_LIBRARY_PATH="$libdir"
done

so=$(find "$tmp/shared" -name 'liblob2europass.so.*' -type f | head -1)
check "shared library has a SONAME" sh -c \
	"objdump -p '$so' | grep -q 'SONAME *liblob2europass.so.0'"
# every exported symbol is public API: l2e_name, never an l2e__ internal
# (nor a util or libc-like name leaking out)
exports_only_api() {
	nm -D --defined-only "$1" | awk '{ print $3 }' |
		grep -v -e '^l2e_[a-z]' -e '^_' >"$tmp/leaked" || true
	[ ! -s "$tmp/leaked" ] || { cat "$tmp/leaked"; return 1; }
	nm -D --defined-only "$1" | grep -q ' l2e_version$'
}
check "shared library exports only the public API" exports_only_api "$so"

echo "$passed passed, $fail failed"
[ "$fail" -eq 0 ]
