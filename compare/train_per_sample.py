#!/usr/bin/env python3
"""Time per sample-step of `deltagraph train` against the two plain Rust loops of
`benches/train.rs`, as whole processes, side by side.

Each program trains the tutorial's Iris network from the same CSV, validating after every
epoch. The time per sample-step is the CPU time (user + system, from wait4) of
`--epochs 3000` minus that of `--epochs 1`, divided by 2,999 x 130 sample-steps: start-up,
loading and output cancel out, validation stays in. Runs are interleaved (program after
program, round after round) and the fastest of RUNS rounds counts for each, so load from
other processes hits all alike and a run switched out only slows itself.

Usage: compare/train_per_sample.py [IRIS.csv]
  Reads ../shared/data/iris.csv beside the repository (or beside its main checkout when run
  from a git worktree) when no file is given. RUNS=N rounds (default 9), EPOCHS=N (3000).
Needs cargo and python3 only. Not part of `cargo test`.
"""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)


def shared_iris():
    """The tutorial's Iris file in ../shared beside the repository or its main checkout."""
    candidates = [os.path.join(repo, "..", "shared", "data", "iris.csv")]
    common = subprocess.run(["git", "-C", repo, "rev-parse", "--path-format=absolute",
                             "--git-common-dir"], capture_output=True, text=True).stdout.strip()
    if common:
        candidates.append(os.path.join(os.path.dirname(common), "..", "shared", "data",
                                       "iris.csv"))
    return next((c for c in candidates if os.path.isfile(c)), None)


def build():
    """The release binary and the train bench's executable, built."""
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
    out = subprocess.run(["cargo", "bench", "--bench", "train", "--no-run", "--quiet",
                          "--message-format=json"], cwd=repo, check=True,
                         capture_output=True, text=True).stdout
    bench = None
    for line in out.splitlines():
        msg = json.loads(line)
        target = msg.get("target", {})
        if msg.get("reason") == "compiler-artifact" and target.get("name") == "train" \
                and "bench" in target.get("kind", []) and msg.get("executable"):
            bench = msg["executable"]
    if bench is None:
        sys.exit("no executable for benches/train.rs")
    return os.path.join(repo, "target", "release", "deltagraph"), bench


def cpu_ms(cmd):
    """CPU time (user + system) of one run of `cmd`, in ms; its output is discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    pid = os.posix_spawn(cmd[0], cmd, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)])
    os.close(devnull)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return (usage.ru_utime + usage.ru_stime) * 1e3


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else shared_iris()
    if not data or not os.path.isfile(data):
        sys.exit("no Iris file: pass one (the tutorial's is ../shared/data/iris.csv)")
    runs = int(os.environ.get("RUNS", "9"))
    epochs = int(os.environ.get("EPOCHS", "3000"))
    deltagraph, bench = build()
    out = tempfile.mkdtemp(prefix="train-per-sample.", dir=os.path.join(repo, "target"))
    programs = {
        "deltagraph train": lambda e: [deltagraph, "train", data, "--epochs", str(e),
                                       "--out", out],
        "plain loop": lambda e: [bench, "process", "plain", str(e), data],
        "fixed-size loop": lambda e: [bench, "process", "fixed", str(e), data],
    }
    best = {}
    for _ in range(runs):
        for name, command in programs.items():
            for e in (1, epochs, 300):
                t = cpu_ms(command(e))
                best[(name, e)] = min(best.get((name, e), float("inf")), t)
    samples = 130
    per_sample = {name: (best[(name, epochs)] - best[(name, 1)]) * 1e6 / ((epochs - 1) * samples)
                  for name in programs}
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    print(f"{os.cpu_count()} cores, load average {' '.join(load)}; data {data}")
    print(f"per sample-step: CPU of --epochs {epochs} minus --epochs 1, fastest of {runs} "
          f"interleaved rounds")
    graph = per_sample["deltagraph train"]
    for name, ns in per_sample.items():
        ratio = "" if name == "deltagraph train" else f"   deltagraph / this {graph / ns:.2f}x"
        print(f"  {name:<18}{ns:8.1f} ns{ratio}")
    print("whole process, the tutorial's 300 epochs: " +
          ", ".join(f"{name} {best[(name, 300)]:.2f} ms" for name in programs))
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
    os.rmdir(out)


if __name__ == "__main__":
    main()
