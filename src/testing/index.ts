/** Test helpers shared by rule, analyser and report tests. */
export { ruleTester, runRule, type InvalidCase, type ValidCase, type ExpectedError } from './rule-tester.js';
export { pod, minimalPod, asWorkload, podSpecPathOf, fromYaml, fromYamlOne, WORKLOAD_WRAPPERS, type WorkloadWrapper } from './fixtures.js';
