/**
 * Without startingDeadlineSeconds, a CronJob that missed more than 100 schedules (controller down, suspended,
 * clock skew) stops being scheduled at all.
 * Restricted fields: CronJob spec.startingDeadlineSeconds
 * Allowed values: a number of seconds.
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'cronjob-deadline',
  meta: {
    title: 'CronJobs should set startingDeadlineSeconds',
    category: 'reliability',
    severity: 'low',
    description: 'A CronJob without a starting deadline counts every missed schedule since its last run; after more than 100 the controller stops starting it.',
    remediation: 'Set spec.startingDeadlineSeconds to how late a run may still start.',
    appliesTo: ['CronJob'],
    messages: { missing: 'The CronJob has no startingDeadlineSeconds.' },
    references: [
      { title: 'Kubernetes: CronJob limitations (100 missed schedules)', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#cron-job-limitations' },
    ],
    peers: { kubeScore: ['cronjob-has-deadline'] },
  },
  check(object) {
    if (object.kind !== 'CronJob') return [];
    return typeof object.spec?.startingDeadlineSeconds === 'number' ? [] : [{ messageId: 'missing', path: 'spec' }];
  },
});
