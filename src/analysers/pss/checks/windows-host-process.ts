/*
Pod and containers must not set securityContext.windowsOptions.hostProcess to true.

**Restricted Fields:**
spec.securityContext.windowsOptions.hostProcess
spec.containers[*].securityContext.windowsOptions.hostProcess
spec.initContainers[*].securityContext.windowsOptions.hostProcess
spec.ephemeralContainers[*].securityContext.windowsOptions.hostProcess

**Allowed Values:** undefined / false
*/
import { anyContainer, containerName, containerPath, containersPhrase, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'windowsHostProcess', level: 'baseline', ruleId: 'pss-windows-host-process', category: 'host-access', title: 'Windows HostProcess' };

const isHostProcess = (container: Record<string, any>) => container.securityContext?.windowsOptions?.hostProcess === true;

export const windowsHostProcess_1_0: CheckFn = (_metadata, spec) => {
  if (spec.securityContext?.windowsOptions?.hostProcess !== true && !anyContainer(spec, isHostProcess, undefined)) return undefined;
  let badNames: string[] | undefined;
  const paths: string[] = [];
  const podForbidden = spec.securityContext?.windowsOptions?.hostProcess === true;
  if (podForbidden) paths.push('spec.securityContext.windowsOptions.hostProcess');
  visitContainers(spec, (container, list, index) => {
    if (container.securityContext?.windowsOptions?.hostProcess === true) {
      (badNames ??= []).push(containerName(container));
      paths.push(containerPath(list, index, 'securityContext.windowsOptions.hostProcess'));
    }
  });
  if (!podForbidden && !badNames) return undefined;
  const setters: string[] = [];
  if (podForbidden) setters.push('pod');
  if (badNames) setters.push(containersPhrase(badNames));
  return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths };
};
