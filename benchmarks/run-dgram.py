#!/usr/bin/env python3
"""Benchmark B7: UDP 64-byte ping-pong, every server driven by the same native client, side by side.

Builds the C peers (benchmarks/peers/udpsrv.c, udpcli.c) and samples/UdpEcho in Release, then for each workload
(1 and 64 flows) and round starts each server as a fresh process on 127.0.0.1 (B6's Server class of run-io.py),
drives it with `udpcli` (one datagram in flight per flow) for a warm-up and a measured interval, and stops it; the
order of the servers rotates every round. udpcli reads the server's CPU time from /proc/PID/stat.

Prints the median over rounds of round trips/s and server CPU µs per round trip, each as a ratio to the C server of
the same round, then the issue's targets: ≥ uvloop's round trips/s, ≤ 1.1× C's CPU per round trip.

Usage: benchmarks/run-dgram.py [--rounds N] [--seconds S] [--warmup S] [--markdown FILE]
"""
import argparse
import importlib.util
import os
import statistics
import subprocess
import sys

from peer_common import SYSTEM_PYTHON, compile_c_peer, dotnet_build_release, ensure_uvloop, load_average, machine_line, newest_pyenv_python, publish, sh

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.path.join(HERE, "peers")
PEER_BIN = os.path.join(PEERS, "bin")
UDP_SAMPLE = os.path.join(REPO, "samples", "UdpEcho")
BASE_PORT = 26100
WORKLOADS = {"64b-1f": 1, "64b-64f": 64}

_spec = importlib.util.spec_from_file_location("run_io", os.path.join(HERE, "run-io.py"))
run_io = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_io)


def build():
    for name in ("udpsrv", "udpcli"):
        compile_c_peer(os.path.join(PEERS, name + ".c"), os.path.join(PEER_BIN, name))
    dotnet_build_release(UDP_SAMPLE, "samples/UdpEcho")


def servers(python, has_uvloop):
    script = os.path.join(PEERS, "udpserver.py")
    table = {"c": lambda port: [os.path.join(PEER_BIN, "udpsrv"), str(port)],
             "coroutines": lambda port: [run_io.dotnet_exe(UDP_SAMPLE, "UdpEcho"), "server", str(port)]}
    if has_uvloop:
        table["uvloop"] = lambda port: [SYSTEM_PYTHON, script, str(port), "uvloop"]
    if python:
        table["asyncio"] = lambda port: [python, script, str(port), "asyncio"]
    return table


def parse(output):
    for row in output.splitlines():
        if row.startswith("UDP "):
            return {k: float(v) for k, v in (part.split("=", 1) for part in row.split()[1:])}
    return None


def run_one(impl, command, port, flows, warmup, seconds):
    server = run_io.Server(command(port))
    try:
        if not server.wait_listening():
            print(f"  {impl}: did not start\n{server.text()}", file=sys.stderr)
            return None
        client = sh([os.path.join(PEER_BIN, "udpcli"), str(port), str(flows), str(seconds), str(warmup),
                     str(server.pid)], timeout=warmup + seconds + 60)
        fields = parse(client.stdout)
        if fields is None:
            print(f"  {impl}: no result\n{client.stdout}{client.stderr}", file=sys.stderr)
        return fields
    finally:
        server.stop()
        server.remove()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--markdown")
    args = parser.parse_args()
    machine, load_at_start = machine_line(), load_average()
    build()
    python, has_uvloop = newest_pyenv_python(), ensure_uvloop()
    impls = servers(python, has_uvloop)
    names, port = list(impls), BASE_PORT
    rows = {}
    for workload, flows in WORKLOADS.items():
        runs = {impl: [] for impl in impls}
        ratios = {impl: {"rt_s": [], "server_cpu_us_per_rt": []} for impl in impls}
        for r in range(args.rounds):
            got = {}
            for impl in names[r % len(names):] + names[:r % len(names)]:
                port += 1
                fields = run_one(impl, impls[impl], port, flows, args.warmup, args.seconds)
                if fields:
                    got[impl] = fields
                    runs[impl].append(fields)
                    print(f"  round {r + 1} {workload} {impl:10} {fields['rt_s']:9.0f} rt/s  "
                          f"cpu {fields.get('server_cpu_us_per_rt', float('nan')):6.2f} us/rt", file=sys.stderr, flush=True)
            if "c" in got:
                for impl, fields in got.items():
                    for key in ratios[impl]:
                        if got["c"].get(key):
                            ratios[impl][key].append(fields.get(key, float("nan")) / got["c"][key])
        rows[workload] = {impl: {"rt_s": statistics.median(f["rt_s"] for f in fs),
                                 "cpu": statistics.median(f.get("server_cpu_us_per_rt", float("nan")) for f in fs),
                                 "x_rt_s": statistics.median(ratios[impl]["rt_s"]) if ratios[impl]["rt_s"] else float("nan"),
                                 "x_cpu": statistics.median(ratios[impl]["server_cpu_us_per_rt"]) if ratios[impl]["server_cpu_us_per_rt"] else float("nan"),
                                 "runs": len(fs)}
                          for impl, fs in runs.items() if fs}
    lines = ["| workload | server | round trips/s | × C | server CPU µs per round trip | × C |", "|---|---|---:|---:|---:|---:|"]
    checks = ["| target | value | goal | |", "|---|---:|---|---|"]
    for workload, table in rows.items():
        for impl, row in sorted(table.items(), key=lambda kv: kv[1]["cpu"]):
            lines.append(f"| {workload} | {impl} | {row['rt_s']:,.0f} | {row['x_rt_s']:.2f} | {row['cpu']:.2f} | {row['x_cpu']:.2f} |")
        ours, uv = table.get("coroutines"), table.get("uvloop")
        if ours and uv:
            value = ours["rt_s"] / uv["rt_s"]
            checks.append(f"| {workload}: round trips/s ÷ uvloop | {value:.2f} | ≥ 1× | {'met' if value >= 1 else 'MISSED'} |")
        if ours:
            checks.append(f"| {workload}: CPU per round trip ÷ C | {ours['x_cpu']:.2f} | ≤ 1.1× | {'met' if ours['x_cpu'] <= 1.1 else 'MISSED'} |")
    text = (f"{machine}\nload average (1 min) at start {load_at_start}, at end {load_average()}\n"
            f"{args.rounds} rounds, {args.warmup:g} s warm-up + {args.seconds:g} s measured per run; medians over rounds\n\n"
            + "\n".join(lines) + "\n\n" + "\n".join(checks) + "\n")
    publish(text, args.markdown)


if __name__ == "__main__":
    main()
