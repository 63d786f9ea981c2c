/**
 * Runs the real kubectl (Debian's kubernetes-client) for tests: against the fake API server, and as a Go TLS
 * client of the webhook. kubectl is required: CI (.ci/run) installs it when it is missing, so a missing kubectl
 * fails the test that needs it, on purpose.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function findKubectl(): string | undefined {
  const candidates = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'kubectl')), '/usr/bin/kubectl'];
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Where kubectl is, or undefined when it is not installed. */
export const kubectlPath = findKubectl();

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs kubectl asynchronously (a server in the calling process must keep answering); never throws for an exit code. */
export async function runKubectl(kubeconfig: string, cacheDir: string, args: readonly string[]): Promise<KubectlResult> {
  if (!kubectlPath) {
    throw new Error('kubectl not found on PATH or at /usr/bin/kubectl: install it (Debian: apt-get install kubernetes-client); CI installs it in .ci/run');
  }
  try {
    const { stdout, stderr } = await run(kubectlPath, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { timeout: 30_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: typeof failed.code === 'number' ? failed.code : -1 };
  }
}
