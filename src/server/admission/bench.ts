/**
 * benchAdmission(): the webhook under load, against a bare node:https handler measured in the same run. Both run
 * as child processes with 1 and 2 workers; a keep-alive HTTPS load generator on loopback (raw TLS sockets and a
 * pre-built request, so the client costs little of the 2 cores) sends a realistic pod AdmissionReview (~4.9 KB)
 * at a fixed 2,000 req/s and at saturation, the saturation runs repeated and alternated between the two servers.
 * kubeward runs the full policy set: PSS restricted, every check, the CEL policies in policies/. `npm run bench` calls it; tests only check that it runs. Bounded: each measurement
 * lasts `durationMs`, and nothing but loopback is contacted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { builtinRegistry } from '../../rules/index.js';
import { createWebhookCertificates } from './certs.js';
import { realisticPodReview } from './sample-reviews.js';

export interface LoadResult {
  requests: number;
  errors: number;
  /** Responses other than 200. */
  non200: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Fixed rate only: p99 measured from the scheduled send time (includes client-side queueing). */
  p99FromScheduleMs?: number;
  /**
   * kubeward only: the share of requests the server itself answered within 1 ms and 5 ms, from its latency
   * histogram (first body byte to response written), which leaves out the load generator's own delays.
   */
  serverSide?: { within1ms: number; within5ms: number };
}

export interface ServerRun {
  server: 'bare' | 'kubeward';
  workers: number;
  fixedRate: LoadResult;
  saturation: LoadResult;
  /**
   * CPU time the server processes (the primary and its workers, all threads) spent per request during the
   * saturation run, from /proc: steadier run to run than req/s, which the load generator sharing the cores also
   * decides. Undefined where /proc is not available.
   */
  cpuMicrosPerRequest?: number;
  /** Every saturation run of this server, in order; `saturation` and `cpuMicrosPerRequest` are the median one's. */
  saturationRepeats: SaturationRepeat[];
}

export interface SaturationRepeat {
  requestsPerSecond: number;
  errors: number;
  non200: number;
  cpuMicrosPerRequest?: number;
}

/** One configuration of the webhook at saturation, 1 worker: where its CPU per review goes. */
export interface CpuBreakdownEntry {
  configuration: string;
  requestsPerSecond: number;
  cpuMicrosPerRequest?: number;
}

export interface AdmissionBenchResult {
  review: { bytes: number; kind: string; decision: string };
  policySet: { podSecurity: string; checks: number; celPolicies: number };
  settings: { durationMs: number; warmUpMs: number; fixedRate: number; connections: number; saturationConnections: number; repetitions: number };
  runs: ServerRun[];
  /**
   * kubeward saturation req/s ÷ bare saturation req/s, per worker count: the median of `saturationRatios`. The
   * target is ≥ 0.5.
   */
  saturationRatio: Record<string, number>;
  /** Per worker count, the ratio of each pair of saturation runs (bare, then kubeward, alternated), in order. */
  saturationRatios: Record<string, number[]>;
  targets: { fixedRateP50Ms: number; fixedRateP99Ms: number; saturationRatio: number };
  met: { fixedRateLatency: boolean; saturationRatio: boolean };
  /** With `cpuBreakdown`: the bare handler and kubeward with parts of the policy set, each at saturation. */
  cpuBreakdown?: CpuBreakdownEntry[];
  /** With `coldStart`: kubeward (1 worker, full set) loaded at the fixed rate as soon as it listens. */
  coldStart?: ColdStartRun[];
}

export interface AdmissionBenchOptions {
  /** Length of each measurement (default 5 s). */
  durationMs?: number;
  /** Load at saturation before measuring, per server (default: durationMs). */
  warmUpMs?: number;
  fixedRate?: number;
  connections?: number;
  saturationConnections?: number;
  workers?: readonly number[];
  /**
   * Saturation runs per server (default 3), alternated bare/kubeward with both servers up, so that the machine's
   * drift (±10 % here from one run to the next) falls on both; the ratio is the median of the pairs'.
   */
  repetitions?: number;
  /** Also measure the CPU per review of partial configurations (bare, exempt, PSS only, + policies, + checks, full). */
  cpuBreakdown?: boolean;
  /** Also measure the first seconds after a start at the fixed rate, without and with the warm-up (1 worker). */
  coldStart?: boolean;
  /** The `--warm-up-reviews` values compared by `coldStart` (default 0 and the command's default, 5000). */
  coldStartWarmUpReviews?: readonly number[];
}

/** The fixed-rate load of the first seconds after a start (`--warm-up-reviews`), from the moment the server listens. */
export interface ColdStartRun {
  warmUpReviews: number;
  /** From spawning the process to its `listening` log line. */
  startMs: number;
  fixedRate: LoadResult;
}

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');

function repoRoot(): string {
  let dir = path.dirname(here);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('benchAdmission: cannot find the kubeward package root');
    dir = parent;
  }
  return dir;
}

/** What the load generator trusts (the bench CA), and the client certificate it presents when the server asks for one. */
interface ClientTls {
  ca: string;
  cert?: string;
  key?: string;
}

/** One keep-alive TLS connection with at most one request in flight; parses just enough HTTP/1.1. */
class Connection {
  private socket: TLSSocket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private onResponse: ((status: number) => void) | undefined;
  busy = false;

  constructor(
    private readonly port: number,
    private readonly tls: ClientTls,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: this.port, ...this.tls, servername: 'localhost' }, () => resolve());
      socket.setNoDelay(true);
      socket.on('error', (error) => {
        reject(error);
        this.fail();
      });
      socket.on('close', () => this.fail());
      socket.on('data', (chunk: Buffer) => this.read(chunk));
      this.socket = socket;
    });
  }

  private fail(): void {
    const callback = this.onResponse;
    this.onResponse = undefined;
    this.socket = undefined;
    callback?.(0);
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd === -1) return;
    const head = this.buffer.toString('latin1', 0, headerEnd);
    const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const total = headerEnd + 4 + (match ? Number(match[1]) : 0);
    if (this.buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    this.buffer = this.buffer.subarray(total);
    const callback = this.onResponse;
    this.onResponse = undefined;
    this.busy = false;
    callback?.(status);
  }

  /** Sends the request; resolves with the status, or 0 on a connection error (then reconnects). */
  async send(request: Buffer): Promise<number> {
    this.busy = true;
    if (!this.socket) {
      try {
        await this.open();
      } catch {
        this.busy = false;
        return 0;
      }
    }
    return new Promise((resolve) => {
      this.onResponse = (status) => {
        this.busy = false;
        resolve(status);
      };
      this.socket!.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(latencies: number[], errors: number, non200: number, elapsedMs: number, fromSchedule?: number[]): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  const result: LoadResult = {
    requests: latencies.length,
    errors,
    non200,
    requestsPerSecond: Math.round((latencies.length / elapsedMs) * 1000),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.length > 0 ? sorted[sorted.length - 1] : 0),
  };
  if (fromSchedule) result.p99FromScheduleMs = round(percentile(Float64Array.from(fromSchedule).sort(), 99));
  return result;
}

async function openConnections(port: number, tls: ClientTls, count: number): Promise<Connection[]> {
  const connections = Array.from({ length: count }, () => new Connection(port, tls));
  await Promise.all(connections.map((c) => c.open()));
  return connections;
}

/** Closed loop: every connection sends its next request as soon as the previous answer arrives. */
async function saturate(port: number, tls: ClientTls, request: Buffer, connections: number, durationMs: number): Promise<LoadResult> {
  const pool = await openConnections(port, tls, connections);
  const latencies: number[] = [];
  let errors = 0;
  let non200 = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(pool.map(async (connection) => {
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      const status = await connection.send(request);
      if (status === 0) errors++;
      else if (status !== 200) non200++;
      else latencies.push(performance.now() - sentAt);
    }
  }));
  const elapsed = performance.now() - started;
  for (const connection of pool) connection.close();
  return summarise(latencies, errors, non200, elapsed);
}

/** Open loop at a fixed rate: requests are scheduled on a clock and sent on the next idle connection. */
async function fixedRate(port: number, tls: ClientTls, request: Buffer, rate: number, connections: number, durationMs: number): Promise<LoadResult> {
  const pool = await openConnections(port, tls, connections);
  const latencies: number[] = [];
  const fromSchedule: number[] = [];
  let errors = 0;
  let non200 = 0;
  const backlog: number[] = [];
  const started = performance.now();
  const total = Math.floor((rate * durationMs) / 1000);
  let scheduled = 0;
  let outstanding = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const dispatch = () => {
    for (const connection of pool) {
      if (backlog.length === 0) return;
      if (connection.busy) continue;
      const dueAt = backlog.shift()!;
      const sentAt = performance.now();
      outstanding++;
      void connection.send(request).then((status) => {
        outstanding--;
        const now = performance.now();
        if (status === 0) errors++;
        else if (status !== 200) non200++;
        else {
          latencies.push(now - sentAt);
          fromSchedule.push(now - dueAt);
        }
        dispatch();
        if (scheduled >= total && outstanding === 0 && backlog.length === 0) resolveDone();
      });
    }
  };
  const tick = () => {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - started) * rate) / 1000));
    while (scheduled < due) {
      backlog.push(started + (scheduled * 1000) / rate);
      scheduled++;
    }
    dispatch();
    if (scheduled < total) setTimeout(tick, 1);
  };
  tick();
  await done;
  const elapsed = performance.now() - started;
  for (const connection of pool) connection.close();
  return summarise(latencies, errors, non200, elapsed, fromSchedule);
}

interface Spawned {
  child: ChildProcess;
  port: number;
}

function spawnAndWait(args: string[], label: string): Promise<Spawned> {
  // KUBEWARD_BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=DIR`) profiles the servers under load.
  const nodeArgs = (process.env.KUBEWARD_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...(fromSource ? ['--import', 'tsx'] : []), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBERNETES_SERVICE_HOST: '' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start:\n${output}`));
    }, 60_000);
    let listening = 0;
    const expected = Number(args[args.indexOf('--workers') + 1] ?? 1);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = [...output.matchAll(/"msg":"listening"[^\n]*"port":(\d+)/g)];
      listening = port.length;
      if (listening >= expected) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, port: Number(port[0][1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${output}`));
    });
  });
}

/** Linux reports process CPU time in clock ticks of USER_HZ, which is 100 on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds of a process and its direct children (cluster workers), or undefined without /proc. */
function processTreeCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync('/proc/self/stat')) return undefined;
  const statOf = (id: string) => {
    try {
      // The command name may hold spaces; the fields after it are space-separated.
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
    } catch {
      return undefined;
    }
  };
  let ticks = statOf(String(pid))?.ticks;
  if (ticks === undefined) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(entry);
    if (stat?.ppid === pid) ticks += stat.ticks;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** A saturation run, with the CPU time the server's processes spent per request during it (where /proc tells). */
async function saturateMeasuringCpu(spawned: Spawned, tls: ClientTls, request: Buffer, connections: number, durationMs: number): Promise<{ saturation: LoadResult; cpuMicrosPerRequest?: number }> {
  const cpuBefore = processTreeCpuMs(spawned.child.pid);
  const saturation = await saturate(spawned.port, tls, request, connections, durationMs);
  const cpuAfter = processTreeCpuMs(spawned.child.pid);
  if (cpuBefore === undefined || cpuAfter === undefined || saturation.requests === 0) return { saturation };
  return { saturation, cpuMicrosPerRequest: Math.round(((cpuAfter - cpuBefore) * 1000) / saturation.requests) };
}

async function stop(spawned: Spawned): Promise<void> {
  const exited = new Promise((resolve) => spawned.child.once('exit', resolve));
  spawned.child.kill('SIGTERM');
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The median item by `key` (the lower of the two middle ones for an even count). */
function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Picks a free port: with --workers the port must be known before the workers listen. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function benchAdmission(options: AdmissionBenchOptions = {}): Promise<AdmissionBenchResult> {
  const durationMs = options.durationMs ?? 5000;
  const rate = options.fixedRate ?? 2000;
  const connections = options.connections ?? 16;
  const saturationConnections = options.saturationConnections ?? 32;
  const warmUpMs = options.warmUpMs ?? Math.max(200, durationMs);
  const repetitions = options.repetitions ?? 3;
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`benchAdmission: repetitions must be a positive integer, got ${repetitions}`);
  const root = repoRoot();
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-admission-'));
  try {
    const certificates = await createWebhookCertificates({ service: 'kubeward-webhook', namespace: 'kubeward', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], days: 1, clientName: 'kube-apiserver' });
    const serverTls: ClientTls = { ca: certificates.caCert };
    // As the API server presents it to a webhook served with --client-ca (cpuBreakdown measures that too).
    const apiServerTls: ClientTls = { ca: certificates.caCert, cert: certificates.client!.cert, key: certificates.client!.key };
    const caFile = path.join(dir, 'ca.crt');
    writeFileSync(caFile, certificates.caCert);
    const certFile = path.join(dir, 'tls.crt');
    const keyFile = path.join(dir, 'tls.key');
    writeFileSync(certFile, certificates.cert);
    writeFileSync(keyFile, certificates.key);
    const rules = builtinRegistry().rules;
    const configFile = path.join(dir, 'kubeward.yaml');
    writeFileSync(configFile, `version: 1\nchecks:\n${rules.map((r) => `  ${r.id}: on`).join('\n')}\n`);
    const labelsFile = path.join(dir, 'namespaces.yaml');
    writeFileSync(labelsFile, 'shop:\n  pod-security.kubernetes.io/enforce: restricted\n  pod-security.kubernetes.io/warn: restricted\n  pod-security.kubernetes.io/audit: restricted\n');
    const policyDir = path.join(root, 'policies');
    const review = realisticPodReview();
    const body = Buffer.from(JSON.stringify(review));
    const request = Buffer.concat([Buffer.from(`POST /validate?timeout=5s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
    const cliMain = path.join(root, fromSource ? 'src/cli/main.ts' : 'dist/src/cli/main.js');
    const bareMain = path.join(path.dirname(here), fromSource ? 'bare-server.ts' : 'bare-server.js');

    /** `kubeward admission serve` on `port` with the bench's certificates and namespace labels. */
    const kubewardArgs = (port: number, workers: number, config: string, extra: readonly string[]) => [cliMain, 'admission', 'serve', '--tls-cert', certFile, '--tls-key', keyFile,
      '--host', '127.0.0.1', '--port', String(port), '--workers', String(workers), '--config', config, '--namespace-labels', labelsFile, '--log-level', 'info', '--shutdown-delay', '0ms', ...extra];
    const bareArgs = (port: number, workers: number) => [bareMain, '--cert', certFile, '--key', keyFile, '--port', String(port), '--workers', String(workers)];

    let decision = 'unknown';
    const runs: ServerRun[] = [];
    const saturationRatios: Record<string, number[]> = {};
    const serverKinds = ['bare', 'kubeward'] as const;
    for (const workers of options.workers ?? [1, 2]) {
      const spawned = new Map<(typeof serverKinds)[number], Spawned>();
      try {
        for (const server of serverKinds) {
          const port = await freePort();
          const args = server === 'bare' ? bareArgs(port, workers) : kubewardArgs(port, workers, configFile, ['--policy', policyDir]);
          spawned.set(server, await spawnAndWait(args, `${server} server`));
        }
        const fixedRates = new Map<(typeof serverKinds)[number], LoadResult>();
        for (const server of serverKinds) {
          const { port } = spawned.get(server)!;
          if (server === 'kubeward' && decision === 'unknown') decision = await decisionOf(port, serverTls, request);
          // Steady state is measured: each worker's code is compiled under load first (a webhook behind an API server
          // is kept warm by traffic; a worker's first second runs partly unoptimised code and has a longer tail).
          await saturate(port, serverTls, request, saturationConnections, warmUpMs);
          const before = server === 'kubeward' ? await durationBuckets(port, serverTls) : undefined;
          const fixed = await fixedRate(port, serverTls, request, rate, connections, durationMs);
          if (before) {
            const after = await durationBuckets(port, serverTls);
            const count = (le: string) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
            const total = count('+Inf');
            fixed.serverSide = { within1ms: Math.round((count('0.001') / total) * 10000) / 10000, within5ms: Math.round((count('0.005') / total) * 10000) / 10000 };
          }
          fixedRates.set(server, fixed);
        }
        const measured = new Map(serverKinds.map((server) => [server, [] as Array<{ saturation: LoadResult; cpuMicrosPerRequest?: number }>]));
        for (let repetition = 0; repetition < repetitions; repetition++) {
          for (const server of serverKinds) measured.get(server)!.push(await saturateMeasuringCpu(spawned.get(server)!, serverTls, request, saturationConnections, durationMs));
        }
        for (const server of serverKinds) {
          const repeats = measured.get(server)!;
          runs.push({
            server,
            workers,
            fixedRate: fixedRates.get(server)!,
            ...medianBy(repeats, (r) => r.saturation.requestsPerSecond),
            saturationRepeats: repeats.map(({ saturation: { requestsPerSecond, errors, non200 }, cpuMicrosPerRequest }) => ({ requestsPerSecond, errors, non200, ...(cpuMicrosPerRequest !== undefined ? { cpuMicrosPerRequest } : {}) })),
          });
        }
        const bare = measured.get('bare')!;
        saturationRatios[`${workers}`] = measured.get('kubeward')!.map((ours, i) => Math.round((ours.saturation.requestsPerSecond / bare[i].saturation.requestsPerSecond) * 1000) / 1000);
      } finally {
        for (const server of spawned.values()) await stop(server);
      }
    }
    let coldStart: ColdStartRun[] | undefined;
    if (options.coldStart) {
      coldStart = [];
      for (const warmUpReviews of options.coldStartWarmUpReviews ?? [0, 5000]) {
        const port = await freePort();
        const spawning = performance.now();
        const spawned = await spawnAndWait(kubewardArgs(port, 1, configFile, ['--policy', policyDir, '--warm-up-reviews', String(warmUpReviews)]), `kubeward (warm-up ${warmUpReviews})`);
        try {
          const startMs = Math.round(performance.now() - spawning);
          coldStart.push({ warmUpReviews, startMs, fixedRate: await fixedRate(spawned.port, serverTls, request, rate, connections, Math.min(durationMs, 2000)) });
        } finally {
          await stop(spawned);
        }
      }
    }
    let cpuBreakdown: CpuBreakdownEntry[] | undefined;
    if (options.cpuBreakdown) {
      const checksOff = path.join(dir, 'checks-off.yaml');
      writeFileSync(checksOff, `version: 1\nchecks:\n${rules.map((r) => `  ${r.id}: off`).join('\n')}\n`);
      const serve = (config: string, extra: string[]) => (port: number) => kubewardArgs(port, 1, config, extra);
      const configurations: Array<[string, (port: number) => string[], ClientTls?]> = [
        ['bare handler', (port) => bareArgs(port, 1)],
        ['kubeward, namespace exempt (transport and parsing only)', serve(configFile, ['--policy', policyDir, '--exempt-namespace', 'shop'])],
        ['kubeward, PSS restricted only', serve(checksOff, [])],
        ['kubeward, PSS + the CEL policies', serve(checksOff, ['--policy', policyDir])],
        ['kubeward, PSS + every check', serve(configFile, [])],
        ['kubeward, full set', serve(configFile, ['--policy', policyDir])],
        ['kubeward, full set, each review evaluated on arrival (--no-batching)', serve(configFile, ['--policy', policyDir, '--no-batching'])],
        ['kubeward, full set, client certificate verified (--client-ca)', serve(configFile, ['--policy', policyDir, '--client-ca', caFile, '--client-name', 'kube-apiserver']), apiServerTls],
      ];
      cpuBreakdown = [];
      for (const [configuration, argsFor, tls = serverTls] of configurations) {
        const spawned = await spawnAndWait(argsFor(await freePort()), configuration);
        try {
          await saturate(spawned.port, tls, request, saturationConnections, warmUpMs);
          const { saturation, cpuMicrosPerRequest } = await saturateMeasuringCpu(spawned, tls, request, saturationConnections, durationMs);
          // A refused request (a 403 without the client certificate, say) would be counted as cheap work.
          if (saturation.non200 > 0 || saturation.errors > 0) throw new Error(`${configuration}: ${saturation.non200} answers other than 200 and ${saturation.errors} errors under load`);
          cpuBreakdown.push({ configuration, requestsPerSecond: saturation.requestsPerSecond, ...(cpuMicrosPerRequest !== undefined ? { cpuMicrosPerRequest } : {}) });
        } finally {
          await stop(spawned);
        }
      }
    }
    const saturationRatio: Record<string, number> = {};
    for (const [workers, ratios] of Object.entries(saturationRatios)) saturationRatio[workers] = medianBy(ratios, (ratio) => ratio);
    const targets = { fixedRateP50Ms: 1, fixedRateP99Ms: 5, saturationRatio: 0.5 };
    const ours = runs.filter((r) => r.server === 'kubeward');
    return {
      review: { bytes: body.length, kind: 'Pod', decision },
      policySet: { podSecurity: 'restricted:latest', checks: rules.length, celPolicies: readdirSync(policyDir).filter((entry) => existsSync(path.join(policyDir, entry, 'policy.yaml'))).length },
      settings: { durationMs, warmUpMs, fixedRate: rate, connections, saturationConnections, repetitions },
      runs,
      saturationRatio,
      saturationRatios,
      targets,
      met: {
        fixedRateLatency: ours.every((r) => r.fixedRate.p50Ms <= targets.fixedRateP50Ms && r.fixedRate.p99Ms <= targets.fixedRateP99Ms && r.fixedRate.errors === 0),
        saturationRatio: Object.values(saturationRatio).every((ratio) => ratio >= targets.saturationRatio),
      },
      ...(cpuBreakdown ? { cpuBreakdown } : {}),
      ...(coldStart ? { coldStart } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cumulative counts of kubeward_admission_request_duration_seconds for CREATE, by bucket bound. */
async function durationBuckets(port: number, tls: ClientTls): Promise<Map<string, number>> {
  const text = await get(port, tls, '/metrics');
  const buckets = new Map<string, number>();
  for (const match of text.matchAll(/^kubeward_admission_request_duration_seconds_bucket\{le="([^"]+)",operation="CREATE"\} (\d+)$/gm)) buckets.set(match[1], Number(match[2]));
  return buckets;
}

function get(port: number, tls: ClientTls, urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...tls, servername: 'localhost' }, () => socket.write(`GET ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(text.slice(text.indexOf('\r\n\r\n') + 4)));
    socket.on('error', reject);
  });
}

/** The verdict kubeward gives the bench review (allow, warn or deny), to show the path measured is the full one. */
async function decisionOf(port: number, tls: ClientTls, request: Buffer): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port, ...tls, servername: 'localhost' });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(request);
  let text = '';
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const headerEnd = text.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(text);
      if (headerEnd !== -1 && length && Buffer.byteLength(text) >= headerEnd + 4 + Number(length[1])) resolve();
    });
  });
  socket.destroy();
  const response = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).response;
  return !response.allowed ? 'deny' : response.warnings ? 'warn' : 'allow';
}
