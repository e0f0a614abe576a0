// The C server of benchmark B7 (UDP ping-pong): echoes every datagram to its sender from one non-blocking socket
// bound to 127.0.0.1:PORT, draining it on each epoll wake-up. The CPU-per-round-trip floor.
//
// Build: cc -O2 -o udpsrv udpsrv.c      Run: ./udpsrv PORT      Prints "listening on 127.0.0.1:PORT".
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: udpsrv PORT\n"); return 2; }
  int port = atoi(argv[1]);
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(0x7f000001);
  a.sin_port = htons(port);
  if (bind(fd, (void *)&a, sizeof a)) { perror("udpsrv: bind"); return 1; }
  int ep = epoll_create1(0);
  struct epoll_event e = {.events = EPOLLIN};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
  printf("listening on 127.0.0.1:%d\n", port);
  fflush(stdout);
  char buf[65536];
  for (;;) {
    if (epoll_wait(ep, &e, 1, -1) < 0 && errno != EINTR) { perror("udpsrv: epoll_wait"); return 1; }
    for (;;) {
      struct sockaddr_in from;
      socklen_t len = sizeof from;
      ssize_t r = recvfrom(fd, buf, sizeof buf, 0, (void *)&from, &len);
      if (r < 0) break;
      sendto(fd, buf, r, 0, (void *)&from, len);
    }
  }
}
