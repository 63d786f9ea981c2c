#!/usr/bin/env node
/**
 * The process edge of the CLI: real stdio, real clock, and the only process.exit in kubeward.
 * Installed as `kubeward` and as the kubectl plugin `kubectl-kubeward`.
 */
import path from 'node:path';
import { readStdinText } from '../io/manifests.js';
import { runCli } from './program.js';

const invokedAs = path.basename(process.argv[1] ?? '').startsWith('kubectl-') ? 'kubectl kubeward' : 'kubeward';
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  readStdin: readStdinText,
  now: () => new Date(),
}, invokedAs);
// Let stdout drain before exiting (large reports through a pipe).
process.stdout.write('', () => process.exit(code));
