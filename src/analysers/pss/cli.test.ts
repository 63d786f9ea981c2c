/** `kubeward pss what-if` and `kubeward pss validate-config`, run in-process over the testdata manifests. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import type { WhatIfReport } from './what-if.js';

const testdata = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');

async function run(...argv: string[]) {
  const io = memoryIo({ cwd: testdata });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('kubeward pss what-if', () => {
  it('lists rejected pods and warned controllers per namespace, with kubectl\'s dry-run warnings', async () => {
    const { code, out, err } = await run('pss', 'what-if', '--level', 'restricted', 'what-if');
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toContain('Pod Security what-if: enforce=restricted:latest');
    expect(out).toMatch(/^shop\s+Pod\/web-1\s+rejected\s+allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile$/m);
    expect(out).toMatch(/^shop\s+Deployment\/api\s+warned\s+host namespaces, privileged, /m);
    expect(out).toContain('  Warning: existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"\n  Warning: web-1 (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n');
    expect(out).toContain('    pods "web-1" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ');
    expect(out).toContain('  Deployment shop/api (admitted with a warning; the pods it creates would be rejected)\n    Warning: would violate PodSecurity "restricted:latest": host namespaces (hostNetwork=true), privileged (container "api" must not set securityContext.privileged=true), ');
    expect(out).not.toContain('hardened');
    expect(out).toContain('4 of 5 workloads in 2 namespaces would be rejected or warned at restricted:latest.');
  });

  it('filters one namespace and a policy version, and passes when nothing would be blocked', async () => {
    const { code, out } = await run('pss', 'what-if', '--level', 'baseline', '--policy-version', 'v1.28', '--namespace', 'billing', 'what-if');
    expect(code).toBe(0);
    expect(out).toBe('Pod Security what-if: enforce=baseline:v1.28\n\n0 of 1 workloads in 1 namespace would be rejected or warned at baseline:v1.28.\n');
  });

  it('prints JSON and applies exemptions from a PodSecurityConfiguration', async () => {
    const { code, out } = await run('pss', 'what-if', '--level', 'restricted', '-o', 'json', '--config', 'config/admission-configuration.yaml', 'what-if');
    expect(code).toBe(1);
    const report = JSON.parse(out) as WhatIfReport;
    expect(report.levelVersion).toBe('restricted:latest');
    const billing = report.namespaces.find((ns) => ns.namespace === 'billing')!;
    expect(billing.workloads).toMatchObject([{ object: { kind: 'CronJob', name: 'report' }, outcome: 'exempt', exemptBecause: 'runtimeClass' }]);
    const shop = report.namespaces.find((ns) => ns.namespace === 'shop')!;
    expect(shop.workloads.map((w) => `${w.object.kind}/${w.object.name} ${w.outcome}`)).toEqual(['Deployment/api warned', 'Pod/web-1 rejected', 'Pod/web-2 rejected']);
    expect(shop.workloads[0].paths[0]).toBe('spec.template.spec.hostNetwork');
  });

  it('rejects bad flags as usage errors', async () => {
    expect((await run('pss', 'what-if', '--level', 'strict', 'what-if')).err).toContain('invalid --level "strict"');
    expect((await run('pss', 'what-if', '--level', 'baseline', '--policy-version', '1.30', 'what-if')).code).toBe(2);
    expect((await run('pss', 'what-if', '--level', 'baseline', '-o', 'xml', 'what-if')).code).toBe(2);
    expect((await run('pss', 'what-if', '--level', 'baseline', 'no-such-dir')).code).toBe(2);
  });
});

describe('kubeward pss validate-config', () => {
  it('accepts a valid file', async () => {
    expect(await run('pss', 'validate-config', 'config/admission-configuration.yaml')).toEqual({ code: 0, out: 'config/admission-configuration.yaml: valid PodSecurityConfiguration\n', err: '' });
  });

  it('lists the invalid fields and exits 2', async () => {
    const { code, err } = await run('pss', 'validate-config', 'config/invalid.yaml');
    expect(code).toBe(2);
    expect(err).toContain('warning: config/invalid.yaml: exemptions.groups: Unknown field');
    expect(err).toContain('config/invalid.yaml is not a valid PodSecurityConfiguration:\n  defaults.enforce: Invalid value: "strict": must be one of privileged, baseline, restricted\n');
  });
});
