/** Evaluating workloads: API defaulting before PSA, every workload kind, and the message formats. */
import { describe, expect, it } from 'vitest';
import { asWorkload, pod, podSpecPathOf, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import { applyApiDefaults } from './defaults.js';
import { defaultEvaluator, evaluateWorkload, objectPathOf, podUnderReview, violatesMessage, wouldViolateMessage } from './evaluate.js';
import { LATEST } from './levels.js';

const restricted = { level: 'restricted' as const, version: LATEST };

describe('API defaulting', () => {
  it('turns a volume without a source into emptyDir without touching the input', () => {
    const spec = { volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'x' } }] };
    const defaulted = applyApiDefaults(spec, true);
    expect(defaulted.volumes).toEqual([{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'x' } }]);
    expect(spec.volumes[0]).toEqual({ name: 'scratch' });
  });

  it('returns the same spec when nothing needs defaulting', () => {
    const spec = { volumes: [{ name: 'cfg', configMap: { name: 'x' } }], containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] };
    expect(applyApiDefaults(spec, true)).toBe(spec);
  });

  it('keeps a volume with an unknown source, so PSA reports it as "unknown"', () => {
    const spec = { volumes: [{ name: 'v', someFutureSource: {} }] };
    expect(applyApiDefaults(spec, true)).toBe(spec);
  });

  it('defaults hostPort to containerPort for hostNetwork Pods only', () => {
    const spec = { hostNetwork: true, containers: [{ name: 'a', ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9091 }] }] };
    expect(applyApiDefaults(spec, true).containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080 }, { containerPort: 9090, hostPort: 9091 }]);
    expect(applyApiDefaults(spec, false)).toBe(spec);
  });

  it('makes a hostNetwork Pod report its defaulted host ports, as the API server would', () => {
    const hostNetworkPod = pod((p) => { p.spec.hostNetwork = true; });
    const result = evaluateWorkload(hostNetworkPod, { level: 'baseline', version: LATEST })!;
    expect(result.violations.map((v) => `${v.reason} (${v.detail})`)).toEqual(['host namespaces (hostNetwork=true)', 'hostPort (container "app" uses hostPort 8080)']);
    const asDeployment = evaluateWorkload(asWorkload(hostNetworkPod, 'Deployment'), { level: 'baseline', version: LATEST })!;
    expect(asDeployment.violations.map((v) => v.reason)).toEqual(['host namespaces']);
  });
});

describe('workloads of every kind', () => {
  for (const kind of WORKLOAD_WRAPPERS) {
    it(`evaluates the pod template of a ${kind}, with paths inside the object`, () => {
      expect(evaluateWorkload(asWorkload(pod(), kind), restricted)?.allowed).toBe(true);
      const object = asWorkload(pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }), kind);
      const review = podUnderReview(object)!;
      const result = defaultEvaluator().evaluate(restricted, review.metadata, review.spec);
      expect(result.allowed).toBe(false);
      expect(result.violations.map((v) => v.check.id)).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted']);
      expect(objectPathOf(review, result.violations[0].paths[0])).toBe(`${podSpecPathOf(kind)}.ephemeralContainers[0].securityContext.allowPrivilegeEscalation`);
    });
  }

  it('returns undefined for objects without pods', () => {
    expect(evaluateWorkload({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, restricted)).toBeUndefined();
  });

  it('maps annotation paths into template metadata', () => {
    const object = asWorkload(pod((p) => { p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }; }), 'CronJob');
    const review = podUnderReview(object)!;
    const [violation] = defaultEvaluator().evaluate(restricted, review.metadata, review.spec).violations;
    expect(objectPathOf(review, violation.paths[0])).toBe('spec.jobTemplate.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]');
  });
});

describe('Windows and user-namespace pods', () => {
  const windowsPod = pod((p) => {
    p.spec.os = { name: 'windows' };
    for (const c of [...p.spec.containers, ...p.spec.initContainers]) delete c.securityContext;
    delete p.spec.securityContext.seccompProfile;
  });

  it('exempts Windows pods from the Linux-only restricted checks from v1.25', () => {
    expect(evaluateWorkload(windowsPod, restricted)?.allowed).toBe(true);
    expect(evaluateWorkload(windowsPod, { level: 'restricted', version: 24 })?.violations.map((v) => v.check.id)).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  });

  it('relaxes runAsNonRoot and runAsUser for hostUsers: false from v1.35 only', () => {
    const rootInUserNamespace = pod((p) => {
      p.spec.hostUsers = false;
      p.spec.securityContext.runAsNonRoot = false;
      p.spec.securityContext.runAsUser = 0;
    });
    expect(evaluateWorkload(rootInUserNamespace, restricted)?.allowed).toBe(true);
    expect(evaluateWorkload(rootInUserNamespace, { level: 'restricted', version: 34 })?.violations.map((v) => v.check.id)).toEqual(['runAsNonRoot', 'runAsUser']);
  });
});

describe('messages', () => {
  it('renders the enforce denial and the warning exactly as Kubernetes does', () => {
    const result = evaluateWorkload(pod((p) => { delete p.spec.containers[0].securityContext.allowPrivilegeEscalation; }), { level: 'restricted', version: 30 })!;
    expect(violatesMessage({ level: 'restricted', version: 30 }, result.violations)).toBe(
      'violates PodSecurity "restricted:v1.30": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    );
    expect(wouldViolateMessage({ level: 'restricted', version: LATEST }, result.violations)).toBe(
      'would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    );
  });
});
