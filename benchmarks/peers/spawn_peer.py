# The asyncio and uvloop peers of benchmark B8 (spawn): create_subprocess_exec('/bin/echo', 'hello') with stdout on a
# pipe, read it to the end, wait; one child after another, then N at once with gather. Prints the same RESULT lines as
# benchmarks/peers/spawnc.c; process_cpu_ns_per_op is this process's own CPU (RUSAGE_SELF, not the children).
#
# Usage: python3 spawn_peer.py asyncio|uvloop [CHILDREN]
import asyncio
import resource
import sys
import time

kind = sys.argv[1]
children = int(sys.argv[2]) if len(sys.argv) > 2 else 500
if kind == 'uvloop':
    import uvloop
    uvloop.install()


def self_cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


async def one():
    p = await asyncio.create_subprocess_exec('/bin/echo', 'hello', stdout=asyncio.subprocess.PIPE)
    out = await p.stdout.read()
    await p.wait()
    return len(out)


async def sequential(n):
    total = 0
    for _ in range(n):
        total += await one()
    return total


async def concurrent(n):
    return sum(await asyncio.gather(*[one() for _ in range(n)]))


async def main():
    for name, run in (('spawn-echo', sequential), ('spawn-echo-500', concurrent)):
        await run(20)
        t, c = time.perf_counter(), self_cpu()
        total = await run(children)
        t, c = time.perf_counter() - t, self_cpu() - c
        if total != 6 * children:
            sys.exit(f'read {total} bytes, expected {6 * children}')
        print(f'RESULT workload={name} impl={kind} ops={children} ns_per_op={t / children * 1e9:.1f} '
              f'process_cpu_ns_per_op={c / children * 1e9:.1f}', flush=True)


asyncio.run(main())
