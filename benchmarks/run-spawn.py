#!/usr/bin/env python3
"""Benchmark B8: spawn `/bin/echo hello`, read its stdout to the end, wait; every spawner side by side.

Builds the C floor (benchmarks/peers/spawnc.c: posix_spawn, one epoll set, pidfd) and benchmarks/Coroutines.Benchmarks
in Release, then for each round runs every peer as a fresh process, in an order that rotates every round: C, the
coroutines loop and .NET `Process` (quick mode of Coroutines.Benchmarks, one process per workload and implementation),
uvloop (Debian's python3-uvloop on /usr/bin/python3, installed when missing) and asyncio (the newest pyenv python;
peers/spawn_peer.py). Each spawns 500 children one after another (spawn-echo), then 500 at once (spawn-echo-500),
after a warm-up (20 children for C and Python; for .NET, runs of 500 until one whole run compiled no method, because
the tiering JIT thread's CPU counts in the process's), and prints the wall time per child and its own CPU per child (getrusage RUSAGE_SELF:
every thread of the spawning process, not the children).

Prints the medians over rounds, each as a ratio to C of the same round, then the issue's targets: wall time ≤ 1.15× C,
and ≥ 2× faster than `Process` (wall and the spawning process's CPU). On a shared machine the children's wait for a
core inflates every peer's wall time; the CPU per child is the steadier comparison.

Usage: benchmarks/run-spawn.py [--rounds N] [--markdown FILE]
"""
import argparse
import os
import statistics
import sys

from peer_common import SYSTEM_PYTHON, compile_c_peer, dotnet_build_release, ensure_uvloop, load_average, machine_line, newest_pyenv_python, publish, sh

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "peers")
PEER_BIN = os.path.join(PEERS, "bin")
PROJECT = os.path.join(HERE, "Coroutines.Benchmarks")
DOTNET_EXE = os.path.join(PROJECT, "bin", "Release", "net10.0", "Coroutines.Benchmarks")
WORKLOADS = {"spawn-echo": "one after another", "spawn-echo-500": "500 at once"}
CHILDREN = 500


def build():
    compile_c_peer(os.path.join(PEERS, "spawnc.c"), os.path.join(PEER_BIN, "spawnc"))
    dotnet_build_release(PROJECT, "benchmarks/Coroutines.Benchmarks")


def peers(python, has_uvloop):
    """name -> list of command lines; together they print one RESULT line per workload."""
    script = os.path.join(PEERS, "spawn_peer.py")
    table = {"c": [[os.path.join(PEER_BIN, "spawnc"), str(CHILDREN)]]}
    for impl in ("coroutines", "dotnet-process"):
        table[impl] = [[DOTNET_EXE, "quick", workload, impl] for workload in WORKLOADS]
    if has_uvloop:
        table["uvloop"] = [[SYSTEM_PYTHON, script, "uvloop", str(CHILDREN)]]
    if python:
        table["asyncio"] = [[python, script, "asyncio", str(CHILDREN)]]
    return table


def parse(output):
    """workload -> fields of every RESULT line."""
    results = {}
    for row in output.splitlines():
        if row.startswith("RESULT "):
            fields = dict(part.split("=", 1) for part in row.split()[1:])
            results[fields["workload"]] = {k: v if k in ("workload", "impl") else float(v) for k, v in fields.items()}
    return results


def run_peer(impl, commands):
    results = {}
    for command in commands:
        run = sh(command, timeout=900)
        got = parse(run.stdout)
        if not got:
            print(f"  {impl}: no result\n{run.stdout}{run.stderr}", file=sys.stderr)
        results.update(got)
    return results


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--markdown")
    args = parser.parse_args()
    machine, load_at_start = machine_line(), load_average()
    build()
    python, has_uvloop = newest_pyenv_python(), ensure_uvloop()
    table = peers(python, has_uvloop)
    names = list(table)
    runs = {w: {impl: [] for impl in names} for w in WORKLOADS}
    ratios = {w: {impl: {"wall": [], "cpu": []} for impl in names} for w in WORKLOADS}
    for r in range(args.rounds):
        got = {}
        for impl in names[r % len(names):] + names[:r % len(names)]:
            got[impl] = run_peer(impl, table[impl])
            for workload, fields in got[impl].items():
                runs[workload][impl].append(fields)
                print(f"  round {r + 1} {workload:15} {impl:15} {fields['ns_per_op'] / 1e3:8.0f} µs wall  "
                      f"{fields['process_cpu_ns_per_op'] / 1e3:7.0f} µs CPU per child", file=sys.stderr, flush=True)
        for workload in WORKLOADS:
            floor = got.get("c", {}).get(workload)
            if not floor:
                continue
            for impl in names:
                fields = got[impl].get(workload)
                if fields:
                    ratios[workload][impl]["wall"].append(fields["ns_per_op"] / floor["ns_per_op"])
                    ratios[workload][impl]["cpu"].append(fields["process_cpu_ns_per_op"] / floor["process_cpu_ns_per_op"])

    lines = ["| workload | peer | wall µs per child | × C | process CPU µs per child | × C | B allocated per child |",
             "|---|---|---:|---:|---:|---:|---:|"]
    rows = {}
    for workload, label in WORKLOADS.items():
        rows[workload] = {impl: {"wall": median(f["ns_per_op"] for f in fs) / 1e3,
                                 "cpu": median(f["process_cpu_ns_per_op"] for f in fs) / 1e3,
                                 "bytes": median(f.get("bytes_per_op", float("nan")) for f in fs),
                                 "x_wall": median(ratios[workload][impl]["wall"]),
                                 "x_cpu": median(ratios[workload][impl]["cpu"])}
                          for impl, fs in runs[workload].items() if fs}
        for impl, row in sorted(rows[workload].items(), key=lambda kv: kv[1]["cpu"]):
            size = "—" if row["bytes"] != row["bytes"] else f"{row['bytes']:,.0f}"
            lines.append(f"| {label} | {impl} | {row['wall']:,.0f} | {row['x_wall']:.2f} | {row['cpu']:,.0f} | "
                         f"{row['x_cpu']:.2f} | {size} |")
    checks = ["| target | value | goal | |", "|---|---:|---|---|"]
    for workload, label in WORKLOADS.items():
        ours, process = rows[workload].get("coroutines"), rows[workload].get("dotnet-process")
        if not ours:
            continue
        checks.append(f"| {label}: wall ÷ C | {ours['x_wall']:.2f} | ≤ 1.15× | {'met' if ours['x_wall'] <= 1.15 else 'MISSED'} |")
        if process:
            for key, what in (("wall", "wall"), ("cpu", "process CPU")):
                value = process[key] / ours[key]
                checks.append(f"| {label}: `Process` {what} ÷ ours | {value:.2f} | ≥ 2× | {'met' if value >= 2 else 'MISSED'} |")
    text = (f"{machine}\nload average (1 min) at start {load_at_start}, at end {load_average()}\n"
            f"{args.rounds} rounds, {CHILDREN} children per workload after a warm-up (.NET: until the JIT settles); medians over rounds; "
            f"× C = median over rounds of the ratio to C in the same round\n\n"
            + "\n".join(lines) + "\n\n" + "\n".join(checks) + "\n")
    publish(text, args.markdown)


if __name__ == "__main__":
    main()
