import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './job-ttl.rule.js';

const job = (change?: (o: Record<string, any>) => void) => {
  const object = asWorkload(pod(), 'Job') as Record<string, any>;
  change?.(object);
  return object as any;
};
const cronJob = (change?: (o: Record<string, any>) => void) => {
  const object = asWorkload(pod(), 'CronJob') as Record<string, any>;
  change?.(object);
  return object as any;
};

ruleTester(rule).run({
  valid: [
    job(),
    cronJob(),
    { name: 'a Job created by a CronJob', object: job((o) => { delete o.spec.ttlSecondsAfterFinished; o.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', controller: true }]; }) },
    { name: 'other kinds', object: asWorkload(pod(), 'Deployment') },
  ],
  invalid: [
    { name: 'a standalone Job without TTL', object: job((o) => { delete o.spec.ttlSecondsAfterFinished; }), errors: [{ messageId: 'missing', path: 'spec' }] },
    { name: 'a CronJob template with a TTL', object: cronJob((o) => { o.spec.jobTemplate.spec.ttlSecondsAfterFinished = 60; }), errors: [{ messageId: 'inCronJob', path: 'spec.jobTemplate.spec.ttlSecondsAfterFinished' }] },
  ],
});
