/**
 * `npm run bench`: measures every pipeline against a baseline measured in the same run and writes JSON
 * (bench-results.json). Each case runs in its own child process so peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { generateManifests } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const workDir = path.resolve(here, '../../.tmp/bench');
const OBJECT_COUNT = Number(process.env.KUBEWARD_BENCH_OBJECTS ?? 10_000);
const REPEAT = Number(process.env.KUBEWARD_BENCH_REPEAT ?? 3);

interface CaseResult {
  [key: string]: unknown;
  maxRssMb: number;
}

/**
 * The first run in a fresh process (what one CLI invocation pays, JIT warm-up included) apart, then REPEAT more
 * whose median is the throughput figure. Both pipelines are measured the same way.
 */
function timeRuns(run: () => void): { coldMs: number; times: number[] } {
  let start = performance.now();
  run();
  const coldMs = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return { coldMs, times };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function runCase(name: string, file: string): Promise<Record<string, unknown>> {
  const text = readFileSync(file, 'utf8');
  if (name === 'js-yaml-baseline') {
    let count = 0;
    const { coldMs, times } = timeRuns(() => {
      count = jsYaml.loadAll(text).length;
    });
    const ms = median(times);
    return { objects: count, coldMs, medianMs: ms, objectsPerSecond: (count / ms) * 1000 };
  }
  if (name === 'scan' || name === 'scan-every-check') {
    const scan = await scanner(name === 'scan-every-check');
    let last: Awaited<ReturnType<typeof scan>> | undefined;
    const { coldMs, times } = timeRuns(() => {
      last = scan(text);
    });
    const ms = median(times);
    return { ...last!, coldMs, medianMs: ms, objectsPerSecond: (last!.objects / ms) * 1000 };
  }
  if (name === 'scan-vs-js-yaml') {
    // The same two pipelines alternated in one process: on a shared machine the ratio of these is steadier than
    // that of two processes run one after the other.
    const scan = await scanner();
    const baseline: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < REPEAT + 2; i++) {
      let start = performance.now();
      jsYaml.loadAll(text);
      baseline.push(performance.now() - start);
      start = performance.now();
      scan(text);
      ours.push(performance.now() - start);
    }
    // The first round warms both up.
    baseline.shift();
    ours.shift();
    return {
      jsYamlMedianMs: median(baseline),
      scanMedianMs: median(ours),
      ratioOfMedians: median(baseline) / median(ours),
      ratioOfBest: Math.min(...baseline) / Math.min(...ours),
      medianOfRoundRatios: median(baseline.map((ms, i) => ms / ours[i])),
    };
  }
  if (name.startsWith('heap-')) {
    // Heap held by the parsed objects alone, each pipeline in its own process (--expose-gc): the input stays
    // referenced until after the measurement, so only what the pipeline built is counted. Positions are built
    // for every document, as a scan with findings everywhere would.
    const input = name === 'heap-json-parse' ? JSON.stringify(jsYaml.loadAll(text)) : text;
    const { parseManifests, locateInSource } = await import('../src/core/yaml/parse.js');
    global.gc?.();
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let held: unknown;
    let objects: number;
    if (name === 'heap-json-parse') {
      const parsed = JSON.parse(input) as unknown[];
      objects = parsed.length;
      held = parsed;
    } else if (name === 'heap-js-yaml') {
      const parsed = jsYaml.loadAll(input);
      objects = parsed.length;
      held = parsed;
    } else {
      const parsed = parseManifests(input, 'bench.yaml');
      for (const { source } of parsed.objects) locateInSource(source, 'spec');
      objects = parsed.objects.length;
      held = parsed;
    }
    global.gc?.();
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    return { objects, heapMb, inputChars: input.length, stillHeld: held !== undefined };
  }
  throw new Error(`unknown case ${name}`);
}

/**
 * A full scan as `kubeward scan` runs it: parse, every rule on by default (or, with `everyCheck`, the optional ones
 * too), a source line for every finding.
 */
async function scanner(everyCheck = false): Promise<(text: string) => { objects: number; findings: number; findingsWithLine: number; rules: number }> {
  const { parseManifests, sourceLocator } = await import('../src/core/yaml/parse.js');
  const { activeRules, runRules } = await import('../src/core/engine/run.js');
  const { builtinRegistry } = await import('../src/rules/index.js');
  const registry = builtinRegistry();
  const settings = everyCheck ? Object.fromEntries(registry.rules.map((rule) => [rule.id, { enabled: true }])) : {};
  const rulesRun = activeRules(registry, settings).length;
  return (text) => {
    const parsed = parseManifests(text, 'bench.yaml');
    const sources = new Map(parsed.objects.map((p) => [p.object, p.source]));
    const locate = sourceLocator((object) => sources.get(object));
    const result = runRules(registry, parsed.objects.map((p) => p.object), { locate, rules: settings });
    return {
      objects: parsed.objects.length,
      findings: result.findings.length,
      findingsWithLine: result.findings.filter((f) => f.location && f.location.line > 0).length,
      rules: rulesRun,
    };
  };
}

async function main(): Promise<void> {
  const [, , mode, caseName, caseFile] = process.argv;
  if (mode === '--case') {
    const result = await runCase(caseName, caseFile);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ ...result, maxRssMb } satisfies CaseResult));
    return;
  }
  mkdirSync(workDir, { recursive: true });
  const manifests = generateManifests(OBJECT_COUNT);
  const file = path.join(workDir, 'manifests.yaml');
  writeFileSync(file, manifests.text);
  const sizeMb = Buffer.byteLength(manifests.text) / 2 ** 20;
  const self = fileURLToPath(import.meta.url);
  const child = (caseName: string, extraArgs: string[] = []) =>
    JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', ...extraArgs, self, '--case', caseName, file], { encoding: 'utf8', maxBuffer: 1 << 24 })) as Record<string, number>;

  process.stderr.write(`bench: ${manifests.objects} objects, ${sizeMb.toFixed(1)} MB of YAML\n`);
  const baseline = child('js-yaml-baseline');
  const scan = child('scan');
  const everyCheck = child('scan-every-check');
  const sameProcess = child('scan-vs-js-yaml');
  const heapOf = (pipeline: string) => child(`heap-${pipeline}`, ['--expose-gc']).heapMb;
  const heapMb = { jsonParse: heapOf('json-parse'), jsYamlLoadAll: heapOf('js-yaml'), kubeward: heapOf('kubeward') };
  const heap = {
    ...heapMb,
    ratioToJsonParse: Number((heapMb.kubeward / heapMb.jsonParse).toFixed(2)),
    jsYamlRatioToJsonParse: Number((heapMb.jsYamlLoadAll / heapMb.jsonParse).toFixed(2)),
  };
  const results: Record<string, unknown> = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    scan: {
      input: { objects: manifests.objects, megabytes: Number(sizeMb.toFixed(2)) },
      jsYamlLoadAll: baseline,
      fullScan: scan,
      ratioToJsYaml: Number((scan.objectsPerSecond / baseline.objectsPerSecond).toFixed(3)),
      // The optional checks too (a scan with every check enabled in .kubeward.yaml).
      fullScanEveryCheck: everyCheck,
      everyCheckRatioToJsYaml: Number((everyCheck.objectsPerSecond / baseline.objectsPerSecond).toFixed(3)),
      coldRatioToJsYaml: Number((baseline.coldMs / scan.coldMs).toFixed(3)),
      sameProcess,
      heap,
      targets: { ratioToJsYaml: 0.5, maxRssMb: 1024, heapRatioToJsonParse: 2.5 },
    },
  };
  const extra = await import('./extra.js');
  Object.assign(results, await extra.runExtraBenchmarks(file));
  const out = path.resolve(here, '../../bench-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`bench: results written to ${path.relative(process.cwd(), out)}\n`);
}

await main();
