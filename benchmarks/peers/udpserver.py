# The Python servers of benchmark B7 (UDP ping-pong): an asyncio or uvloop datagram endpoint on 127.0.0.1:PORT that
# echoes every datagram to its sender; prints "listening on 127.0.0.1:PORT".
#
# Usage: python3 udpserver.py PORT [asyncio|uvloop]
import asyncio
import sys

port = int(sys.argv[1])
if len(sys.argv) > 2 and sys.argv[2] == 'uvloop':
    import uvloop
    uvloop.install()


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data, addr)


async def main():
    await asyncio.get_running_loop().create_datagram_endpoint(Echo, local_addr=('127.0.0.1', port))
    print(f'listening on 127.0.0.1:{port}', flush=True)
    await asyncio.Event().wait()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
