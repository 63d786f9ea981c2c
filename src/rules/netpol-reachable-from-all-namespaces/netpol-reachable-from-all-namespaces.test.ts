import { fromYaml, ruleTester } from '../../testing/index.js';
import rule from './netpol-reachable-from-all-namespaces.rule.js';

const [api, ...apiPolicies] = fromYaml(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api:1, ports: [{containerPort: 8080, name: http}]}]}
`);

const allNamespaces = fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{namespaceSelector: {}}]
    ports: [{port: http}]
`);

const noFrom = fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: 8080}]
`);

const frontendOnly = fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: frontend}}}]
`);

const allPodsOfSomeNamespaces = fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {team: web}}}]
`);

ruleTester(rule).run({
  valid: [
    { name: 'no policy at all is another rule\'s concern', object: api, objects: apiPolicies },
    { name: 'only frontend pods of web namespaces', object: api, objects: frontendOnly },
    { name: 'all pods of labelled namespaces only', object: api, objects: allPodsOfSomeNamespaces },
    { name: 'policies are not workloads', object: allNamespaces[0], objects: [api, ...allNamespaces] },
  ],
  invalid: [
    { name: 'namespaceSelector {} on a named port', object: api, objects: allNamespaces, errors: [{ messageId: 'fromAllNamespaces' }] },
    { name: 'ingress rule without from', object: api, objects: noFrom, errors: [{ messageId: 'fromAllNamespaces' }] },
    { name: 'unprotected workload with includeUnprotected', object: api, objects: [], options: { includeUnprotected: true }, errors: [{ messageId: 'fromAllNamespaces' }] },
  ],
});
