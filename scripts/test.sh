#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The whole test suite, as CI runs it:
#   1. a build with warnings as errors, and every test (ctest);
#   2. the same under AddressSanitizer + UndefinedBehaviorSanitizer, with
#      the allocation-failure tests (tests/fault/, L2E_FAULT_INJECTION);
#   3. the unit, golden and fuzz-replay tests under valgrind (no leaks,
#      no errors);
#   4. the Debian packages, installed into a clean Debian 12 root and
#      used there (scripts/package-test.sh; needs root, else skipped).
# Installs the build dependencies with apt first when they are missing.
#   scripts/test.sh [all|plain|sanitize|valgrind|package]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
what=${1:-all}
jobs=$(nproc)
sh scripts/deps.sh

plain() {
	echo "== build (warnings are errors) and test"
	cmake -S . -B build/test -DL2E_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
		>/dev/null
	cmake --build build/test -j"$jobs"
	ctest --test-dir build/test --output-on-failure -j"$jobs"
}

sanitize() {
	echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
	cmake -S . -B build/asan -DL2E_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
		-DL2E_DEBUG_POOL=ON -DL2E_SANITIZE="address;undefined" \
		-DL2E_FAULT_INJECTION=ON >/dev/null
	cmake --build build/asan -j"$jobs"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir build/asan --output-on-failure -j"$jobs"
}

valgrind_run() {
	echo "== valgrind"
	cmake -S . -B build/valgrind -DL2E_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
		-DL2E_DEBUG_POOL=ON >/dev/null
	cmake --build build/valgrind -j"$jobs"
	L2E_TEST_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible" \
		ctest --test-dir build/valgrind --output-on-failure -j"$jobs" \
		-R '^(unit|golden|fuzz_replay)_'
}

package_run() {
	echo "== Debian packages"
	if [ "$(id -u)" != 0 ]; then
		echo "skipped: the package test needs root (chroot)"
		return 0
	fi
	sh scripts/package-test.sh
}

case $what in
all) plain; sanitize; valgrind_run; package_run ;;
package) package_run ;;
plain) plain ;;
sanitize) sanitize ;;
valgrind) valgrind_run ;;
*) echo "usage: scripts/test.sh [all|plain|sanitize|valgrind|package]" >&2; exit 2 ;;
esac
