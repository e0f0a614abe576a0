# The Python peers of benchmark B6 (TCP echo): an asyncio or uvloop echo server, protocol or streams style.
#
# Where it comes from: the project's peer programs, written before Coroutines had any I/O to take the first
# measurements of this machine class; it lives here so benchmarks/run-io.py runs every peer from this
# repository alone. Like every B6 server it binds 127.0.0.1, sets TCP_NODELAY on each connection and prints
# "listening on 127.0.0.1:PORT" once it accepts.
#
# Usage: python3 echoserver.py MODE PORT [KIND]    MODE: proto | streams    KIND: asyncio (default) | uvloop
import asyncio
import socket
import sys

mode = sys.argv[1]
port = int(sys.argv[2])
loopkind = sys.argv[3] if len(sys.argv) > 3 else 'asyncio'


class Echo(asyncio.Protocol):
    def connection_made(self, t):
        self.t = t
        t.get_extra_info('socket').setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, d):
        self.t.write(d)


async def handle(r, w):
    w.get_extra_info('socket').setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        d = await r.read(1 << 20)
        if not d:
            break
        w.write(d)
        await w.drain()
    w.close()


async def main():
    loop = asyncio.get_running_loop()
    if mode == 'proto':
        srv = await loop.create_server(Echo, '127.0.0.1', port)
    else:
        srv = await asyncio.start_server(handle, '127.0.0.1', port, limit=1 << 20)
    print(f'listening on 127.0.0.1:{port}', flush=True)
    await srv.serve_forever()


if loopkind == 'uvloop':
    import uvloop
    uvloop.install()
try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
