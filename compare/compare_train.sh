#!/usr/bin/env bash
# End-to-end speed of the tutorial's Iris training, as whole processes, side by side:
#   deltagraph train (release build)  vs  the tutorial's pure-Python program (taken from the
#   tutorial's text in ../shared/reference/ by compare/extract_tutorial.py)
#   vs  the same training written with micrograd (compare/micrograd_iris.py).
# All three: 300 epochs, 130 training rows, lr 0.2, 5 hidden neurons, the same data file.
#
# Needs: cargo, a Python 3 with numpy, scikit-learn, matplotlib and micrograd
# (pip install numpy scikit-learn matplotlib micrograd), and hyperfine (apt-get install hyperfine).
#
# Usage: compare/compare_train.sh [IRIS.csv]
#   Reads ../shared/ beside the repository, or beside its main checkout when run from a git
#   worktree, or SHARED=DIR (the tutorial's text, and its Iris file when no IRIS.csv is
#   given): this comparison needs the tutorial itself; the test suite does not.
#   RUNS=N              timed runs of deltagraph and the tutorial program (default 10)
#   MICROGRAD_EPOCHS=N  epochs for micrograd (default 300); below 300 its time is scaled up
#                       to 300 epochs linearly, and the table says so
#   PYTHON=PATH         the Python to run (default python3), e.g. a virtualenv's bin/python
#   OUT_DIR=DIR         where deltagraph writes its files (default: a temporary directory on
#                       the same disk as the repository, so its file writes are counted)
# Not part of `cargo test`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
# ../shared beside the repository; from a git worktree, beside its main checkout.
shared="${SHARED:-$repo/../shared}"
if [ ! -d "$shared" ]; then
    common="$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
    [ -n "$common" ] && shared="$(dirname "$common")/../shared"
fi
data="${1:-$shared/data/iris.csv}"
runs="${RUNS:-10}"
mg_epochs="${MICROGRAD_EPOCHS:-300}"
[ -f "$data" ] || { echo "no data file: $data" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "no Python: $python (set PYTHON=PATH)" >&2; exit 2; }
# Asked before anything runs, so a missing module is one line here, not a traceback later.
missing="$("$python" -c '
import importlib.util
wanted = {"numpy": "numpy", "sklearn": "scikit-learn", "matplotlib": "matplotlib", "micrograd": "micrograd"}
print(" ".join(pip for module, pip in wanted.items() if importlib.util.find_spec(module) is None))
')"
if [ -n "$missing" ]; then
    echo "$python lacks what the Python programs import: pip install $missing" >&2
    echo "(or PYTHON=PATH to a Python that has them, such as a virtualenv's bin/python)" >&2
    exit 2
fi

(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/deltagraph"
work="$(mktemp -d "$repo/target/compare-train.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out="${OUT_DIR:-$work/out}"

tutorial_text="${TUTORIAL_TEXT:-$shared/reference/000_a7df7165479b62fa.txt}"
"$python" "$here/extract_tutorial.py" "$tutorial_text" "$work/tutorial_bp.py"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $data"
echo
echo "--- one run of each, to show they train ---"
"$bin" train "$data" --out "$out" | grep "final validation accuracy"
"$python" "$work/tutorial_bp.py" "$data"
"$python" "$here/micrograd_iris.py" "$data" "$mg_epochs"
echo

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/fast.json" \
    -n deltagraph "$bin train $data --out $out" \
    -n tutorial "$python $work/tutorial_bp.py $data"
hyperfine -N --warmup 0 --runs "$(( runs < 3 ? runs : 3 ))" --export-json "$work/micrograd.json" \
    -n micrograd "$python $here/micrograd_iris.py $data $mg_epochs"

"$python" - "$work/fast.json" "$work/micrograd.json" "$mg_epochs" <<'PY'
import json, sys
fast = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mg = json.load(open(sys.argv[2]))["results"][0]
epochs = int(sys.argv[3])
rows = [(n, fast[n]["mean"], fast[n]["median"], fast[n]["user"], "") for n in ("deltagraph", "tutorial")]
scale = 300 / epochs
note = "" if epochs == 300 else f"  (ran {epochs} epochs; time x{scale:g})"
rows.append(("micrograd", mg["mean"] * scale, mg["median"] * scale, mg["user"] * scale, note))
base = fast["deltagraph"]["median"]
print()
print(f"{'program':<12}{'mean':>12}{'median':>12}{'user CPU':>12}{'median / deltagraph':>22}")
for name, mean, median, user, note in rows:
    print(f"{name:<12}{mean*1e3:>10.1f}ms{median*1e3:>10.1f}ms{user*1e3:>10.1f}ms{median/base:>21.0f}x{note}")
PY
