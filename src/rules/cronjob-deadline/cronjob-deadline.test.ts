import { asWorkload, pod, ruleTester } from '../../testing/index.js';
import rule from './cronjob-deadline.rule.js';

const withoutDeadline = () => {
  const object = asWorkload(pod(), 'CronJob') as Record<string, any>;
  delete object.spec.startingDeadlineSeconds;
  return object as any;
};

ruleTester(rule).run({
  valid: [
    asWorkload(pod(), 'CronJob'),
    { name: 'other kinds are not checked', object: asWorkload(pod(), 'Job') },
  ],
  invalid: [
    { name: 'no startingDeadlineSeconds', object: withoutDeadline(), errors: [{ messageId: 'missing', path: 'spec' }] },
    { name: 'a string is not a deadline', object: { ...withoutDeadline(), spec: { ...withoutDeadline().spec, startingDeadlineSeconds: '60' } }, errors: [{ messageId: 'missing' }] },
  ],
});
