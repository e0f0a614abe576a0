#!/usr/bin/env node
// The Node 20 peer of benchmarks/Coroutines.Benchmarks: setImmediate for callbacks and yields, promises for
// ping-pong and parking, setTimeout for timers,
// Promise.all for gather.
//
// Usage: node --expose-gc node_peer.js WORKLOAD [--small]
// Prints one line per run, in the format of the .NET quick mode:
//   RESULT workload=W impl=node ops=N ns_per_op=X bytes_per_op=Y [key=value ...]
// bytes_per_op is "nan" except for park-* (V8 heap retained per parked async function).
'use strict';

const { performance } = require('node:perf_hooks');

const FULL = { callbacks: 1_000_000, resumeTasks: 1000, resumesPerTask: 1000, wideTasks: 100_000,
  wideResumesPerTask: 10, switches: 10_000_000, timers: 1_000_000, parkSmall: 100_000, parkLarge: 1_000_000,
  gathered: 100_000 };
const SMALL = { callbacks: 100_000, resumeTasks: 1000, resumesPerTask: 100, wideTasks: 10_000,
  wideResumesPerTask: 10, switches: 1_000_000, timers: 100_000, parkSmall: 10_000, parkLarge: 100_000,
  gathered: 10_000 };
const WARM_UP = { callbacks: 20_000, resumeTasks: 100, resumesPerTask: 50, wideTasks: 1000,
  wideResumesPerTask: 10, switches: 50_000, timers: 20_000, parkSmall: 1000, parkLarge: 1000,
  gathered: 1000 };

const nowNs = () => process.hrtime.bigint();
const cpuNs = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; };

function line(workload, ops, nsPerOp, bytesPerOp, extra = {}) {
  const fmt = (v) => (Number.isNaN(v) ? 'nan' : v.toFixed(3));
  const parts = [`RESULT workload=${workload} impl=node ops=${ops}`, `ns_per_op=${fmt(nsPerOp)}`,
    `bytes_per_op=${fmt(bytesPerOp)}`];
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(6) : v}`);
  console.log(parts.join(' '));
}

function callbacksBatch(n) {
  return new Promise((resolve) => {
    let count = 0;
    const start = nowNs();
    const tick = () => { if (++count === n) resolve({ ns: Number(nowNs() - start) / n }); };
    for (let i = 0; i < n; i++) setImmediate(tick);
  });
}

function callbacksChain(n) {
  return new Promise((resolve) => {
    let remaining = n;
    const start = nowNs();
    const step = () => { if (--remaining > 0) setImmediate(step); else resolve({ ns: Number(nowNs() - start) / n }); };
    setImmediate(step);
  });
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function yielder(count) {
  for (let i = 0; i < count; i++) await nextTurn();
}

async function resumes(tasks, perTask) {
  const start = nowNs();
  const all = [];
  for (let i = 0; i < tasks; i++) all.push(yielder(perTask));
  for (const t of all) await t;
  return { ns: Number(nowNs() - start) / (tasks * perTask) };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

async function pingpong(switches) {
  const rounds = Math.floor(switches / 2);
  const court = { toPinger: null, toPonger: deferred() };
  async function pinger() {
    for (let i = 0; i < rounds; i++) {
      const mine = deferred();
      court.toPinger = mine;
      court.toPonger.resolve(true);
      await mine.promise;
    }
  }
  async function ponger() {
    for (let i = 0; i < rounds; i++) {
      await court.toPonger.promise;
      court.toPonger = deferred();
      court.toPinger.resolve(true);
    }
  }
  const start = nowNs();
  const other = ponger();
  await pinger();
  await other;
  return { ns: Number(nowNs() - start) / (rounds * 2) };
}

function timers(n) {
  // A seeded generator, so every run draws the same deadlines (as the Python and .NET peers do).
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const offsetsMs = new Array(n);
  for (let i = 0; i < n; i++) offsetsMs[i] = rnd() * 1000;
  return new Promise((resolve) => {
    let last = -Infinity; let inversions = 0; let remaining = n - Math.floor(n / 2);
    let t2;
    const handles = new Array(n);
    const t0 = cpuNs();
    const base = performance.now();
    const fire = (deadline) => {
      if (deadline < last) inversions++;
      last = deadline;
      if (--remaining === 0) {
        const t3 = cpuNs();
        let lastLive = -Infinity;
        for (let i = 0; i < n; i += 2) lastLive = Math.max(lastLive, base + offsetsMs[i]);
        resolve({ ns: (t3 - t0) / n, extra: { schedule_ns: (t1 - t0) / n, cancel_ns: (t2 - t1) / Math.floor(n / 2),
          fire_ns: (t3 - t2) / (n - Math.floor(n / 2)), overshoot_s: (performance.now() - lastLive) / 1000, inversions } });
      }
    };
    for (let i = 0; i < n; i++) handles[i] = setTimeout(fire, offsetsMs[i], base + offsetsMs[i]);
    const t1 = cpuNs();
    for (let i = 1; i < n; i += 2) clearTimeout(handles[i]);
    t2 = cpuNs();
  });
}

async function park(n) {
  const gate = deferred();
  let woken = 0;
  async function parked() { await gate.promise; woken++; }
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const spawnStart = nowNs();
  const all = new Array(n);
  for (let i = 0; i < n; i++) all[i] = parked();
  const spawn = Number(nowNs() - spawnStart);
  global.gc();
  const retained = process.memoryUsage().heapUsed - before;
  const start = nowNs();
  gate.resolve(true);
  await Promise.all(all);
  const wake = Number(nowNs() - start);
  if (woken !== n) throw new Error('not every parked function woke up');
  return { ns: wake / n, bytes: retained / n, extra: { spawn_ns: spawn / n, retained_bytes: retained } };
}

async function trivial(value) {
  await nextTurn();
  return value;
}

async function gather(n) {
  const start = nowNs();
  const children = new Array(n);
  for (let i = 0; i < n; i++) children[i] = trivial(i);
  const results = await Promise.all(children);
  const ns = Number(nowNs() - start) / n;
  if (results.reduce((a, b) => a + b, 0) !== n * (n - 1) / 2) throw new Error('Promise.all lost a result');
  return { ns };
}

const WORKLOADS = {
  'callbacks-batch': [(s) => s.callbacks, (s) => callbacksBatch(s.callbacks)],
  'callbacks-chain': [(s) => s.callbacks, (s) => callbacksChain(s.callbacks)],
  'resumes': [(s) => s.resumeTasks * s.resumesPerTask, (s) => resumes(s.resumeTasks, s.resumesPerTask)],
  'resumes-wide': [(s) => s.wideTasks * s.wideResumesPerTask, (s) => resumes(s.wideTasks, s.wideResumesPerTask)],
  'pingpong': [(s) => Math.floor(s.switches / 2) * 2, (s) => pingpong(s.switches)],
  'timers': [(s) => s.timers, (s) => timers(s.timers)],
  'park-100k': [(s) => s.parkSmall, (s) => park(s.parkSmall)],
  'park-1m': [(s) => s.parkLarge, (s) => park(s.parkLarge)],
  'gather-100k': [(s) => s.gathered, (s) => gather(s.gathered)],
};

async function main() {
  const args = process.argv.slice(2);
  const workload = args.find((a) => !a.startsWith('--'));
  const sizes = args.includes('--small') ? SMALL : FULL;
  if (!WORKLOADS[workload]) {
    console.error(`unknown workload ${workload}; one of ${Object.keys(WORKLOADS).join(', ')}`);
    process.exit(2);
  }
  if (typeof global.gc !== 'function') {
    console.error('run with node --expose-gc');
    process.exit(2);
  }
  const [ops, run] = WORKLOADS[workload];
  await run(WARM_UP);      // let V8 optimise the workload before the measured run
  global.gc();
  const result = await run(sizes);
  line(workload, ops(sizes), result.ns, result.bytes ?? NaN, { node: process.version, ...(result.extra ?? {}) });
}

main();
