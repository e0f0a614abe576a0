#!/usr/bin/env python3
"""Runs every workload of issues 2 and 3 on Coroutines and on its peers, side by side.

Builds benchmarks/Coroutines.Benchmarks in Release once, then for each workload runs every peer once per
round for several rounds, rotating the order each round so no peer always runs first (a cold cache) or
last (after the others heated the machine). Each run is a fresh process that prints one RESULT line.
Prints one table: per workload and implementation the median ns/op, B/op and the median ratio against
the best implementation of the same round, then the issue's targets, met or missed.

Peers: Coroutines, and in the same .NET process kind Queue<Action> (floor), SynchronizationContext.Post,
async Task + Task.Yield / TaskCompletionSource on a single-thread context, Nito.AsyncEx AsyncContext, a raw
custom awaiter (floor) and a PriorityQueue timer heap; Python asyncio (newest pyenv python), uvloop
(Debian's python3-uvloop, installed when missing) and Node 20.

The I/O workload group `echo` (benchmark B6, TCP echo against a C epoll server, uvloop, asyncio and a plain
.NET Socket server) lives in benchmarks/run-io.py; `--workloads echo` runs it after the others, with the same
--rounds and --small, and appends its tables.

Usage: benchmarks/run-peers.py [--small] [--rounds N] [--workloads a,b] [--markdown FILE]
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from peer_common import PYENV_ROOT, SYSTEM_PYTHON, ensure_uvloop, load_average, machine_line, newest_pyenv_python, sh

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "Coroutines.Benchmarks")
DOTNET_EXE = os.path.join(PROJECT, "bin", "Release", "net10.0", "Coroutines.Benchmarks")

ISSUE2_WORKLOADS = ["callbacks-batch", "callbacks-chain", "resumes", "resumes-wide", "pingpong", "timers",
                    "park-100k", "park-1m"]
ISSUE3_WORKLOADS = ["gather-100k", "queue-1m", "queue-1m-bounded", "lock-uncontended"]
WORKLOADS = ISSUE2_WORKLOADS + ISSUE3_WORKLOADS
FOREIGN = ("asyncio", "uvloop", "node")
# Node has no asyncio-like queue or lock; it takes part in the other workloads.
NODE_WORKLOADS = set(ISSUE2_WORKLOADS) | {"gather-100k"}
# Python needs about a minute for 10M switches per run; the cost per switch does not depend on the count.
PYTHON_SWITCHES = {"full": 1_000_000, "small": 200_000}


def build():
    print("building benchmarks/Coroutines.Benchmarks (Release) ...", file=sys.stderr, flush=True)
    result = sh(["dotnet", "build", PROJECT, "-c", "Release", "-nologo", "-v", "q"])
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def dotnet_impls():
    listing = sh([DOTNET_EXE, "quick", "list"]).stdout.split("\n")
    impls = {}
    for row in listing:
        if row.strip():
            workload, impl = row.split()
            impls.setdefault(workload, []).append(impl)
    return impls


def commands(workload, small, dotnet, python, has_uvloop, node):
    size = ["--small"] if small else []
    runs = [(impl, [DOTNET_EXE, "quick", workload, impl] + size) for impl in dotnet.get(workload, [])]
    peer = os.path.join(HERE, "peers")
    switches = ["--switches", str(PYTHON_SWITCHES["small" if small else "full"])] if workload == "pingpong" else []
    if python:
        runs.append(("asyncio", [python, os.path.join(peer, "asyncio_peer.py"), workload] + size + switches))
    if has_uvloop:
        runs.append(("uvloop", [SYSTEM_PYTHON, os.path.join(peer, "asyncio_peer.py"), workload, "--uvloop"]
                     + size + switches))
    if node and workload in NODE_WORKLOADS:
        runs.append(("node", [node, "--expose-gc", os.path.join(peer, "node_peer.js"), workload] + size))
    return runs


def parse(output):
    for row in output.splitlines():
        if row.startswith("RESULT "):
            fields = dict(part.split("=", 1) for part in row.split()[1:])
            return fields
    return None


def num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def run_workload(workload, runs, rounds):
    per_impl = {impl: [] for impl, _ in runs}
    ratios = {impl: [] for impl, _ in runs}
    for r in range(rounds):
        order = runs[r % len(runs):] + runs[:r % len(runs)]
        round_results = {}
        for impl, cmd in order:
            result = sh(cmd, timeout=900)
            fields = parse(result.stdout)
            if fields is None:
                print(f"  {workload} {impl}: no result\n{result.stdout}{result.stderr}", file=sys.stderr)
                continue
            round_results[impl] = fields
            per_impl[impl].append(fields)
            print(f"  round {r + 1} {workload:16} {impl:20} {num(fields['ns_per_op']):10.1f} ns/op",
                  file=sys.stderr, flush=True)
        if round_results:
            best = min(num(f["ns_per_op"]) for f in round_results.values())
            for impl, fields in round_results.items():
                ratios[impl].append(num(fields["ns_per_op"]) / best)
    return per_impl, ratios


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def summarize(per_impl, ratios):
    rows = {}
    for impl, results in per_impl.items():
        if not results:
            continue
        extras = {}
        for key in ("schedule_ns", "cancel_ns", "fire_ns", "overshoot_s", "inversions", "spawn_ns", "resume_bytes_per_op"):
            if key in results[0]:
                extras[key] = median([num(f.get(key)) for f in results])
        rows[impl] = dict(ns=median([num(f["ns_per_op"]) for f in results]),
                          bytes=median([num(f["bytes_per_op"]) for f in results]),
                          ratio=median(ratios[impl]), ops=results[0]["ops"], runs=len(results), **extras)
    return rows


def fmt(value, digits=1):
    if value != value:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def table(summary):
    lines = ["| workload | impl | ops | ns/op | B/op | × best | notes |", "|---|---|---:|---:|---:|---:|---|"]
    for workload, rows in summary.items():
        for impl, row in sorted(rows.items(), key=lambda kv: kv[1]["ns"]):
            notes = []
            if "schedule_ns" in row:
                notes.append(f"schedule {fmt(row['schedule_ns'])} / cancel {fmt(row['cancel_ns'])} / fire "
                             f"{fmt(row['fire_ns'])} ns, overshoot {row['overshoot_s']:.3f} s, "
                             f"{int(row['inversions'])} order inversions")
            if "resume_bytes_per_op" in row:
                notes.append(f"{fmt(row['resume_bytes_per_op'], 2)} B per resume once the tasks exist")
            if "spawn_ns" in row:
                notes.append(f"spawn {fmt(row['spawn_ns'])} ns/task; B/op = retained per parked task")
            lines.append(f"| {workload} | {impl} | {int(row['ops']):,} | {fmt(row['ns'])} | {fmt(row['bytes'])} | "
                         f"{fmt(row['ratio'], 2)} | {'; '.join(notes)} |")
    return "\n".join(lines)


def targets(summary):
    """Issue 2's targets (all its workloads must have run) and issue 3's (whichever of its workloads ran)."""
    checks = []

    def get(workload, impl, key="ns"):
        return summary.get(workload, {}).get(impl, {}).get(key, float("nan"))

    def check(name, value, goal, ok):
        checks.append(f"| {name} | {fmt(value, 2)} | {goal} | {'met' if ok else 'MISSED'} |")

    if set(ISSUE2_WORKLOADS).issubset(summary):
        issue2_targets(summary, get, check)
    if "gather-100k" in summary:
        value = get("gather-100k", "asyncio") / get("gather-100k", "coroutines")
        check("gather-100k: asyncio.gather ÷ Loop.Gather", value, "≥ 30×", value >= 30)
    for workload in ("queue-1m", "queue-1m-bounded"):
        if workload not in summary:
            continue
        value = get(workload, "asyncio") / get(workload, "coroutines")
        check(f"{workload}: asyncio.Queue ÷ AsyncQueue", value, "≥ 30×", value >= 30)
        value = get(workload, "coroutines") / get(workload, "channels")
        check(f"{workload}: AsyncQueue ÷ Channels", value, "≤ 2×", value <= 2)
    if "lock-uncontended" in summary:
        value = get("lock-uncontended", "coroutines", "bytes")
        check("lock-uncontended: B per acquire/release", value, "0 B", value < 0.5)
    return "\n".join(["| target | value | goal | |", "|---|---:|---|---|"] + checks)


def issue2_targets(summary, get, check):
    for workload in ("callbacks-batch", "callbacks-chain"):
        ours = get(workload, "coroutines")
        best_foreign = min([get(workload, p) for p in FOREIGN if p in summary.get(workload, {})] or [float("nan")])
        check(f"{workload}: best of asyncio/uvloop/node ÷ ours", best_foreign / ours, "≥ 100×", best_foreign / ours >= 100)
        floor = get(workload, "queue-action")
        check(f"{workload}: ours ÷ Queue<Action>", ours / floor, "≤ 2×", ours / floor <= 2)
        check(f"{workload}: B per callback", get(workload, "coroutines", "bytes"), "0 B", get(workload, "coroutines", "bytes") < 0.5)
    chain = get("callbacks-chain", "coroutines") / get("callbacks-batch", "coroutines")
    check("callbacks: chained ÷ batch", chain, "≤ 1.5×", chain <= 1.5)
    for workload in ("resumes", "resumes-wide"):
        ours = get(workload, "coroutines")
        value = get(workload, "task-yield") / ours
        check(f"{workload}: Task.Yield ÷ ours", value, "≥ 3×", value >= 3)
        value = get(workload, "uvloop") / ours
        check(f"{workload}: uvloop ÷ ours", value, "≥ 35×", value >= 35)
        value = get(workload, "coroutines", "resume_bytes_per_op")
        check(f"{workload}: B per resume (after the tasks exist)", value, "0 B", value < 0.5)
    ours = min(get("pingpong", impl) for impl in summary.get("pingpong", {}) if impl.startswith("coroutines"))
    best_ours = min((impl for impl in summary.get("pingpong", {}) if impl.startswith("coroutines")),
                    key=lambda impl: get("pingpong", impl))
    value = ours / get("pingpong", "raw-awaiter")
    check(f"pingpong ({best_ours}) ÷ raw awaiter", value, "≤ 1×", value <= 1)
    value = get("pingpong", "node") / ours
    check(f"pingpong: node promises ÷ {best_ours}", value, "≥ 4×", value >= 4)
    check(f"pingpong: B per switch ({best_ours})", get("pingpong", best_ours, "bytes"), "0 B",
          get("pingpong", best_ours, "bytes") < 0.5)
    value = get("timers", "priorityqueue-heap") / get("timers", "coroutines")
    check("timers: PriorityQueue heap ÷ ours (schedule+cancel+fire)", value, "≥ 5×", value >= 5)
    value = get("timers", "coroutines", "overshoot_s")
    check("timers: drain overshoot (s)", value, "≤ 0.1 s", value <= 0.1)
    value = get("timers", "coroutines", "inversions")
    check("timers: deadline-order inversions", value, "0", value == 0)
    for workload in ("park-100k", "park-1m"):
        value = get(workload, "coroutines", "bytes") / get(workload, "async-task", "bytes")
        check(f"{workload}: retained B/task ours ÷ async Task", value, "≤ 1×", value <= 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="a tenth of each size")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workloads", help="comma-separated subset of " + ",".join(WORKLOADS)
                        + ", or echo (B6, benchmarks/run-io.py)")
    parser.add_argument("--markdown", help="also write the machine line and tables to this file")
    args = parser.parse_args()
    workloads = args.workloads.split(",") if args.workloads else WORKLOADS
    run_echo = "echo" in workloads
    workloads = [w for w in workloads if w != "echo"]
    if not workloads:
        write_markdown(args, run_io(args))
        return

    machine = machine_line()
    load_at_start = load_average()
    print(machine, file=sys.stderr)
    build()
    dotnet = dotnet_impls()
    python = newest_pyenv_python()
    has_uvloop = ensure_uvloop()
    node = shutil.which("node")
    peers = f"peers: {python} ({sh([python, '--version']).stdout.strip()}), " \
            f"uvloop={'yes' if has_uvloop else 'missing'}, node={sh([node, '--version']).stdout.strip() if node else 'missing'}"
    print(peers, file=sys.stderr)

    summary = {}
    for workload in workloads:
        runs = commands(workload, args.small, dotnet, python, has_uvloop, node)
        per_impl, ratios = run_workload(workload, runs, args.rounds)
        summary[workload] = summarize(per_impl, ratios)

    size_note = "--small (a tenth of each size)" if args.small else "full sizes"
    text = (f"{machine}\n{peers}\nload average (1 min) at start {load_at_start}, at end {load_average()}\n"
            f"{args.rounds} rounds, {size_note}; medians over rounds; "
            f"× best = median over rounds of ns/op ÷ the best ns/op of that round\n\n"
            f"{table(summary)}\n\n{targets(summary)}\n")
    print(text)
    if run_echo:
        text += run_io(args)
    write_markdown(args, text)


def write_markdown(args, text):
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)


def run_io(args):
    """The echo group: benchmarks/run-io.py with this run's rounds and size; its output is appended."""
    command = [sys.executable, os.path.join(HERE, "run-io.py"), "--rounds", str(args.rounds)]
    if args.small:
        command.append("--small")
    result = subprocess.run(command, text=True, stdout=subprocess.PIPE)
    print(result.stdout)
    if result.returncode != 0:
        sys.exit(f"run-io.py failed with exit code {result.returncode}")
    return "\n" + result.stdout


if __name__ == "__main__":
    main()
