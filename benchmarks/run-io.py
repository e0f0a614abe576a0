#!/usr/bin/env python3
"""Benchmark B6: TCP echo, every server driven by the same native client, side by side.

Builds the C peers (benchmarks/peers/echosrv.c, echocli.c), the plain .NET Socket server
(benchmarks/SocketEchoServer) and this repository's samples/EchoServer in Release, then for each workload and
round starts each server as a fresh process on 127.0.0.1, drives it with `echocli` (one outstanding request per
connection, nothing allocated per request) for a warm-up and then a measured interval, and stops it. The order
of the servers rotates every round, so none always runs first or last. echocli reads the server's CPU time
(utime+stime of /proc/PID/stat, all threads) at the start and the end of the measured interval.

Prints one table per workload: the median over rounds of req/s, p50, p99 and server CPU µs per request, each
also as a ratio to the C epoll server of the same round (the ceiling), bytes allocated per request by the .NET
servers (GC.GetTotalAllocatedBytes deltas, taken with SIGUSR1 inside the measured interval), then the issue's
targets, met or missed. With --syscalls it also counts each server's syscalls per request with `strace -c -f`
attached for a short run after the warm-up.

Servers: c-epoll (the ceiling), uvloop and asyncio protocol servers (peers/echoserver.py; --streams adds their
streams servers), coroutines-streams (samples/EchoServer --streams: a StartServer handler coroutine per client,
ReadAsync into its own buffer, Write, Drain), dotnet-socket (async Socket.ReceiveAsync/SendAsync per connection), coroutines (samples/
EchoServer on the epoll selector), coroutines-portable (the same on the portable backend), and readiness /
readiness-portable (benchmarks/ReadinessEchoServer: the loop's AddReader/AddWriter with non-blocking sockets and no
transport, the floor of this repository's servers).

--tls adds the TLS workloads (tls-*): echocli --tls (OpenSSL, TLS 1.3, no certificate check, handshakes before the
warm-up) against dotnet-sslstream (benchmarks/SocketEchoServer --tls: SslStream over a NetworkStream per
connection, the reference of these tables), coroutines-tls (samples/EchoServer --tls: the echo protocol over the
runtime's TLS layer) and coroutines-streams-tls (the same with --streams). Every server makes its self-signed
certificate in memory at start-up.

Usage: benchmarks/run-io.py [--small] [--rounds N] [--seconds S] [--warmup S] [--workloads a,b]
                            [--servers a,b] [--streams] [--http] [--tls] [--syscalls] [--markdown FILE]
"""
import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from peer_common import PYENV_ROOT, SYSTEM_PYTHON, compile_c_peer, dotnet_build_release, ensure_uvloop, load_average, machine_line, newest_pyenv_python, publish, sh

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.path.join(HERE, "peers")
PEER_BIN = os.path.join(PEERS, "bin")
SOCKET_SERVER = os.path.join(HERE, "SocketEchoServer")
READINESS_SERVER = os.path.join(HERE, "ReadinessEchoServer")
ECHO_SAMPLE = os.path.join(REPO, "samples", "EchoServer")
HTTP_SAMPLE = os.path.join(REPO, "samples", "HttpHello")
KESTREL_SERVER = os.path.join(HERE, "KestrelHello")
SIGUSR1 = signal.SIGUSR1

# name: (message bytes, connections)
WORKLOADS = {
    "1k-4c": (1024, 4),
    "10k-4c": (10 * 1024, 4),
    "100k-4c": (100 * 1024, 4),
    "1k-1c": (1024, 1),
    "1k-100c": (1024, 100),
}
# --http: keep-alive GET / against the HTTP servers, one outstanding request per connection (echocli's http mode)
HTTP_WORKLOADS = {
    "http-4c": ("http", 4),
    "http-64c": ("http", 64),
}
HTTP_SERVERS = ("httphello", "kestrel")
# --tls: TLS echo, the same sizes and one outstanding request per keep-alive connection
TLS_WORKLOADS = {
    "tls-1k-1c": (1024, 1),
    "tls-1k-10c": (1024, 10),
    "tls-100k-1c": (100 * 1024, 1),
    "tls-100k-10c": (100 * 1024, 10),
}
TLS_SERVERS = ("dotnet-sslstream", "coroutines-tls", "coroutines-streams-tls")
CEILING = "c-epoll"
TLS_REFERENCE = "dotnet-sslstream"
BASE_PORT = 25600


def build(wanted, http=False):
    """Compiles the C peers, and the .NET servers among `wanted` (None: all); with `http` the HTTP servers too."""
    compile_c_peer(os.path.join(PEERS, "echosrv.c"), os.path.join(PEER_BIN, "echosrv"))
    compile_c_peer(os.path.join(PEERS, "echocli.c"), os.path.join(PEER_BIN, "echocli"), ["-lssl", "-lcrypto"],
                   hint=" (echocli needs the OpenSSL headers: apt-get install libssl-dev)")
    projects = []
    if wanted is None or any(w.startswith("dotnet-") for w in wanted):
        projects.append(SOCKET_SERVER)
    if wanted is None or any(w.startswith("readiness") for w in wanted):
        projects.append(READINESS_SERVER)
    if os.path.isdir(ECHO_SAMPLE) and (wanted is None or any(w.startswith("coroutines") for w in wanted)):
        projects.append(ECHO_SAMPLE)
    if http:
        projects += [HTTP_SAMPLE, KESTREL_SERVER]
    for project in projects:
        dotnet_build_release(project, os.path.relpath(project, REPO))


def dotnet_exe(project, name):
    return os.path.join(project, "bin", "Release", "net10.0", name)


def http_servers():
    """The HTTP servers of --http: samples/HttpHello (streams) and ASP.NET Core Kestrel, both serving "Hello, World!"."""
    hello = dotnet_exe(HTTP_SAMPLE, "HttpHello")
    kestrel = dotnet_exe(KESTREL_SERVER, "KestrelHello")
    return {"httphello": lambda port: [hello, "--port", str(port)],
            "kestrel": lambda port: [kestrel, str(port)]}


def tls_servers():
    """The servers of --tls: SslStream over Socket (the reference) and the echo sample over the runtime's TLS layer."""
    socket_exe = dotnet_exe(SOCKET_SERVER, "SocketEchoServer")
    sample_exe = dotnet_exe(ECHO_SAMPLE, "EchoServer")
    return {"dotnet-sslstream": lambda port: [socket_exe, str(port), "--tls", "--stats"],
            "coroutines-tls": lambda port: [sample_exe, str(port), "--tls", "--stats"],
            "coroutines-streams-tls": lambda port: [sample_exe, str(port), "--tls", "--streams", "--stats"]}


def servers(python, has_uvloop, streams):
    """name -> function(port) -> command line. The .NET servers take --stats (allocation counters on SIGUSR1)."""
    script = os.path.join(PEERS, "echoserver.py")
    table = {CEILING: lambda port: [os.path.join(PEER_BIN, "echosrv"), str(port)]}
    if has_uvloop:
        table["uvloop"] = lambda port: [SYSTEM_PYTHON, script, "proto", str(port), "uvloop"]
    if python:
        table["asyncio"] = lambda port: [python, script, "proto", str(port), "asyncio"]
    if streams and has_uvloop:
        table["uvloop-streams"] = lambda port: [SYSTEM_PYTHON, script, "streams", str(port), "uvloop"]
    if streams and python:
        table["asyncio-streams"] = lambda port: [python, script, "streams", str(port), "asyncio"]
    socket_exe = dotnet_exe(SOCKET_SERVER, "SocketEchoServer")
    table["dotnet-socket"] = lambda port: [socket_exe, str(port), "--stats"]
    readiness_exe = dotnet_exe(READINESS_SERVER, "ReadinessEchoServer")
    table["readiness"] = lambda port: [readiness_exe, str(port), "--stats"]
    table["readiness-portable"] = lambda port: [readiness_exe, str(port), "--stats", "--backend", "portable"]
    sample_exe = dotnet_exe(ECHO_SAMPLE, "EchoServer")
    if os.path.exists(sample_exe):
        table["coroutines"] = lambda port: [sample_exe, str(port), "--stats"]
        table["coroutines-portable"] = lambda port: [sample_exe, str(port), "--stats", "--backend", "portable"]
        table["coroutines-streams"] = lambda port: [sample_exe, str(port), "--stats", "--streams"]
    else:
        print("samples/EchoServer is not built: the coroutines servers are left out", file=sys.stderr)
    return table


class Server:
    """One server process: started, waited for until it prints its 'listening on' line, stopped with SIGTERM."""

    def __init__(self, command):
        self.output = tempfile.NamedTemporaryFile("w+", prefix="b6-server-", suffix=".out", delete=False)
        self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT, text=True)
        self.pid = self.process.pid

    def text(self):
        with open(self.output.name) as f:
            return f.read()

    def wait_listening(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "listening on" in self.text():
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def stop(self):
        """SIGTERM, then SIGKILL after 5 s; returns the exit code (negative: killed by that signal)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()
        return self.process.returncode

    def stats(self):
        """The (allocated_bytes, received_bytes) pairs the server printed on SIGUSR1."""
        return [(int(a), int(r)) for a, r in re.findall(r"STATS allocated_bytes=(\d+) received_bytes=(\d+)", self.text())]

    def remove(self):
        try:
            os.unlink(self.output.name)
        except OSError:
            pass


def parse_echo(output):
    for row in output.splitlines():
        if row.startswith("ECHO "):
            return {k: float(v) for k, v in (part.split("=", 1) for part in row.split()[1:])}
    return None


def run_one(impl, command, port, size, conns, warmup, seconds, tls=False):
    """Starts the server, runs the client (echocli --tls with `tls`), stops the server. Returns the measured fields or None."""
    args = command(port)
    counts_allocations = "--stats" in args  # only these servers handle SIGUSR1; it ends the others
    server = Server(args)
    try:
        if not server.wait_listening():
            print(f"  {impl}: did not start\n{server.text()}", file=sys.stderr)
            return None
        client = subprocess.Popen([os.path.join(PEER_BIN, "echocli")] + (["--tls"] if tls else []) +
                                  [str(port), str(conns), str(size), str(seconds), str(warmup), str(server.pid)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Allocation counters: one sample just after the warm-up, one just before the client stops (so closing
        # the connections is not counted); the server normalizes by the bytes it echoed in between.
        if counts_allocations:
            # A first report during the warm-up is not used: it starts what reporting needs (on the epoll backend
            # the first signal brings up a thread-pool worker), which would otherwise count as allocation.
            time.sleep(warmup / 2)
            server.process.send_signal(SIGUSR1)
            time.sleep(warmup / 2 + 0.1)
            server.process.send_signal(SIGUSR1)
            time.sleep(max(seconds - 0.4, 0.1))
            server.process.send_signal(SIGUSR1)
        out, err = client.communicate(timeout=warmup + seconds + 120)
        fields = parse_echo(out)
        if fields is None:
            print(f"  {impl}: no result\n{out}{err}", file=sys.stderr)
            return None
        time.sleep(0.1)
        samples = server.stats()
        if len(samples) >= 2 and samples[-1][1] > samples[-2][1]:
            (a0, r0), (a1, r1) = samples[-2], samples[-1]
            fields["bytes_per_req"] = (a1 - a0) / ((r1 - r0) / size)
        return fields
    finally:
        code = server.stop()
        if code not in (0, -signal.SIGTERM, 143) and impl.startswith("coroutines"):
            print(f"  {impl}: exit code {code} after SIGTERM", file=sys.stderr)
        server.remove()


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def run_workload(name, size, conns, impls, rounds, warmup, seconds, port_counter, tls=False, reference=CEILING):
    """Runs every server of `impls` `rounds` times; ratios are to `reference` of the same round."""
    results = {impl: [] for impl in impls}
    ratios = {impl: {"req_s": [], "p50_us": [], "p99_us": [], "server_cpu_us_per_req": []} for impl in impls}
    names = list(impls)
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        round_results = {}
        for impl in order:
            port_counter[0] += 1
            fields = run_one(impl, impls[impl], BASE_PORT + port_counter[0] % 300, size, conns, warmup, seconds, tls)
            if fields is None:
                continue
            round_results[impl] = fields
            results[impl].append(fields)
            print(f"  round {r + 1} {name:8} {impl:20} {fields['req_s']:9.0f} req/s  p50 {fields['p50_us']:7.1f} us"
                  f"  cpu {fields.get('server_cpu_us_per_req', float('nan')):6.2f} us/req"
                  f"  {fields.get('bytes_per_req', float('nan')):8.2f} B/req", file=sys.stderr, flush=True)
        ceiling = round_results.get(reference)
        if ceiling:
            for impl, fields in round_results.items():
                for key in ratios[impl]:
                    if key in fields and ceiling.get(key):
                        ratios[impl][key].append(fields[key] / ceiling[key])
    summary = {}
    for impl, runs in results.items():
        if not runs:
            continue
        row = {key: median([f.get(key, float("nan")) for f in runs])
               for key in ("req_s", "p50_us", "p99_us", "server_cpu_us_per_req", "server_sched_us_per_req",
                           "bytes_per_req")}
        row.update({"x_" + key: median(values) for key, values in ratios[impl].items()})
        row["runs"] = len(runs)
        summary[impl] = row
    return summary


def count_syscalls(impl, command, port, size, conns, seconds):
    """Syscalls per request of one server: strace -c -f attached after a warm-up, for a short run."""
    if not shutil.which("strace"):
        return None
    server = Server(command(port))
    try:
        if not server.wait_listening():
            return None
        warm = sh([os.path.join(PEER_BIN, "echocli"), str(port), str(conns), str(size), "2", "0.5"])
        if parse_echo(warm.stdout) is None:
            return None
        trace = tempfile.NamedTemporaryFile(prefix="b6-strace-", suffix=".txt", delete=False)
        trace.close()
        tracer = subprocess.Popen(["strace", "-c", "-f", "-o", trace.name, "-p", str(server.pid)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)  # strace attaches to every thread
        client = sh([os.path.join(PEER_BIN, "echocli"), str(port), str(conns), str(size), str(seconds), "0"])
        tracer.send_signal(signal.SIGINT)  # detaches and writes the summary
        tracer.wait(30)
        fields = parse_echo(client.stdout)
        with open(trace.name) as f:
            text = f.read()
        os.unlink(trace.name)
        if fields is None:
            return None
        calls = {}
        for row in text.splitlines():
            parts = row.split()
            # % time, seconds, usecs/call, calls, [errors], syscall
            if len(parts) >= 5 and re.fullmatch(r"[\d.]+", parts[0]) and parts[-1] != "total":
                calls[parts[-1]] = int(parts[3])
        requests = fields["requests"]
        return {name: count / requests for name, count in calls.items()}
    finally:
        server.stop()
        server.remove()


def fmt(value, digits=1):
    if value != value:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def table(summary, reference="C"):
    x = f"× {reference}"
    lines = [f"| workload | server | req/s | {x} | p50 µs | {x} | p99 µs | {x} | server CPU µs/req | {x} | B/req |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for workload, rows in summary.items():
        for impl, row in sorted(rows.items(), key=lambda kv: kv[1]["server_cpu_us_per_req"]):
            lines.append(
                f"| {workload} | {impl} | {fmt(row['req_s'])} | {fmt(row['x_req_s'], 2)} | {fmt(row['p50_us'])} | "
                f"{fmt(row['x_p50_us'], 2)} | {fmt(row['p99_us'])} | {fmt(row['x_p99_us'], 2)} | "
                f"{fmt(row['server_cpu_us_per_req'], 2)} | {fmt(row['x_server_cpu_us_per_req'], 2)} | "
                f"{fmt(row['bytes_per_req'], 2)} |")
    return "\n".join(lines)


def targets(summary):
    checks = []

    def check(name, value, goal, ok):
        checks.append(f"| {name} | {fmt(value, 2)} | {goal} | {'met' if ok else 'MISSED'} |")

    for workload, rows in summary.items():
        ours = rows.get("coroutines")
        if not ours:
            continue
        value = ours["x_server_cpu_us_per_req"]
        check(f"{workload}: CPU/request ÷ C", value, "≤ 1.05×", value <= 1.05)
        if workload == "1k-1c":
            value = ours["x_p50_us"]
            check(f"{workload}: p50 ÷ C", value, "≤ 1.1×", value <= 1.1)
        value = ours["bytes_per_req"]
        check(f"{workload}: B allocated per request", value, "0 B", value < 0.5)
        portable = rows.get("coroutines-portable")
        if portable:
            value = portable["server_cpu_us_per_req"] / ours["server_cpu_us_per_req"]
            check(f"{workload}: portable ÷ selector, CPU/request", value, "≤ 1.5×", value <= 1.5)
        streams = rows.get("coroutines-streams")
        if streams:
            # issue 10: the streams API costs (almost) nothing over the protocol it is built on
            value = streams["req_s"] / ours["req_s"]
            check(f"{workload}: streams ÷ protocols, req/s", value, "≥ 0.9×", value >= 0.9)
            if workload == "1k-4c":
                value = streams["x_server_cpu_us_per_req"]
                check(f"{workload}: streams CPU/request ÷ C", value, "≤ 1.2×", value <= 1.2)
    for workload, rows in summary.items():
        sslstream = rows.get(TLS_REFERENCE)
        for impl in ("coroutines-tls", "coroutines-streams-tls"):
            ours = rows.get(impl)
            if sslstream and ours:
                # issue 10: TLS over the runtime's layer within 1.3× of SslStream over a Socket
                value = ours["x_req_s"]
                check(f"{workload}: {impl} req/s ÷ SslStream", value, "≥ 0.77× (1 ÷ 1.3)", value >= 1 / 1.3)
                value = ours["x_server_cpu_us_per_req"]
                check(f"{workload}: {impl} CPU/request ÷ SslStream", value, "≤ 1.3×", value <= 1.3)
    for workload, rows in summary.items():
        hello, kestrel = rows.get("httphello"), rows.get("kestrel")
        if hello and kestrel:
            value = hello["server_cpu_us_per_req"] / kestrel["server_cpu_us_per_req"]
            check(f"{workload}: HttpHello CPU/request ÷ Kestrel", value, "≤ 1×", value <= 1.0)
    return "\n".join(["| target | value | goal | |", "|---|---:|---|---|"] + checks)


def syscall_table(counts):
    lines = ["| server | syscalls per request (1 KiB, 1 connection) |", "|---|---|"]
    for impl, calls in counts.items():
        if not calls:
            lines.append(f"| {impl} | - |")
            continue
        total = sum(calls.values())
        top = sorted(calls.items(), key=lambda kv: -kv[1])
        detail = ", ".join(f"{name} {value:.2f}" for name, value in top if value >= 0.01)
        lines.append(f"| {impl} | {total:.2f}: {detail} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="1 s warm-up and 2 s measured per run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, help="measured seconds per run (default 5)")
    parser.add_argument("--warmup", type=float, help="warm-up seconds per run (default 2)")
    parser.add_argument("--workloads", help="comma-separated subset of " + ",".join(WORKLOADS))
    parser.add_argument("--servers", help="comma-separated subset of the servers")
    parser.add_argument("--streams", action="store_true", help="also the asyncio and uvloop streams servers")
    parser.add_argument("--syscalls", action="store_true", help="count syscalls per request with strace")
    parser.add_argument("--http", action="store_true",
                        help="also the HTTP workloads (" + ",".join(HTTP_WORKLOADS) + ") against samples/HttpHello and Kestrel")
    parser.add_argument("--tls", action="store_true",
                        help="also the TLS workloads (" + ",".join(TLS_WORKLOADS) + ") against SslStream and the runtime's TLS")
    parser.add_argument("--markdown", help="also write the machine line and tables to this file")
    args = parser.parse_args()
    seconds = args.seconds or (2.0 if args.small else 5.0)
    warmup = args.warmup or (1.0 if args.small else 2.0)
    known = {**WORKLOADS, **HTTP_WORKLOADS, **TLS_WORKLOADS}
    workloads = args.workloads.split(",") if args.workloads else \
        list(WORKLOADS) + (list(HTTP_WORKLOADS) if args.http else []) + (list(TLS_WORKLOADS) if args.tls else [])
    for name in workloads:
        if name not in known:
            sys.exit(f"unknown workload {name!r}; expected one of {', '.join(known)}")
    http = any(name in HTTP_WORKLOADS for name in workloads)
    tls = any(name in TLS_WORKLOADS for name in workloads)

    machine = machine_line()
    load_at_start = load_average()
    print(machine, file=sys.stderr)
    wanted = args.servers.split(",") if args.servers else None
    build(wanted, http)
    python = newest_pyenv_python()
    has_uvloop = ensure_uvloop()
    impls = servers(python, has_uvloop, args.streams)
    if wanted:
        impls = {name: command for name, command in impls.items() if name in wanted}
    if http:
        impls.update({k: v for k, v in http_servers().items() if not wanted or k in wanted})
    if tls:
        impls.update({k: v for k, v in tls_servers().items() if not wanted or k in wanted})
    peers = f"servers: {', '.join(impls)}; asyncio on {python}, uvloop on {SYSTEM_PYTHON} " \
            f"({'present' if has_uvloop else 'missing'})"
    print(peers, file=sys.stderr)

    port_counter = [0]
    summary = {}
    for name in workloads:
        if name in HTTP_WORKLOADS:
            size, conns = HTTP_WORKLOADS[name]
            chosen = {k: v for k, v in http_servers().items() if not wanted or k in wanted}
        elif name in TLS_WORKLOADS:
            size, conns = TLS_WORKLOADS[name]
            chosen = {k: v for k, v in tls_servers().items() if not wanted or k in wanted}
            summary[name] = run_workload(name, size, conns, chosen, args.rounds, warmup, seconds, port_counter,
                                         tls=True, reference=TLS_REFERENCE)
            continue
        else:
            size, conns = WORKLOADS[name]
            chosen = {k: v for k, v in impls.items() if k not in HTTP_SERVERS + TLS_SERVERS}
        summary[name] = run_workload(name, size, conns, chosen, args.rounds, warmup, seconds, port_counter)

    plain = {k: v for k, v in summary.items() if k not in TLS_WORKLOADS}
    secure = {k: v for k, v in summary.items() if k in TLS_WORKLOADS}
    text = (f"{machine}\n{peers}\nload average (1 min) at start {load_at_start}, at end {load_average()}\n"
            f"{args.rounds} rounds, {warmup:g} s warm-up + {seconds:g} s measured per run; medians over rounds; "
            f"× C = median over rounds of the ratio to the C epoll server of the same round"
            + ("; × SslStream: the same to dotnet-sslstream" if secure else "") + "\n\n"
            + (f"{table(plain)}\n\n" if plain else "") + (f"{table(secure, 'SslStream')}\n\n" if secure else "") +
            f"{targets(summary)}\n")
    if args.syscalls:
        counts = {}
        for impl, command in impls.items():
            if impl in TLS_SERVERS:
                continue   # the strace run's client speaks plain TCP
            port_counter[0] += 1
            counts[impl] = count_syscalls(impl, command, BASE_PORT + port_counter[0] % 300, 1024, 1, 2)
        text += f"\n{syscall_table(counts)}\n"
    publish(text, args.markdown)


if __name__ == "__main__":
    main()
