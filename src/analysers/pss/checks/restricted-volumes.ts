/*
In addition to restricting HostPath volumes, the restricted profile limits usage of inline pod volume sources to:
configMap, csi, downwardAPI, emptyDir, ephemeral, image (allowed since Kubernetes 1.33 as part of the 1.0
behaviour), persistentVolumeClaim, projected, secret.

**Restricted Fields:**
spec.volumes[*].hostPath
spec.volumes[*].gcePersistentDisk
spec.volumes[*].awsElasticBlockStore
spec.volumes[*].gitRepo
spec.volumes[*].nfs
spec.volumes[*].iscsi
spec.volumes[*].glusterfs
spec.volumes[*].rbd
spec.volumes[*].flexVolume
spec.volumes[*].cinder
spec.volumes[*].cephfs
spec.volumes[*].flocker
spec.volumes[*].fc
spec.volumes[*].azureFile
spec.volumes[*].vsphereVolume
spec.volumes[*].quobyte
spec.volumes[*].azureDisk
spec.volumes[*].portworxVolume
spec.volumes[*].photonPersistentDisk
spec.volumes[*].scaleIO
spec.volumes[*].storageos

**Allowed Values:** undefined/null

A volume with no source at all is defaulted to emptyDir by the API server before PSA sees it (defaults.ts).
*/
import { isSet, joinQuote, pluralize, sortedUnique, stringField, type CheckFn, type CheckMeta } from '../check.js';

export const meta: CheckMeta = { id: 'restrictedVolumes', level: 'restricted', ruleId: 'pss-restricted-volumes', category: 'host-access', title: 'Volume types' };

export const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'] as const;

/** In PSA's order: the first set source names the type. */
export const RESTRICTED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
] as const;

function hasAllowedSource(volume: Record<string, any>): boolean {
  for (let i = 0; i < ALLOWED_VOLUME_SOURCES.length; i++) if (isSet(volume[ALLOWED_VOLUME_SOURCES[i]])) return true;
  return false;
}

const isAllowedVolume = (volume: unknown) => volume === null || typeof volume !== 'object' || hasAllowedSource(volume as Record<string, any>);

function restrictedType(volume: Record<string, any>): string {
  for (const source of RESTRICTED_VOLUME_SOURCES) if (isSet(volume[source])) return source;
  return 'unknown';
}

export const restrictedVolumes_1_0: CheckFn = (_metadata, spec) => {
  const volumes = spec.volumes;
  if (!Array.isArray(volumes) || volumes.every(isAllowedVolume)) return undefined;
  let names: string[] | undefined;
  const types: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    if (volume === null || typeof volume !== 'object' || hasAllowedSource(volume)) continue;
    const type = restrictedType(volume);
    (names ??= []).push(stringField(volume.name));
    types.push(type);
    paths.push(type === 'unknown' ? `spec.volumes[${i}]` : `spec.volumes[${i}].${type}`);
  }
  if (!names) return undefined;
  const uniqueTypes = sortedUnique(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', uniqueTypes.length)} ${joinQuote(uniqueTypes)}`,
    paths,
  };
};
