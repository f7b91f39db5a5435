#!/usr/bin/env bash
# Regenerates link/hot-functions.txt: the functions of the deltagraph binary that `train` (on
# the tutorial's Iris file, a few epochs) and the tutorial's worked example execute, as the
# linker names them, in the order callgrind lists them. build.rs hands the file to the linker
# (lld's --symbol-ordering-file), which puts these functions next to each other, so a run
# faults in a few pages of code instead of pages all over the 5 MB of it (docs/performance.md,
# "Hot functions together").
#
# Run it after changes to the code a `train` run executes: a function the list does not name
# (a new one, or one whose symbol hash changed) is laid out where the linker puts it anyway;
# nothing breaks, the run only faults in more pages. Needs valgrind and python3.
# Not part of `cargo test`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 2; }

# `cargo build`, not `cargo test`: the test build unifies features with the dev-dependencies,
# which changes the dependencies' symbol hashes; the list must name what `cargo build` links.
(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/deltagraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/train.cg" \
    "$bin" train "$repo/tests/data/iris-tutorial.csv" --epochs 3 --out "$work/out" \
    >/dev/null 2>"$work/train.log"
(cd "$work" && valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/tutorial.cg" \
    "$bin" >/dev/null 2>"$work/tutorial.log")

python3 - "$bin" "$repo/link/hot-functions.txt" "$work/train.cg" "$work/tutorial.cg" <<'EOF'
import re, sys
binary, out, profiles = sys.argv[1], sys.argv[2], sys.argv[3:]
names, seen = [], set()
for profile in profiles:
    objects, functions, current = {}, {}, None
    for line in open(profile):
        m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            kind, number, name = m.groups()
            if name:
                objects[number] = name
            if kind == "ob":
                current = objects[number]
            continue
        m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            kind, number, name = m.groups()
            if name:
                functions[number] = name
            # callgrind marks a recursion level with 'N and names what has no symbol by its
            # address or as "(below main)": neither is a name the linker knows.
            name = re.sub(r"'\d+$", "", functions[number])
            symbol = re.fullmatch(r"[A-Za-z_.$][A-Za-z0-9_.$]*", name) is not None
            # Functions of the binary itself only (not of libc, libm or the loader).
            if kind == "fn" and current == binary and symbol and name not in seen:
                seen.add(name)
                names.append(name)
with open(out, "w") as f:
    f.write("".join(n + "\n" for n in names))
print(f"{out}: {len(names)} functions")
EOF
