// The C floor of benchmark B8 (spawn): posix_spawn `/bin/echo hello` with its stdout on a pipe, read the pipe to
// its end, reap the child; one child after another, then N children at once (all spawned, then their pipes and
// pidfds served by one epoll loop, as an event loop does). Nothing else runs in this process.
//
// Build: cc -O2 -o spawnc spawnc.c
// Run:   ./spawnc CHILDREN [WARMUP_CHILDREN]
// Prints one line per mode:
//   RESULT workload=spawn-echo impl=c ops=N ns_per_op=.. process_cpu_ns_per_op=..
//   RESULT workload=spawn-echo-500 impl=c ops=N ns_per_op=.. process_cpu_ns_per_op=..
// process_cpu_ns_per_op is this process's own CPU (getrusage RUSAGE_SELF: every thread, not the children).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct {
  int pid, out, pidfd, bytes, open_ends;
} child;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static double self_cpu_ns(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e9 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e3;
}

static void die(const char *what) {
  perror(what);
  exit(1);
}

// Spawns echo with stdout on a new non-blocking pipe; the child's signal mask and SIGPIPE are reset, as every
// spawner in this benchmark does.
static void spawn_echo(child *c) {
  int ends[2];
  if (pipe2(ends, O_CLOEXEC)) die("pipe2");
  fcntl(ends[0], F_SETFL, O_NONBLOCK);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, ends[1], 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attr, &signals);
  sigaddset(&signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &signals);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  char *argv[] = {"/bin/echo", "hello", NULL};
  int error = posix_spawn(&c->pid, "/bin/echo", &actions, &attr, argv, environ);
  if (error) { errno = error; die("posix_spawn"); }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(ends[1]);
  c->out = ends[0];
  c->bytes = 0;
  c->open_ends = 2;
  c->pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
  if (c->pidfd < 0) die("pidfd_open");
}

// Serves every child's pipe and pidfd from one epoll set until all have finished; returns the bytes read.
static long serve(child *cs, int n) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  for (int i = 0; i < n; i++) {
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = (unsigned long)i << 1};
    epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].out, &e);
    e.data.u64 = ((unsigned long)i << 1) | 1;
    epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].pidfd, &e);
  }
  long bytes = 0;
  int open = 2 * n;
  char buf[65536];
  struct epoll_event evs[256];
  while (open > 0) {
    int k = epoll_wait(ep, evs, 256, -1);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) die("epoll_wait");
    for (int j = 0; j < k; j++) {
      child *c = &cs[evs[j].data.u64 >> 1];
      if (evs[j].data.u64 & 1) {
        int status;
        if (waitpid(c->pid, &status, WNOHANG) != c->pid) continue;
        epoll_ctl(ep, EPOLL_CTL_DEL, c->pidfd, NULL);
        close(c->pidfd);
        open--;
        continue;
      }
      for (;;) {
        ssize_t r = read(c->out, buf, sizeof buf);
        if (r > 0) { c->bytes += r; bytes += r; continue; }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && errno == EAGAIN) break;
        epoll_ctl(ep, EPOLL_CTL_DEL, c->out, NULL);
        close(c->out);
        open--;
        break;
      }
    }
  }
  close(ep);
  return bytes;
}

static long run(child *cs, int n, int concurrent) {
  long bytes = 0;
  if (concurrent) {
    for (int i = 0; i < n; i++) spawn_echo(&cs[i]);
    return serve(cs, n);
  }
  for (int i = 0; i < n; i++) {
    spawn_echo(&cs[0]);
    bytes += serve(cs, 1);
  }
  return bytes;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: spawnc CHILDREN [WARMUP_CHILDREN]\n"); return 2; }
  int n = atoi(argv[1]), warm = argc > 2 ? atoi(argv[2]) : 20;
  if (n <= 0 || warm < 0) { fprintf(stderr, "spawnc: bad arguments\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);  // as the .NET runtime and CPython do in the parent
  child *cs = calloc(n > warm ? n : warm + 1, sizeof(child));
  for (int concurrent = 0; concurrent < 2; concurrent++) {
    run(cs, warm, concurrent);
    double t0 = now_ns(), c0 = self_cpu_ns();
    long bytes = run(cs, n, concurrent);
    double t1 = now_ns(), c1 = self_cpu_ns();
    if (bytes != 6L * n) { fprintf(stderr, "spawnc: read %ld bytes, expected %ld\n", bytes, 6L * n); return 1; }
    printf("RESULT workload=%s impl=c ops=%d ns_per_op=%.1f process_cpu_ns_per_op=%.1f\n",
           concurrent ? "spawn-echo-500" : "spawn-echo", n, (t1 - t0) / n, (c1 - c0) / n);
    fflush(stdout);
  }
  return 0;
}
