// The one client of benchmark B7 (UDP 64-byte ping-pong): FLOWS connected sockets to 127.0.0.1:PORT, each with
// exactly one datagram in flight; a reply sends the next. Runs WARMUP seconds unmeasured, then SECONDS measured, and
// reads the server's CPU time (utime+stime of /proc/PID/stat, all threads) at both ends of the measured interval.
// A datagram lost on loopback would stall its flow: a flow silent for 200 ms resends (counted as `resent`).
//
// Build: cc -O2 -o udpcli udpcli.c
// Run:   ./udpcli PORT FLOWS SECONDS [WARMUP_SECONDS [SERVER_PID]]
// Prints: UDP flows=F seconds=S round_trips=N rt_s=R resent=L [server_cpu_s=.. server_cpu_us_per_rt=..]
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static double proc_cpu_seconds(int pid) {
  char path[64], text[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  int n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return -1;
  text[n] = 0;
  char *p = strrchr(text, ')');
  unsigned long utime = 0, stime = 0;
  if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
  return (double)(utime + stime) / sysconf(_SC_CLK_TCK);
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: udpcli PORT FLOWS SECONDS [WARMUP_SECONDS [SERVER_PID]]\n"); return 2; }
  int port = atoi(argv[1]), flows = atoi(argv[2]);
  double dur = atof(argv[3]), warmup = argc > 4 ? atof(argv[4]) : 0.5;
  int server = argc > 5 ? atoi(argv[5]) : 0;
  if (flows <= 0 || dur <= 0) { fprintf(stderr, "udpcli: bad arguments\n"); return 2; }
  char msg[64], buf[2048];
  memset(msg, 'x', sizeof msg);
  int ep = epoll_create1(0);
  int *fds = calloc(flows, sizeof(int));
  double *sent_at = calloc(flows, sizeof(double));
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(0x7f000001);
  a.sin_port = htons(port);
  for (int i = 0; i < flows; i++) {
    fds[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (connect(fds[i], (void *)&a, sizeof a)) { perror("udpcli: connect"); return 1; }
    struct epoll_event e = {.events = EPOLLIN, .data.u32 = i};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &e);
  }
  double t0 = now_s(), twarm = t0 + warmup, tend = twarm + dur, mstart = t0, cpu0 = 0;
  int measuring = 0;
  long done = 0, resent = 0;
  for (int i = 0; i < flows; i++) { send(fds[i], msg, sizeof msg, 0); sent_at[i] = t0; }
  struct epoll_event evs[256];
  for (;;) {
    double tn = now_s();
    if (tn > tend) break;
    if (!measuring && tn >= twarm) {
      measuring = 1;
      mstart = tn;
      done = 0;
      if (server) cpu0 = proc_cpu_seconds(server);
    }
    int n = epoll_wait(ep, evs, 256, 50);
    if (n == 0) {
      for (int i = 0; i < flows; i++)
        if (tn - sent_at[i] > 0.2) { send(fds[i], msg, sizeof msg, 0); sent_at[i] = tn; resent++; }
      continue;
    }
    for (int k = 0; k < n; k++) {
      int i = evs[k].data.u32;
      for (;;) {
        ssize_t r = recv(fds[i], buf, sizeof buf, 0);
        if (r < 0) {
          if (errno == EAGAIN) break;
          if (errno == ECONNREFUSED) { fprintf(stderr, "udpcli: nobody listens on port %d\n", port); return 1; }
          if (errno == EINTR) continue;
          perror("udpcli: recv");
          return 1;
        }
        if (r != sizeof msg) { fprintf(stderr, "udpcli: a %zd-byte reply to a 64-byte datagram\n", r); return 1; }
        done++;
        send(fds[i], msg, sizeof msg, 0);
        sent_at[i] = now_s();
      }
    }
  }
  double elapsed = now_s() - mstart;
  double cpu1 = server ? proc_cpu_seconds(server) : 0;
  if (!measuring || done == 0) { fprintf(stderr, "udpcli: no round trip completed\n"); return 1; }
  printf("UDP flows=%d seconds=%.2f round_trips=%ld rt_s=%.0f resent=%ld", flows, elapsed, done, done / elapsed, resent);
  if (server && cpu0 >= 0 && cpu1 >= 0)
    printf(" server_cpu_s=%.2f server_cpu_us_per_rt=%.2f", cpu1 - cpu0, (cpu1 - cpu0) * 1e6 / done);
  printf("\n");
  return 0;
}
