#!/usr/bin/env python3
"""The Python peers of benchmarks/Coroutines.Benchmarks: asyncio (the newest pyenv Python) and, with
--uvloop, uvloop (Debian's python3-uvloop under /usr/bin/python3).

Usage: asyncio_peer.py WORKLOAD [--small] [--uvloop] [--switches N]
Prints one line per run, in the format of the .NET quick mode:
  RESULT workload=W impl=I ops=N ns_per_op=X bytes_per_op=Y [key=value ...]
bytes_per_op is "nan" where Python has no allocation counter; for park-* it is the resident memory a
parked task retains.
"""
import argparse
import asyncio
import gc
import os
import random
import sys
import time

FULL = dict(callbacks=1_000_000, resume_tasks=1000, resumes_per_task=1000, wide_tasks=100_000,
            wide_resumes_per_task=10, switches=10_000_000, timers=1_000_000, park_small=100_000,
            park_large=1_000_000, gathered=100_000, queue_items=1_000_000, lock_acquisitions=1_000_000)
SMALL = dict(callbacks=100_000, resume_tasks=1000, resumes_per_task=100, wide_tasks=10_000,
             wide_resumes_per_task=10, switches=1_000_000, timers=100_000, park_small=10_000,
             park_large=100_000, gathered=10_000, queue_items=100_000, lock_acquisitions=100_000)


def new_loop(use_uvloop):
    if use_uvloop:
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def line(workload, impl, ops, ns_per_op, bytes_per_op=float("nan"), **extra):
    parts = [f"RESULT workload={workload} impl={impl} ops={ops}",
             f"ns_per_op={ns_per_op:.3f}", f"bytes_per_op={bytes_per_op:.3f}"]
    parts += [f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in extra.items()]
    print(" ".join(parts), flush=True)


def callbacks_batch(loop, n):
    count = [0]

    def tick():
        count[0] += 1

    start = time.perf_counter_ns()
    call_soon = loop.call_soon
    for _ in range(n):
        call_soon(tick)
    call_soon(loop.stop)
    loop.run_forever()
    elapsed = time.perf_counter_ns() - start
    assert count[0] == n
    return elapsed / n, {}


def callbacks_chain(loop, n):
    state = [n]

    def step():
        state[0] -= 1
        if state[0] > 0:
            loop.call_soon(step)
        else:
            loop.stop()

    start = time.perf_counter_ns()
    loop.call_soon(step)
    loop.run_forever()
    elapsed = time.perf_counter_ns() - start
    assert state[0] == 0
    return elapsed / n, {}


async def yielder(count):
    for _ in range(count):
        await asyncio.sleep(0)


def resumes(loop, tasks, per_task):
    async def main():
        started = [loop.create_task(yielder(per_task)) for _ in range(tasks)]
        for task in started:
            await task

    start = time.perf_counter_ns()
    loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / (tasks * per_task), {}


def pingpong(loop, switches):
    rounds = switches // 2

    class Court:
        to_pinger = None
        to_ponger = loop.create_future()

    async def pinger():
        for _ in range(rounds):
            mine = loop.create_future()
            Court.to_pinger = mine
            Court.to_ponger.set_result(True)
            await mine

    async def ponger():
        for _ in range(rounds):
            await Court.to_ponger
            Court.to_ponger = loop.create_future()
            Court.to_pinger.set_result(True)

    start = time.perf_counter_ns()
    other = loop.create_task(ponger())
    loop.run_until_complete(pinger())
    loop.run_until_complete(other)
    return (time.perf_counter_ns() - start) / (rounds * 2), {}


def timers(loop, n):
    rng = random.Random(42)
    offsets = [rng.random() for _ in range(n)]
    state = dict(last=float("-inf"), inversions=0, remaining=n - n // 2)

    def fire(deadline):
        if deadline < state["last"]:
            state["inversions"] += 1
        state["last"] = deadline
        state["remaining"] -= 1
        if state["remaining"] == 0:
            loop.stop()

    handles = [None] * n
    t0 = time.thread_time_ns()
    base = loop.time()
    call_at = loop.call_at
    for i in range(n):
        when = base + offsets[i]
        handles[i] = call_at(when, fire, when)
    t1 = time.thread_time_ns()
    for i in range(1, n, 2):
        handles[i].cancel()
    t2 = time.thread_time_ns()
    loop.run_forever()
    t3 = time.thread_time_ns()
    last_live = max(base + offsets[i] for i in range(0, n, 2))
    overshoot = loop.time() - last_live
    fired = n - n // 2
    return (t3 - t0) / n, dict(schedule_ns=(t1 - t0) / n, cancel_ns=(t2 - t1) / (n // 2), fire_ns=(t3 - t2) / fired,
                               overshoot_s=overshoot, inversions=state["inversions"])


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def park(loop, n):
    gate = loop.create_future()
    woken = [0]

    async def parked():
        await gate
        woken[0] += 1
        if woken[0] == n:
            loop.stop()

    gc.collect()
    before = rss_bytes()
    spawn_start = time.perf_counter_ns()
    for _ in range(n):
        loop.create_task(parked())
    loop.stop()          # run exactly one iteration: every task starts and parks
    loop.run_forever()
    spawn = time.perf_counter_ns() - spawn_start
    gc.collect()
    retained = rss_bytes() - before
    assert woken[0] == 0
    start = time.perf_counter_ns()
    gate.set_result(True)
    loop.run_forever()
    wake = time.perf_counter_ns() - start
    assert woken[0] == n
    return wake / n, dict(bytes=retained / n, spawn_ns=spawn / n, retained_bytes=retained)


async def trivial(value):
    await asyncio.sleep(0)
    return value


def gather(loop, n):
    async def main():
        return sum(await asyncio.gather(*[trivial(i) for i in range(n)]))

    start = time.perf_counter_ns()
    total = loop.run_until_complete(main())
    elapsed = time.perf_counter_ns() - start
    assert total == n * (n - 1) // 2
    return elapsed / n, {}


def queue(loop, n, maxsize):
    q = asyncio.Queue(maxsize)

    async def consume():
        total = 0
        for _ in range(n):
            total += await q.get()
        return total

    async def main():
        consumer = loop.create_task(consume())
        for i in range(n):
            await q.put(i)
        return await consumer

    start = time.perf_counter_ns()
    total = loop.run_until_complete(main())
    elapsed = time.perf_counter_ns() - start
    assert total == n * (n - 1) // 2 and q.empty()
    return elapsed / n, {}


def lock_uncontended(loop, n):
    lock = asyncio.Lock()

    async def main():
        inside = 0
        for _ in range(n):
            async with lock:
                inside += 1
        return inside

    start = time.perf_counter_ns()
    inside = loop.run_until_complete(main())
    elapsed = time.perf_counter_ns() - start
    assert inside == n and not lock.locked()
    return elapsed / n, {}


def run(workload, sizes, loop):
    if workload == "callbacks-batch":
        return sizes["callbacks"], callbacks_batch(loop, sizes["callbacks"])
    if workload == "callbacks-chain":
        return sizes["callbacks"], callbacks_chain(loop, sizes["callbacks"])
    if workload == "resumes":
        ops = sizes["resume_tasks"] * sizes["resumes_per_task"]
        return ops, resumes(loop, sizes["resume_tasks"], sizes["resumes_per_task"])
    if workload == "resumes-wide":
        ops = sizes["wide_tasks"] * sizes["wide_resumes_per_task"]
        return ops, resumes(loop, sizes["wide_tasks"], sizes["wide_resumes_per_task"])
    if workload == "pingpong":
        return sizes["switches"] // 2 * 2, pingpong(loop, sizes["switches"])
    if workload == "timers":
        return sizes["timers"], timers(loop, sizes["timers"])
    if workload == "park-100k":
        return sizes["park_small"], park(loop, sizes["park_small"])
    if workload == "park-1m":
        return sizes["park_large"], park(loop, sizes["park_large"])
    if workload == "gather-100k":
        return sizes["gathered"], gather(loop, sizes["gathered"])
    if workload == "queue-1m":
        return sizes["queue_items"], queue(loop, sizes["queue_items"], 0)
    if workload == "queue-1m-bounded":
        return sizes["queue_items"], queue(loop, sizes["queue_items"], 64)
    if workload == "lock-uncontended":
        return sizes["lock_acquisitions"], lock_uncontended(loop, sizes["lock_acquisitions"])
    raise SystemExit(f"unknown workload {workload!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workload")
    parser.add_argument("--small", action="store_true", help="a tenth of each size")
    parser.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's own loop")
    parser.add_argument("--switches", type=int, help="override the ping-pong switch count (Python is slow)")
    args = parser.parse_args()
    sizes = dict(SMALL if args.small else FULL)
    if args.switches:
        sizes["switches"] = args.switches
    impl = "uvloop" if args.uvloop else "asyncio"
    loop = new_loop(args.uvloop)
    asyncio.set_event_loop(loop)
    ops, (ns_per_op, extra) = run(args.workload, sizes, loop)
    bytes_per_op = extra.pop("bytes", float("nan"))
    line(args.workload, impl, ops, ns_per_op, bytes_per_op,
         python=f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}", **extra)
    loop.close()


if __name__ == "__main__":
    main()
