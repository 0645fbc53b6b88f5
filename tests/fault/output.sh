#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Output faults, for real (no mocks): convert 300 dossiers to
#   1. a tmpfs of 64 KiB, which fills up part-way;
#   2. a folder on a file system that is read-only;
#   3. a normal folder under `ulimit -f`, so that write() meets the file
#      size limit (SIGXFSZ is ignored by the CLI: write fails with EFBIG).
# Each also to an archive (--out FILE.zip), which must leave nothing.
# Each run must end with exit status 5, a message naming the cause, and
# no partial document: every document file present is complete, and no
# temporary file is left behind. Mounting needs root; without it (or in
# a container that may not mount) the first two are skipped, and the
# whole test reports skipped (77) only if nothing could run.
#   output.sh CLI SRC_ROOT
set -u
cli=$1 src=${2%/}
work=$(mktemp -d) || exit 1
mnt=$work/mnt
mounted=
cleanup() {
	[ -n "$mounted" ] && umount "$mnt" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail=0 ran=0 skipped=0
SOURCE_DATE_EPOCH=1751526900
export SOURCE_DATE_EPOCH

# 300 dossiers (JSON Lines), each some 5 KiB of output in three formats
python3 - "$src/tests/golden/one-dossier-to-stdout/input.json" \
	"$work/export.jsonl" <<'EOF'
import json, sys
one = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for i in range(300):
        one["primaryCode"]["code"] = "03%05d" % i
        f.write(json.dumps(one) + "\n")
EOF

# Every document in $1 is complete, and no temporary file is left.
check_dir() {
	python3 - "$1" <<'EOF'
import json, os, sys, xml.dom.minidom
d, bad = sys.argv[1], 0
for name in sorted(os.listdir(d)):
    path = os.path.join(d, name)
    if name in (".lob2europass.lock", ".lob2europass-state"):
        continue
    if name == "SHA256SUMS":  # written when the disk had room again:
        import hashlib        # it lists what is there, rightly
        for line in open(path):
            sha, doc = line.rstrip("\n").split("  ", 1)
            if not os.path.exists(os.path.join(d, doc)) or hashlib.sha256(
                    open(os.path.join(d, doc), "rb").read()).hexdigest() != sha:
                print("SHA256SUMS is wrong for %s" % doc); bad += 1
        continue
    if name.startswith("."):
        print("left behind: %s" % name); bad += 1; continue
    try:
        if name.endswith(".json"):
            json.load(open(path, encoding="utf-8"))
        else:
            xml.dom.minidom.parse(path)
    except Exception as e:
        print("partial document: %s (%s)" % (name, e)); bad += 1
sys.exit(1 if bad else 0)
EOF
}

# run NAME OUTDIR EXPECTED_MESSAGE [ulimit -f blocks]
run() {
	name=$1 out=$2 want=$3 limit=${4:-}
	ran=$((ran + 1))
	if [ -n "$limit" ]; then
		(ulimit -f "$limit" && exec "$cli" convert --quiet \
			-m "$src/mappings/koerskaart-json.json" \
			--to europass-xml,europass-json,europass-cv \
			-o "$out" "$work/export.jsonl") \
			>"$work/$name.out" 2>"$work/$name.err"
	else
		"$cli" convert --quiet -m "$src/mappings/koerskaart-json.json" \
			--to europass-xml,europass-json,europass-cv \
			-o "$out" "$work/export.jsonl" \
			>"$work/$name.out" 2>"$work/$name.err"
	fi
	rc=$?
	ok=1
	if [ "$rc" -ne 5 ]; then
		echo "$name: exit status $rc, expected 5"
		[ "$rc" -gt 128 ] && echo "$name: killed by signal $((rc - 128))"
		ok=0
	fi
	if ! grep -q "$want" "$work/$name.err"; then
		echo "$name: no message with \"$want\"; stderr was:"
		head -5 "$work/$name.err"
		ok=0
	fi
	if [ -d "$out" ] && ! check_dir "$out"; then
		ok=0
	fi
	if [ $ok = 1 ]; then
		echo "ok: $name (exit 5, \"$want\", no partial file;" \
			"$(ls "$out" 2>/dev/null | wc -l) complete files)"
	else
		fail=$((fail + 1))
	fi
}

# an archive that failed leaves nothing in its folder: $1 folder, $2 run
zip_left() {
	if [ -n "$(ls -A "$1")" ]; then
		echo "$2: left behind: $(ls -A "$1" | head -3)"
		fail=$((fail + 1))
	fi
}

# 1 and 2: real mounts
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: full and read-only file system: not root"
	skipped=2
elif ! mkdir "$mnt" || ! mount -t tmpfs -o size=64k l2e-fault "$mnt" \
	2>"$work/mount.err"; then
	echo "SKIP: full and read-only file system: cannot mount a tmpfs" \
		"($(cat "$work/mount.err"))"
	skipped=2
else
	mounted=1
	run full-tmpfs "$mnt/out" "No space left on device"
	umount "$mnt"
	# the same into an archive (--out FILE.zip): nothing is left
	mount -t tmpfs -o size=64k l2e-fault "$mnt"
	run full-tmpfs-zip "$mnt/all.zip" \
		"all.zip: cannot write: No space left on device"
	zip_left "$mnt" full-tmpfs-zip
	umount "$mnt"
	mount -t tmpfs -o size=1m l2e-fault "$mnt"
	mkdir "$mnt/out"
	mount -o remount,ro "$mnt"
	run read-only "$mnt/out" "Read-only file system"
	run read-only-zip "$mnt/out/all.zip" \
		"all.zip: cannot create: Read-only file system"
	umount "$mnt"
	mounted=
fi

# 3: ulimit -f 2 (1 or 2 KiB, by the shell's block size): the CV and
# most XML documents are larger, the JSON ones get through
mkdir "$work/limited"
run ulimit-f "$work/limited" "File too large" 2
mkdir "$work/limited-zip"
run ulimit-f-zip "$work/limited-zip/all.zip" \
	"all.zip: cannot write: File too large" 2
zip_left "$work/limited-zip" ulimit-f-zip

echo "$((ran - fail)) passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ] || exit 1
[ "$ran" -gt 0 ] || exit 77
exit 0
