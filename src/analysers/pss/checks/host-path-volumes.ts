/*
HostPath volumes must be forbidden.

**Restricted Fields:**
spec.volumes[*].hostPath

**Allowed Values:** undefined/null
*/
import { isSet, joinQuote, pluralize, stringField, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'hostPathVolumes', level: 'baseline', ruleId: 'pss-host-path-volumes', category: 'host-access', title: 'HostPath volumes' };

export const hostPathVolumes_1_0: CheckFn = (_metadata, spec) => {
  const volumes = spec.volumes;
  if (!Array.isArray(volumes)) return undefined;
  let names: string[] | undefined;
  let paths: string[] | undefined;
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    if (volume !== null && typeof volume === 'object' && isSet(volume.hostPath)) {
      (names ??= []).push(stringField(volume.name));
      (paths ??= []).push(`spec.volumes[${i}].hostPath`);
    }
  }
  if (!names || !paths) return undefined;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths };
};
