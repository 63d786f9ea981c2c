/**
 * An OpenShift SecurityContextConstraints object with allowPrivilegedContainer lets every pod admitted under it run
 * privileged. Restricted fields: SecurityContextConstraints allowPrivilegedContainer.   Allowed values: false, unset.
 * Source: kube-linter scc-deny-privileged-container.
 */
import { defineRule } from '../../core/engine/define-rule.js';

export default defineRule({
  id: 'openshift-scc-privileged',
  meta: {
    title: 'OpenShift SCCs should not allow privileged containers',
    category: 'privilege',
    severity: 'high',
    description: 'Every user and service account that may use an SCC with allowPrivilegedContainer can run privileged containers, which own their node.',
    remediation: 'Set allowPrivilegedContainer to false, or grant the built-in privileged SCC only to the few service accounts that need it.',
    appliesTo: ['SecurityContextConstraints'],
    messages: { privileged: 'SecurityContextConstraints {{name}} allows privileged containers.' },
    references: [
      { title: 'OpenShift documentation: Managing security context constraints', url: 'https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html' },
      { title: 'MITRE ATT&CK T1611 Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
    ],
    peers: { kubeLinter: ['scc-deny-privileged-container'] },
  },
  check(object) {
    if (object.kind !== 'SecurityContextConstraints' || object.allowPrivilegedContainer !== true) return [];
    return [{ messageId: 'privileged', path: 'allowPrivilegedContainer', data: { name: object.metadata?.name } }];
  },
});
