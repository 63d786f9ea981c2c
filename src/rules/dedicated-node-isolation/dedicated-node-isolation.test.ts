import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './dedicated-node-isolation.rule.js';

const sensitive = { sensitiveNamespaces: ['shop'] };
const toleration = { key: 'dedicated', operator: 'Equal', value: 'payments', effect: 'NoSchedule' };
const isolated = pod((p) => { p.spec.nodeSelector = { dedicated: 'payments' }; p.spec.tolerations = [toleration]; });
const affinity = (terms: unknown[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const tolerating = pod((p) => { p.spec.tolerations = [toleration]; });

ruleTester(rule).run({
  valid: [
    { name: 'nothing configured: passes', object: pod() },
    { name: 'selector and toleration', object: isolated, options: sensitive },
    { name: 'required affinity with In and an Exists toleration', object: pod((p) => { p.spec.affinity = affinity([{ matchExpressions: [{ key: 'dedicated', operator: 'In', values: ['payments'] }] }]); p.spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }]; }), options: sensitive },
    { name: 'custom label and taint keys', object: pod((p) => { p.spec.nodeSelector = { 'node.example.com/pool': 'pci' }; p.spec.tolerations = [{ key: 'pci', operator: 'Exists', effect: 'NoExecute' }]; }), options: { ...sensitive, nodeLabelKey: 'node.example.com/pool', taintKey: 'pci' } },
    { name: 'a toleration of everything counts', object: pod((p) => { p.spec.nodeSelector = { dedicated: 'payments' }; p.spec.tolerations = [{ operator: 'Exists' }]; }), options: sensitive },
    { name: 'other namespace is not sensitive', object: pod(), options: { sensitiveNamespaces: ['vault'] } },
    { name: 'DaemonSet tolerating dedicated nodes', object: asWorkload(tolerating, 'DaemonSet') },
    { name: 'pinned and tolerating outside sensitive namespaces', object: isolated },
  ],
  invalid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({
      name: `sensitive ${kind} not pinned`,
      object: asWorkload(pod(), kind),
      options: sensitive,
      errors: [{ messageId: 'notPinned', path: podSpecPathOf(kind) }],
    })),
    {
      name: 'preferred affinity does not pin',
      object: pod((p) => { p.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'dedicated', operator: 'In', values: ['payments'] }] } }] } }; p.spec.tolerations = [toleration]; }),
      options: sensitive,
      errors: [{ messageId: 'notPinned', path: 'spec' }],
    },
    {
      name: 'one affinity term without the label',
      object: pod((p) => { p.spec.affinity = affinity([{ matchExpressions: [{ key: 'dedicated', operator: 'In', values: ['payments'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }]); p.spec.tolerations = [toleration]; }),
      options: sensitive,
      errors: [{ messageId: 'notPinned', path: 'spec' }],
    },
    {
      name: 'pinned without toleration',
      object: pod((p) => { p.spec.nodeSelector = { dedicated: 'payments' }; }),
      options: sensitive,
      errors: [{ messageId: 'noToleration', path: 'spec' }],
    },
    {
      name: 'toleration for another value',
      object: pod((p) => { p.spec.nodeSelector = { dedicated: 'payments' }; p.spec.tolerations = [{ ...toleration, value: 'gpu' }]; }),
      options: sensitive,
      errors: [{ messageId: 'noToleration', path: 'spec.tolerations' }],
    },
    {
      name: 'tolerates dedicated nodes without selecting them (no configuration needed)',
      object: asWorkload(tolerating, 'Deployment'),
      errors: [{ messageId: 'toleratesWithoutPinning', path: 'spec.template.spec.tolerations[0]' }],
    },
  ],
});
