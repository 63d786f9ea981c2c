import { fromYaml, ruleTester } from '../../testing/index.js';
import rule from './netpol-reachable-from-internet.rule.js';

const [web] = fromYaml(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
`);

const policy = (from: string) => fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - ${from}
    ports: [{port: 443}]
`);

ruleTester(rule).run({
  valid: [
    { name: 'no policy at all is another rule\'s concern', object: web, objects: [] },
    { name: 'one office range', object: web, objects: policy('from: [{ipBlock: {cidr: 203.0.113.0/24}}]') },
    { name: 'everything but private ranges is still not everything', object: web, objects: policy('from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]') },
    { name: 'pods only', object: web, objects: policy('from: [{namespaceSelector: {}}]') },
  ],
  invalid: [
    { name: 'ipBlock 0.0.0.0/0', object: web, objects: policy('from: [{ipBlock: {cidr: 0.0.0.0/0}}]'), errors: [{ messageId: 'fromInternet' }] },
    { name: 'two ipBlocks that cover the whole space', object: web, objects: policy('from: [{ipBlock: {cidr: 0.0.0.0/1}}, {ipBlock: {cidr: 128.0.0.0/1}}]'), errors: [{ messageId: 'fromInternet' }] },
    { name: 'rule without from', object: web, objects: policy('from: []'), errors: [{ messageId: 'fromInternet' }] },
    { name: 'unprotected workload with includeUnprotected', object: web, objects: [], options: { includeUnprotected: true }, errors: [{ messageId: 'fromInternet' }] },
  ],
});
