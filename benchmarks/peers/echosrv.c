// The C ceiling of benchmark B6 (TCP echo): a single-threaded, level-triggered epoll echo server.
//
// Where it comes from: the project's peer programs, written before Coroutines had any I/O so that the
// first measurements of this machine class (the "TCP echo" row of the design's peer table) could be taken.
// It lives here so that benchmarks/run-io.py builds every peer from this repository alone.
// Per request it makes the fewest syscalls an echo server can: one read and one write per readable
// socket, one epoll_wait per batch of ready sockets; nothing is allocated after start-up.
// A write that meets EAGAIN is retried at once (a spin) rather than parked on EPOLLOUT: the B6 client
// reads continuously, so the retry is rare and cheaper than a second epoll_ctl pair.
//
// Build: cc -O2 -o echosrv echosrv.c        Run: ./echosrv PORT   (binds 127.0.0.1)
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 25000;
  int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(0x7f000001);
  a.sin_port = htons(port);
  if (bind(ls, (void *)&a, sizeof a)) { perror("bind"); return 1; }
  listen(ls, 1024);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls};
  epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
  static char buf[262144];
  struct epoll_event evs[256];
  printf("listening on 127.0.0.1:%d\n", port);
  fflush(stdout);
  for (;;) {
    int n = epoll_wait(ep, evs, 256, -1);
    for (int i = 0; i < n; i++) {
      int fd = evs[i].data.fd;
      if (fd == ls) {
        int c;
        while ((c = accept4(ls, 0, 0, SOCK_NONBLOCK)) >= 0) {
          setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          struct epoll_event e = {.events = EPOLLIN, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
        }
        continue;
      }
      int r = read(fd, buf, sizeof buf);
      if (r <= 0) {
        if (r < 0 && errno == EAGAIN) continue;
        close(fd);
        continue;
      }
      int off = 0;
      while (off < r) {
        int w = write(fd, buf + off, r - off);
        if (w < 0) {
          if (errno == EAGAIN) continue;
          break;
        }
        off += w;
      }
    }
  }
}
