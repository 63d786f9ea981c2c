/**
 * Shared set-up for the cluster tests: the fixture cluster served by the fake API server (a test double), kubeconfig
 * files in a temporary folder, and scan flags as the CLI would pass them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterFlags } from '../../src/cli/commands/scan-cluster.js';
import type { ScanFlags } from '../../src/cli/commands/scan.js';
import { memoryIo } from '../../src/cli/io.js';
import type { Finding } from '../../src/core/finding.js';
import {
  createTestPki, loadFixtureObjects, startFakeApiServer, type FakeApiServer, type FakeApiServerOptions, type FakeUser, type KubeconfigUser, type TestPki,
} from '../../src/testing/fake-apiserver/index.js';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cluster');

/** Base64 of the Opaque Secret's password, its decoded value, and the legacy token: none may appear in any output. */
export const SECRET_VALUES = ['aHVudGVyMi1uZXZlci1wcmludA', 'hunter2-never-print', 'ZXlKaGJHY2lPaUpTVXpJMU5pSjk', 'fake-token-never-print'];

export const TOKENS: Record<string, FakeUser> = {
  admin: { name: 'admin', groups: ['system:masters'] },
  noSecrets: { name: 'auditor', deny: [{ resource: 'secrets', verbs: ['list'] }] },
  noReports: { name: 'reader', deny: [{ group: 'wgpolicyk8s.io', resource: 'policyreports', verbs: ['create', 'update'] }] },
};

let sharedPki: TestPki | undefined;
/** One CA for the whole test file: making keys with openssl takes ~100 ms. */
export function pki(): TestPki {
  sharedPki ??= createTestPki();
  return sharedPki;
}

export interface FixtureCluster {
  server: FakeApiServer;
  dir: string;
  /** Writes a kubeconfig for `user` and returns its path. */
  kubeconfig(user?: KubeconfigUser, name?: string): string;
  close(): Promise<void>;
}

export async function startFixtureCluster(options: FakeApiServerOptions = {}): Promise<FixtureCluster> {
  const server = await startFakeApiServer({ objects: loadFixtureObjects(FIXTURE_DIR), tokens: { ...TOKENS }, pki: pki(), ...options });
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-cluster-test-'));
  let count = 0;
  return {
    server,
    dir,
    kubeconfig(user = { token: 'admin' }, name = `kubeconfig-${++count}`) {
      const file = path.join(dir, name);
      writeFileSync(file, server.kubeconfig(user));
      return file;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function scanFlags(extra: Partial<ScanFlags & ClusterFlags> = {}): ScanFlags & ClusterFlags {
  return { format: 'json', output: [], exclude: [], config: false, cluster: true, ...extra };
}

/** An in-memory CLI io with an empty environment, so no real kubeconfig of the machine is read. */
export function testIo(cwd: string, env: Record<string, string> = {}) {
  return memoryIo({ cwd, env: { HOME: cwd, ...env } });
}

/** `ruleId Kind namespace/name path` of every finding, sorted: what two scans are compared by. */
export function findingKeys(findings: readonly Finding[]): string[] {
  return findings
    .map((f) => `${f.ruleId} ${f.object.kind} ${f.object.namespace ?? ''}/${f.object.name} ${f.path ?? ''} ${f.messageId}`)
    .sort();
}

export function findingsOf(findings: readonly Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.object.kind} ${f.object.namespace ?? ''}/${f.object.name}`).sort();
}
