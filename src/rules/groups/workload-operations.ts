/** Rules on images, resources, reliability, service accounts and secrets in workloads. Sorted by id. */
import antiAffinityMissing from '../anti-affinity-missing/anti-affinity-missing.rule.js';
import configReferenceMissing from '../config-reference-missing/config-reference-missing.rule.js';
import configmapSensitiveContent from '../configmap-sensitive-content/configmap-sensitive-content.rule.js';
import cpuLimitMissing from '../cpu-limit-missing/cpu-limit-missing.rule.js';
import cpuRequestMissing from '../cpu-request-missing/cpu-request-missing.rule.js';
import credentialInEnv from '../credential-in-env/credential-in-env.rule.js';
import cronjobDeadline from '../cronjob-deadline/cronjob-deadline.rule.js';
import defaultServiceAccount from '../default-service-account/default-service-account.rule.js';
import deprecatedServiceAccountField from '../deprecated-service-account-field/deprecated-service-account-field.rule.js';
import dnsConfigNdots from '../dns-config-ndots/dns-config-ndots.rule.js';
import duplicateEnv from '../duplicate-env/duplicate-env.rule.js';
import ephemeralStorageMissing from '../ephemeral-storage-missing/ephemeral-storage-missing.rule.js';
import hpaFixedReplicas from '../hpa-fixed-replicas/hpa-fixed-replicas.rule.js';
import hpaMinReplicas from '../hpa-min-replicas/hpa-min-replicas.rule.js';
import hpaTargetMissing from '../hpa-target-missing/hpa-target-missing.rule.js';
import imageDeprecatedRegistry from '../image-deprecated-registry/image-deprecated-registry.rule.js';
import imageDigest from '../image-digest/image-digest.rule.js';
import imageLatestTag from '../image-latest-tag/image-latest-tag.rule.js';
import imagePullPolicy from '../image-pull-policy/image-pull-policy.rule.js';
import imageRegistry from '../image-registry/image-registry.rule.js';
import jobTtl from '../job-ttl/job-ttl.rule.js';
import livenessProbeMissing from '../liveness-probe-missing/liveness-probe-missing.rule.js';
import memoryLimitMissing from '../memory-limit-missing/memory-limit-missing.rule.js';
import memoryRequestMissing from '../memory-request-missing/memory-request-missing.rule.js';
import nakedPod from '../naked-pod/naked-pod.rule.js';
import pdbBlocksEviction from '../pdb-blocks-eviction/pdb-blocks-eviction.rule.js';
import pdbMissing from '../pdb-missing/pdb-missing.rule.js';
import pdbNoPolicy from '../pdb-no-policy/pdb-no-policy.rule.js';
import priorityClassMissing from '../priority-class-missing/priority-class-missing.rule.js';
import probeUnknownPort from '../probe-unknown-port/probe-unknown-port.rule.js';
import probesIdentical from '../probes-identical/probes-identical.rule.js';
import readinessProbeMissing from '../readiness-probe-missing/readiness-probe-missing.rule.js';
import replicasWithHpa from '../replicas-with-hpa/replicas-with-hpa.rule.js';
import requestsEqualLimits from '../requests-equal-limits/requests-equal-limits.rule.js';
import resourceRange from '../resource-range/resource-range.rule.js';
import restartPolicy from '../restart-policy/restart-policy.rule.js';
import secretInEnv from '../secret-in-env/secret-in-env.rule.js';
import selectorMismatch from '../selector-mismatch/selector-mismatch.rule.js';
import serviceAccountMissing from '../service-account-missing/service-account-missing.rule.js';
import serviceAccountPrivilegedRole from '../service-account-privileged-role/service-account-privileged-role.rule.js';
import serviceAccountTokenAutomount from '../service-account-token-automount/service-account-token-automount.rule.js';
import singleReplica from '../single-replica/single-replica.rule.js';
import statefulsetServiceName from '../statefulset-service-name/statefulset-service-name.rule.js';
import sudoEntrypoint from '../sudo-entrypoint/sudo-entrypoint.rule.js';
import topologySpreadMissing from '../topology-spread-missing/topology-spread-missing.rule.js';

export const workloadOperationsRules = [
  antiAffinityMissing,
  configReferenceMissing,
  configmapSensitiveContent,
  cpuLimitMissing,
  cpuRequestMissing,
  credentialInEnv,
  cronjobDeadline,
  defaultServiceAccount,
  deprecatedServiceAccountField,
  dnsConfigNdots,
  duplicateEnv,
  ephemeralStorageMissing,
  hpaFixedReplicas,
  hpaMinReplicas,
  hpaTargetMissing,
  imageDeprecatedRegistry,
  imageDigest,
  imageLatestTag,
  imagePullPolicy,
  imageRegistry,
  jobTtl,
  livenessProbeMissing,
  memoryLimitMissing,
  memoryRequestMissing,
  nakedPod,
  pdbBlocksEviction,
  pdbMissing,
  pdbNoPolicy,
  priorityClassMissing,
  probeUnknownPort,
  probesIdentical,
  readinessProbeMissing,
  replicasWithHpa,
  requestsEqualLimits,
  resourceRange,
  restartPolicy,
  secretInEnv,
  selectorMismatch,
  serviceAccountMissing,
  serviceAccountPrivilegedRole,
  serviceAccountTokenAutomount,
  singleReplica,
  statefulsetServiceName,
  sudoEntrypoint,
  topologySpreadMissing,
] as const;
