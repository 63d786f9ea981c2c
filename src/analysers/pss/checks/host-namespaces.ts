/*
Sharing the host namespaces must be disallowed.

**Restricted Fields:**
spec.hostNetwork
spec.hostPID
spec.hostIPC

**Allowed Values:** false, undefined/null
*/
import type { CheckFn, CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'hostNamespaces', level: 'baseline', ruleId: 'pss-host-namespaces', category: 'host-access', title: 'Host namespaces' };

export const hostNamespaces_1_0: CheckFn = (_metadata, spec) => {
  if (spec.hostNetwork !== true && spec.hostPID !== true && spec.hostIPC !== true) return undefined;
  const names: string[] = [];
  if (spec.hostNetwork === true) names.push('hostNetwork');
  if (spec.hostPID === true) names.push('hostPID');
  if (spec.hostIPC === true) names.push('hostIPC');
  return { reason: 'host namespaces', detail: names.map((name) => `${name}=true`).join(', '), paths: names.map((name) => `spec.${name}`) };
};
