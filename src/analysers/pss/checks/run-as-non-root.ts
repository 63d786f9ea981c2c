/*
Containers must be required to run as non-root users.

**Restricted Fields:**
spec.securityContext.runAsNonRoot
spec.containers[*].securityContext.runAsNonRoot
spec.initContainers[*].securityContext.runAsNonRoot
spec.ephemeralContainers[*].securityContext.runAsNonRoot

**Allowed Values:**
true
undefined/null at container-level if pod-level is set to true

Since v1.35 a pod with `spec.hostUsers: false` is allowed: in a user namespace, root in the container is not
root on the node.
*/
import { anyContainer, containerName, containerPath, containersPhrase, isSet, usesUserNamespace, visitContainers, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'runAsNonRoot', level: 'restricted', ruleId: 'pss-run-as-non-root', category: 'privilege', title: 'Running as non-root' };

/** Explicitly set to something other than true; with podTrue, also counts an unset field as fine. */
const notNonRoot = (container: Record<string, any>, podTrue: boolean) => {
  const value = container.securityContext?.runAsNonRoot;
  return isSet(value) ? value !== true : !podTrue;
};

export const runAsNonRoot_1_0: CheckFn = (_metadata, spec) => {
  const pod = spec.securityContext?.runAsNonRoot;
  if ((!isSet(pod) || pod === true) && !anyContainer(spec, notNonRoot, pod === true)) return undefined;
  const setters: string[] = [];
  const paths: string[] = [];
  let podRunAsNonRoot = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (isSet(podValue)) {
    if (podValue !== true) {
      setters.push('pod');
      paths.push('spec.securityContext.runAsNonRoot');
    } else podRunAsNonRoot = true;
  }
  let explicitlyBad: string[] | undefined;
  let implicitlyBad: string[] | undefined;
  const implicitPaths: string[] = [];
  visitContainers(spec, (container, list, index) => {
    const value = container.securityContext?.runAsNonRoot;
    if (isSet(value)) {
      if (value !== true) {
        (explicitlyBad ??= []).push(containerName(container));
        paths.push(containerPath(list, index, 'securityContext.runAsNonRoot'));
      }
    } else if (!podRunAsNonRoot) {
      (implicitlyBad ??= []).push(containerName(container));
      implicitPaths.push(containerPath(list, index, 'securityContext.runAsNonRoot'));
    }
  });
  if (explicitlyBad) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths };
  }
  if (implicitlyBad) {
    // The one fix that covers every container is the pod-level field, so the path names it first.
    return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`, paths: ['spec.securityContext.runAsNonRoot', ...implicitPaths] };
  }
  return undefined;
};

export const runAsNonRoot_1_35: CheckFn = (metadata, spec) => (usesUserNamespace(spec) ? undefined : runAsNonRoot_1_0(metadata, spec));
