// The one client of benchmark B6 (TCP echo): every server is driven by this same program.
//
// Where it comes from: the project's peer programs, written before Coroutines had any I/O to take the first
// measurements of this machine class; it lives here so benchmarks/run-io.py builds it from this repository.
// Changes from that first version: a write that does not complete waits for EPOLLOUT instead of spinning
// (with 100 KiB messages the spin stole a core from the server on a 2-core machine), the warm-up is an
// argument, latencies are kept in 0.1 us buckets, the server's CPU time is read at the start and the end of
// the measured interval, and the result is one machine-readable line.
//
// C connections to 127.0.0.1:PORT (TCP_NODELAY), each with exactly one outstanding request of BYTES bytes:
// send the request, wait until all BYTES have come back, record the latency, send the next. Nothing is
// allocated per request. Runs WARMUP seconds unmeasured, then SECONDS measured.
//
// HTTP mode (BYTES is the word "http"): each request is `GET / HTTP/1.1` with a Host header on a keep-alive
// connection, and a request is done when the whole response has come back: the head up to the blank line, then
// Content-Length bytes of body. The response is read into a fixed per-connection buffer; still nothing is
// allocated per request.
//
// TLS mode (--tls first): every connection is TLS 1.3 through OpenSSL, the server's certificate is not verified
// (the B6 servers make a self-signed one at start-up), and the handshake is done, blocking, before the warm-up, so
// only the records of the requests are measured. Each request is written with SSL_write (partial writes allowed,
// so a large request goes out as the socket takes it) and the echo is read with SSL_read; OpenSSL keeps its
// record buffers per connection, so nothing is allocated per request here either.
//
// Build: cc -O2 -o echocli echocli.c -lssl -lcrypto
// Run:   ./echocli [--tls] PORT CONNECTIONS BYTES|http SECONDS [WARMUP_SECONDS [SERVER_PID]]
// Prints: ECHO tls=0|1 conns=C bytes=B seconds=S requests=N req_s=R p50_us=.. p99_us=.. p999_us=..
//         [server_cpu_s=.. server_cpu_us_per_req=.. server_sched_us_per_req=..]
// server_cpu_s is utime+stime of /proc/PID/stat (clock ticks, all threads); server_sched_us_per_req is the
// same from /proc/PID/task/*/schedstat (nanosecond run time summed over the threads), as a cross-check.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUCKETS 2000000 /* 0.1 us each: up to 200 ms; slower requests land in the last bucket */

#define RESPONSE_MAX 4096

typedef struct {
  int fd;
  SSL *ssl; /* TLS mode only */
  long sent, got;
  long need; /* HTTP mode: the response's length once its head is parsed, else 0 */
  int want_out;
  double start;
  char response[RESPONSE_MAX];
} conn;

static const char http_request[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// HTTP mode: the length of the whole response once its head has arrived (head + Content-Length), 0 before,
// -1 for a response this client cannot measure.
static long http_response_length(const conn *c) {
  const char *end = memmem(c->response, c->got, "\r\n\r\n", 4);
  if (!end) return c->got >= RESPONSE_MAX ? -1 : 0;
  long head = end - c->response + 4;
  for (const char *p = c->response; p < end; p++) {
    if ((p == c->response || p[-1] == '\n') && strncasecmp(p, "content-length:", 15) == 0)
      return head + strtol(p + 15, NULL, 10);
  }
  return -1;
}

static uint32_t hist[BUCKETS + 1];

// One read or write of a connection, plain or through TLS, with read(2)'s contract: >0 bytes, 0 at the end of
// the stream, -1 with errno (EAGAIN when the socket is not ready; TLS wanting the other direction counts as not
// ready, since every event of the connection retries both directions).
static ssize_t tls_result(conn *c, int r) {
  if (r > 0) return r;
  switch (SSL_get_error(c->ssl, r)) {
  case SSL_ERROR_WANT_READ:
  case SSL_ERROR_WANT_WRITE: errno = EAGAIN; return -1;
  case SSL_ERROR_ZERO_RETURN: return 0;
  case SSL_ERROR_SYSCALL: if (errno == 0) return 0; return -1;
  default: ERR_print_errors_fp(stderr); errno = EPROTO; return -1;
  }
}

static ssize_t conn_read(conn *c, char *into, long n) {
  return c->ssl ? tls_result(c, SSL_read(c->ssl, into, (int)n)) : read(c->fd, into, n);
}

static ssize_t conn_write(conn *c, const char *from, long n) {
  return c->ssl ? tls_result(c, SSL_write(c->ssl, from, (int)n)) : write(c->fd, from, n);
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

// utime + stime of the whole process, in seconds; -1 when there is no such process.
static double proc_cpu_seconds(int pid) {
  char path[64], text[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  int n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return -1;
  text[n] = 0;
  char *p = strrchr(text, ')'); // the command name may contain spaces; the fields start after it
  if (!p) return -1;
  unsigned long utime = 0, stime = 0;
  // after ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
  if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
  return (double)(utime + stime) / sysconf(_SC_CLK_TCK);
}

// Run time of every thread of the process, in seconds, from the scheduler's nanosecond counters.
static double proc_sched_seconds(int pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/task", pid);
  DIR *d = opendir(path);
  if (!d) return -1;
  double total = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char file[300], text[128];
    snprintf(file, sizeof file, "/proc/%d/task/%s/schedstat", pid, e->d_name);
    int fd = open(file, O_RDONLY);
    if (fd < 0) continue;
    int n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) continue;
    text[n] = 0;
    total += strtod(text, NULL) / 1e9;
  }
  closedir(d);
  return total;
}

static void set_out(int ep, conn *c, int i, int want) {
  if (c->want_out == want) return;
  struct epoll_event e = {.events = EPOLLIN | (want ? EPOLLOUT : 0), .data.u32 = i};
  epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
  c->want_out = want;
}

// Sends as much of the current request as the socket takes; waits for EPOLLOUT when it takes less.
static void pump(int ep, conn *c, int i, const char *buf, long msz) {
  while (c->sent < msz) {
    ssize_t w = conn_write(c, buf + c->sent, msz - c->sent);
    if (w > 0) { c->sent += w; continue; }
    if (w < 0 && errno == EINTR) continue;
    break;
  }
  set_out(ep, c, i, c->sent < msz);
}

int main(int argc, char **argv) {
  int tls = argc > 1 && strcmp(argv[1], "--tls") == 0;
  if (tls) { argv++; argc--; }
  if (argc < 5) {
    fprintf(stderr, "usage: echocli [--tls] PORT CONNECTIONS BYTES|http SECONDS [WARMUP_SECONDS [SERVER_PID]]\n");
    return 2;
  }
  SSL_CTX *tls_context = NULL;
  if (tls) {
    tls_context = SSL_CTX_new(TLS_client_method());
    if (!tls_context || !SSL_CTX_set_min_proto_version(tls_context, TLS1_3_VERSION)) {
      ERR_print_errors_fp(stderr);
      return 1;
    }
    SSL_CTX_set_verify(tls_context, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_mode(tls_context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  }
  int port = atoi(argv[1]), nconn = atoi(argv[2]);
  int http = strcmp(argv[3], "http") == 0;
  long msz = http ? (long)strlen(http_request) : atol(argv[3]);
  double dur = atof(argv[4]), warmup = argc > 5 ? atof(argv[5]) : 0.5;
  int server = argc > 6 ? atoi(argv[6]) : 0;
  if (nconn <= 0 || msz <= 0 || dur <= 0) { fprintf(stderr, "echocli: bad arguments\n"); return 2; }
  char *buf = malloc(msz), *rb = malloc(1 << 20);
  if (http) memcpy(buf, http_request, msz); else memset(buf, 'x', msz);
  int ep = epoll_create1(0), one = 1;
  conn *cs = calloc(nconn, sizeof(conn));
  for (int i = 0; i < nconn; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(0x7f000001);
    a.sin_port = htons(port);
    if (connect(fd, (void *)&a, sizeof a)) { perror("echocli: connect"); return 1; }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (tls) {
      cs[i].ssl = SSL_new(tls_context);
      SSL_set_fd(cs[i].ssl, fd);
      if (SSL_connect(cs[i].ssl) != 1) {
        fprintf(stderr, "echocli: TLS handshake of connection %d failed\n", i);
        ERR_print_errors_fp(stderr);
        return 1;
      }
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    cs[i].fd = fd;
    struct epoll_event e = {.events = EPOLLIN, .data.u32 = i};
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
  }
  double t0 = now_ns(), tend = t0 + (warmup + dur) * 1e9, twarm = t0 + warmup * 1e9, mstart = t0;
  double cpu0 = 0, sched0 = 0;
  int measuring = 0;
  long done = 0;
  for (int i = 0; i < nconn; i++) { cs[i].start = now_ns(); pump(ep, &cs[i], i, buf, msz); }
  struct epoll_event evs[512];
  for (;;) {
    double tn = now_ns();
    if (tn > tend) break;
    if (!measuring && tn >= twarm) {
      measuring = 1;
      mstart = tn;
      done = 0;
      memset(hist, 0, sizeof hist);
      if (server) { cpu0 = proc_cpu_seconds(server); sched0 = proc_sched_seconds(server); }
    }
    int n = epoll_wait(ep, evs, 512, 100);
    for (int k = 0; k < n; k++) {
      int i = evs[k].data.u32;
      conn *c = &cs[i];
      if (evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        for (;;) {
          ssize_t r = http ? conn_read(c, c->response + c->got, RESPONSE_MAX - c->got) : conn_read(c, rb, 1 << 20);
          if (http && r == 0 && c->got == RESPONSE_MAX) { fprintf(stderr, "echocli: response too long\n"); return 1; }
          if (r > 0) { c->got += r; continue; }
          if (r == 0) { fprintf(stderr, "echocli: the server closed connection %d\n", i); return 1; }
          if (errno == EINTR) continue;
          if (errno == EAGAIN) break;
          perror("echocli: read");
          return 1;
        }
      }
      if (c->sent < msz) pump(ep, c, i, buf, msz);
      long expected = msz;
      if (http) {
        if (c->need == 0) c->need = http_response_length(c);
        if (c->need < 0) { fprintf(stderr, "echocli: a response without Content-Length or too long\n"); return 1; }
        expected = c->need ? c->need : RESPONSE_MAX + 1;
      }
      if (c->got >= expected && c->sent == msz) {
        if (c->got > expected) { fprintf(stderr, "echocli: more bytes came back than were expected\n"); return 1; }
        double t = now_ns();
        long b = (long)((t - c->start) / 100);
        hist[b > BUCKETS ? BUCKETS : b]++;
        done++;
        c->got = 0;
        c->need = 0;
        c->sent = 0;
        c->start = t;
        pump(ep, c, i, buf, msz);
      }
    }
  }
  double elapsed = (now_ns() - mstart) / 1e9;
  double cpu1 = server ? proc_cpu_seconds(server) : 0, sched1 = server ? proc_sched_seconds(server) : 0;
  if (!measuring || done == 0) { fprintf(stderr, "echocli: no request completed\n"); return 1; }
  long cum = 0, p50 = -1, p99 = -1, p999 = -1;
  for (long i = 0; i <= BUCKETS; i++) {
    cum += hist[i];
    if (p50 < 0 && cum >= done * 0.5) p50 = i;
    if (p99 < 0 && cum >= done * 0.99) p99 = i;
    if (p999 < 0 && cum >= done * 0.999) { p999 = i; break; }
  }
  printf("ECHO tls=%d conns=%d bytes=%ld seconds=%.2f requests=%ld req_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f",
         tls, nconn, msz, elapsed, done, done / elapsed, p50 / 10.0, p99 / 10.0, p999 / 10.0);
  if (server && cpu0 >= 0 && cpu1 >= 0)
    printf(" server_cpu_s=%.2f server_cpu_us_per_req=%.2f server_sched_us_per_req=%.2f", cpu1 - cpu0,
           (cpu1 - cpu0) * 1e6 / done, (sched1 - sched0) * 1e6 / done);
  printf("\n");
  return 0;
}
