/**
 * Finished Jobs stay in the API (with their pods) until someone deletes them. Standalone Jobs should expire by
 * TTL; Jobs of a CronJob are already pruned by the CronJob's history limits, and a TTL there deletes the failed
 * runs the history is meant to keep.
 * Restricted fields: Job spec.ttlSecondsAfterFinished; CronJob spec.jobTemplate.spec.ttlSecondsAfterFinished
 * Allowed values: standalone Job: set; CronJob job template: unset.
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'job-ttl',
  meta: {
    title: 'Standalone Jobs should expire with ttlSecondsAfterFinished',
    category: 'hygiene',
    severity: 'info',
    description: 'Finished Jobs and their pods pile up in the cluster unless a TTL removes them; CronJobs manage this with history limits, which a TTL in their job template undermines.',
    remediation: 'Set spec.ttlSecondsAfterFinished on standalone Jobs; remove it from CronJob job templates and use successfulJobsHistoryLimit / failedJobsHistoryLimit instead.',
    appliesTo: ['Job', 'CronJob'],
    messages: {
      missing: 'The Job has no ttlSecondsAfterFinished, so it and its pods stay after it finishes.',
      inCronJob: 'The CronJob\'s job template sets ttlSecondsAfterFinished, which competes with its history limits.',
    },
    references: [
      { title: 'Kubernetes: Automatic Cleanup for Finished Jobs', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/' },
      { title: 'Kubernetes: CronJob jobs history limits', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits' },
    ],
    peers: { kubeLinter: ['job-ttl-seconds-after-finished'] },
  },
  check(object) {
    if (object.kind === 'CronJob') {
      const ttl = object.spec?.jobTemplate?.spec?.ttlSecondsAfterFinished;
      return ttl === undefined || ttl === null ? [] : [{ messageId: 'inCronJob', path: 'spec.jobTemplate.spec.ttlSecondsAfterFinished' }];
    }
    if (object.kind !== 'Job') return [];
    if ((object.metadata?.ownerReferences ?? []).some((owner) => owner?.kind === 'CronJob')) return [];
    return typeof object.spec?.ttlSecondsAfterFinished === 'number' ? [] : [{ messageId: 'missing', path: 'spec' }];
  },
});
