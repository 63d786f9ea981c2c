import { asWorkload, pod, podSpecPathOf, ruleTester, WORKLOAD_WRAPPERS } from '../../testing/index.js';
import rule from './restart-policy.rule.js';

const withPolicy = (policy: string | undefined) => pod((p) => { if (policy === undefined) delete p.spec.restartPolicy; else p.spec.restartPolicy = policy; });
const inJob = (kind: 'Job' | 'CronJob', policy: string | undefined) => {
  const object = asWorkload(pod(), kind) as Record<string, any>;
  const spec = kind === 'Job' ? object.spec.template.spec : object.spec.jobTemplate.spec.template.spec;
  if (policy === undefined) delete spec.restartPolicy;
  else spec.restartPolicy = policy;
  return object as any;
};
const LONG_RUNNING = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'] as const;

ruleTester(rule).run({
  valid: [
    ...WORKLOAD_WRAPPERS.map((kind) => ({ name: `the minimal pod as a ${kind}`, object: asWorkload(pod(), kind) })),
    { name: 'a bare pod may use Never', object: withPolicy('Never') },
    { name: 'a Job with Never', object: inJob('Job', 'Never') },
    { name: 'a Deployment with an explicit Always', object: asWorkload(withPolicy('Always'), 'Deployment') },
    { name: 'custom resources are not judged', object: asWorkload(withPolicy('Never'), 'Rollout') },
  ],
  invalid: [
    ...LONG_RUNNING.map((kind) => ({
      name: `OnFailure in a ${kind}`,
      object: asWorkload(withPolicy('OnFailure'), kind),
      errors: [{ messageId: 'alwaysRunning', path: `${podSpecPathOf(kind)}.restartPolicy` }],
    })),
    { name: 'a Job without restartPolicy', object: inJob('Job', undefined), errors: [{ messageId: 'runToCompletion', path: 'spec.template.spec' }] },
    { name: 'a CronJob with Always', object: inJob('CronJob', 'Always'), errors: [{ messageId: 'runToCompletion', path: 'spec.jobTemplate.spec.template.spec.restartPolicy' }] },
  ],
});
