/**
 * `kubeward policy test`: runs gator-verify Suites (test.gatekeeper.sh/v1alpha1, gatekeeper pkg/gator/verify)
 * and kubeward PolicyTests (kubeward.io/v1alpha1) and reports one result per case. Pure: files are read
 * through the reader the caller passes, with paths relative to the test file.
 */
import path from 'node:path';
import { isObject, type K8sObject } from '../core/k8s/object.js';
import { parseManifests } from '../core/yaml/parse.js';
import { isAdmissionReview, reviewOfAdmissionReview, reviewOfObject, type AdmissionInput, type Operation } from './admission.js';
import { re2 } from './cel/re2.js';
import { ENFORCEMENT_POINTS, schemaErrors } from './gatekeeper.js';
import type { AdmissionVerdict } from './model.js';
import { evaluateAdmission, loadPolicySet, REGO_NOT_SUPPORTED, type PolicySet } from './policy-set.js';

export type CaseStatus = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  /** `suite file › test › case`. */
  id: string;
  status: CaseStatus;
  /** Why a case failed or was skipped. */
  reason?: string;
}

export interface TestFileResult {
  file: string;
  kind: 'Suite' | 'PolicyTest';
  cases: CaseResult[];
}

/** Reads a file's text; throws when it cannot. */
export type ReadText = (file: string) => Promise<string>;

export const SUITE_API_VERSION = 'test.gatekeeper.sh/v1alpha1';
export const POLICY_TEST_API_VERSION = 'kubeward.io/v1alpha1';

/** Does this YAML text hold a test file this runner knows? Files without the kind are ignored, as gator does. */
export function testKindOf(text: string): 'Suite' | 'PolicyTest' | undefined {
  if (/(^|[{,\s])["']?kind["']?\s*:\s*["']?Suite["']?\s*($|[,}])/m.test(text) && text.includes(SUITE_API_VERSION)) return 'Suite';
  if (/(^|[{,\s])["']?kind["']?\s*:\s*["']?PolicyTest["']?\s*($|[,}])/m.test(text) && text.includes(POLICY_TEST_API_VERSION)) return 'PolicyTest';
  return undefined;
}

class CaseError extends Error {}

function objectsOf(text: string, file: string): K8sObject[] {
  const parsed = parseManifests(text, file);
  const problem = parsed.diagnostics.find((d) => d.level !== 'warning');
  if (problem) throw new CaseError(problem.message);
  return parsed.objects.map((o) => o.object);
}

async function readObjects(read: ReadText, base: string, relative: unknown, what: string): Promise<K8sObject[]> {
  if (typeof relative !== 'string' || relative === '') throw new CaseError(`${what}: no file given`);
  if (path.isAbsolute(relative)) throw new CaseError(`${what}: absolute paths are not allowed (${relative})`);
  const file = path.join(base, relative);
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    throw new CaseError(`${what}: cannot read ${relative}: ${(error as Error).message}`);
  }
  return objectsOf(text, file);
}

async function readOne(read: ReadText, base: string, relative: unknown, what: string): Promise<K8sObject> {
  const objects = await readObjects(read, base, relative, what);
  if (objects.length !== 1) throw new CaseError(`${what}: ${String(relative)} must hold exactly one object, found ${objects.length}`);
  return objects[0];
}

function reviewOf(object: K8sObject, operation: Operation | ''): AdmissionInput {
  if (!isAdmissionReview(object)) return reviewOfObject(object, { operation });
  try {
    return reviewOfAdmissionReview(object);
  } catch (error) {
    throw new CaseError((error as Error).message);
  }
}

function setupErrors(set: PolicySet): string | undefined {
  if (set.regoOnlyKinds.size > 0) return `${REGO_NOT_SUPPORTED} (template ${[...set.regoOnlyKinds].join(', ')} has no K8sNativeValidation code)`;
  const errors = set.diagnostics.filter((d) => d.level !== 'warning');
  return errors.length > 0 ? errors.map((d) => d.message).join('; ') : undefined;
}

/** gator's `violations`: yes (at least one), no (none), or an exact count. YAML 1.1 reads yes/no as booleans. */
function expectedViolations(value: unknown): { kind: 'yes' | 'no' } | { kind: 'count'; count: number } {
  if (value === undefined || value === true || value === 'yes') return { kind: 'yes' };
  if (value === false || value === 'no') return { kind: 'no' };
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'count', count: value };
  if (typeof value === 'string' && /^\d+$/.test(value)) return { kind: 'count', count: Number(value) };
  throw new CaseError(`assertion violations must be yes, no or a count, not ${JSON.stringify(value)}`);
}

function checkAssertions(assertions: unknown, verdict: AdmissionVerdict): string | undefined {
  const messages = verdict.results.map((r) => r.message);
  const list = Array.isArray(assertions) ? assertions : [];
  if (list.length === 0) {
    return messages.length === 0 ? undefined : `expected no violations, got ${messages.length}: ${messages.join(' | ')}`;
  }
  for (const assertion of list) {
    if (!isObject(assertion)) throw new CaseError('an assertion must be a map');
    const expected = expectedViolations(assertion.violations);
    let matching = messages;
    if (assertion.message !== undefined) {
      const pattern = re2(String(assertion.message));
      matching = messages.filter((m) => pattern.test(m));
    }
    const about = assertion.message !== undefined ? ` matching /${assertion.message}/` : '';
    const got = `got ${matching.length}${messages.length > 0 ? ` (${messages.join(' | ')})` : ''}`;
    if (expected.kind === 'yes' && matching.length === 0) return `expected violations${about}, ${got}`;
    if (expected.kind === 'no' && matching.length > 0) return `expected no violations${about}, ${got}`;
    if (expected.kind === 'count' && matching.length !== expected.count) return `expected ${expected.count} violations${about}, ${got}`;
  }
  return undefined;
}

async function runSuite(suite: Record<string, any>, file: string, read: ReadText, filter: RegExp | undefined): Promise<CaseResult[]> {
  const base = path.dirname(file);
  const results: CaseResult[] = [];
  const suiteSkipped = suite.skip === true;
  for (const [t, test] of (Array.isArray(suite.tests) ? suite.tests : []).entries()) {
    const testName = String(test?.name ?? `test ${t + 1}`);
    const cases: Array<Record<string, any>> = Array.isArray(test?.cases) ? test.cases : [];
    const idOf = (caseName: string) => `${file} › ${testName} › ${caseName}`;
    const selected = cases.map((c, i) => ({ c, name: String(c?.name ?? `case ${i + 1}`) })).filter(({ name }) => !filter || filter.test(`${testName}/${name}`));
    if (suiteSkipped || test?.skip === true) {
      results.push(...selected.map(({ name }) => ({ id: idOf(name), status: 'skip' as const, reason: 'skipped by the suite' })));
      continue;
    }
    let set: PolicySet;
    try {
      const template = await readOne(read, base, test?.template, 'template');
      const constraint = await readOne(read, base, test?.constraint, 'constraint');
      set = loadPolicySet([template, constraint]);
      if (test?.invalid === true) {
        const templateRecord = set.templates.get(constraint.kind);
        const invalid = set.constraints.length === 0 || schemaErrors(templateRecord?.parametersSchema, constraint.spec?.parameters).length > 0;
        results.push({ id: `${file} › ${testName}`, status: invalid ? 'pass' : 'fail', ...(invalid ? {} : { reason: 'expected the constraint to be invalid against the template schema' }) });
        continue;
      }
      const problem = setupErrors(set) ?? schemaErrors(set.templates.get(constraint.kind)?.parametersSchema, constraint.spec?.parameters).join('; ');
      if (problem) throw new CaseError(problem);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      results.push(...selected.map(({ name }) => ({ id: idOf(name), status: 'fail' as const, reason: error.message })));
      continue;
    }
    for (const { c, name } of selected) {
      if (c.skip === true) {
        results.push({ id: idOf(name), status: 'skip', reason: 'skipped by the suite' });
        continue;
      }
      try {
        const object = await readOne(read, base, c.object, 'object');
        const inventory = (await Promise.all((Array.isArray(c.inventory) ? c.inventory : []).map((f: unknown) => readObjects(read, base, f, 'inventory')))).flat();
        const namespaces = new Map(inventory.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata?.name ?? '', o]));
        const verdict = evaluateAdmission(set, reviewOf(object, ''), { enforcementPoint: ENFORCEMENT_POINTS.gator, namespaces: (n) => namespaces.get(n), paramObjects: inventory });
        const failure = checkAssertions(c.assertions, verdict);
        results.push({ id: idOf(name), status: failure ? 'fail' : 'pass', ...(failure ? { reason: failure } : {}) });
      } catch (error) {
        if (!(error instanceof CaseError)) throw error;
        results.push({ id: idOf(name), status: 'fail', reason: error.message });
      }
    }
  }
  return results;
}

const EXPECTATIONS = new Set(['allow', 'deny', 'warn', 'audit']);

/** Checks a kubeward case expectation against a verdict; returns the failure, if any. */
export function checkExpectation(expect: unknown, message: unknown, verdict: AdmissionVerdict): string | undefined {
  if (typeof expect !== 'string' || !EXPECTATIONS.has(expect)) throw new CaseError(`expect must be one of allow, deny, warn, audit, not ${JSON.stringify(expect)}`);
  const audits = verdict.results.filter((r) => r.actions.includes('audit')).map((r) => r.message);
  const actual = !verdict.allowed ? 'deny' : verdict.warnings.length > 0 ? 'warn' : audits.length > 0 ? 'audit' : 'allow';
  const said = [verdict.status?.message, ...verdict.warnings, ...audits].filter(Boolean).join(' | ');
  if (actual !== expect) return `expected ${expect}, got ${actual}${said ? `: ${said}` : ''}`;
  if (message === undefined) return undefined;
  const pattern = re2(String(message));
  const candidates = expect === 'deny' ? [verdict.status?.message ?? ''] : expect === 'warn' ? verdict.warnings : audits;
  return candidates.some((m) => pattern.test(m)) ? undefined : `expected a ${expect} message matching /${String(message)}/, got: ${said || 'none'}`;
}

async function runPolicyTest(test: Record<string, any>, file: string, read: ReadText, filter: RegExp | undefined): Promise<CaseResult[]> {
  const base = path.dirname(file);
  const name = String(test.metadata?.name ?? path.basename(file));
  const cases: Array<Record<string, any>> = Array.isArray(test.cases) ? test.cases : [];
  const selected = cases.map((c, i) => ({ c, caseName: String(c?.name ?? `case ${i + 1}`) })).filter(({ caseName }) => !filter || filter.test(`${name}/${caseName}`));
  const idOf = (caseName: string) => `${file} › ${name} › ${caseName}`;
  let set: PolicySet;
  try {
    const files = [...(Array.isArray(test.policies) ? test.policies : []), ...(Array.isArray(test.resources) ? test.resources : [])];
    if (!Array.isArray(test.policies) || test.policies.length === 0) throw new CaseError('policies: list at least one policy file');
    const objects = (await Promise.all(files.map((f: unknown) => readObjects(read, base, f, 'policies')))).flat();
    set = loadPolicySet(objects, { kubernetesVersion: typeof test.kubernetesVersion === 'string' ? test.kubernetesVersion : undefined });
    const problem = setupErrors(set);
    if (problem) throw new CaseError(problem);
  } catch (error) {
    if (!(error instanceof CaseError) && !(error instanceof Error && /invalid Kubernetes version/.test(error.message))) throw error;
    return selected.map(({ caseName }) => ({ id: idOf(caseName), status: 'fail' as const, reason: (error as Error).message }));
  }
  const results: CaseResult[] = [];
  for (const { c, caseName } of selected) {
    if (c.skip === true) {
      results.push({ id: idOf(caseName), status: 'skip', reason: 'skipped by the test file' });
      continue;
    }
    try {
      const load = async (value: unknown, what: string) => (isObject(value) ? (value as K8sObject) : readOne(read, base, value, what));
      const object = await load(c.object, 'object');
      const operation = (c.operation ?? (c.oldObject !== undefined ? 'UPDATE' : 'CREATE')) as Operation;
      if (!['CREATE', 'UPDATE', 'DELETE', 'CONNECT'].includes(operation)) throw new CaseError(`operation must be CREATE, UPDATE, DELETE or CONNECT, not ${JSON.stringify(operation)}`);
      let input: AdmissionInput;
      if (isAdmissionReview(object)) input = reviewOf(object, operation);
      else if (operation === 'DELETE') input = { ...reviewOfObject(object, { operation }), object: null, oldObject: object };
      else input = reviewOfObject(object, { operation, oldObject: c.oldObject !== undefined ? await load(c.oldObject, 'oldObject') : null });
      const verdict = evaluateAdmission(set, input, { enforcementPoint: ENFORCEMENT_POINTS.admission });
      const failure = checkExpectation(c.expect, c.message, verdict);
      results.push({ id: idOf(caseName), status: failure ? 'fail' : 'pass', ...(failure ? { reason: failure } : {}) });
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      results.push({ id: idOf(caseName), status: 'fail', reason: error.message });
    }
  }
  return results;
}

export interface RunTestsOptions {
  /** Only cases whose `test/case` (Suite) or `name/case` (PolicyTest) matches this RE2 pattern. */
  run?: string;
}

/** Runs one test file (its text already read). */
export async function runTestFile(file: string, text: string, read: ReadText, options: RunTestsOptions = {}): Promise<TestFileResult | undefined> {
  const kind = testKindOf(text);
  if (!kind) return undefined;
  const filter = options.run ? re2(options.run) : undefined;
  let documents: K8sObject[];
  try {
    documents = objectsOf(text, file);
  } catch (error) {
    return { file, kind, cases: [{ id: file, status: 'fail', reason: (error as Error).message }] };
  }
  const cases: CaseResult[] = [];
  for (const document of documents) {
    if (kind === 'Suite' && document.kind === 'Suite' && document.apiVersion === SUITE_API_VERSION) cases.push(...(await runSuite(document, file, read, filter)));
    if (kind === 'PolicyTest' && document.kind === 'PolicyTest' && document.apiVersion === POLICY_TEST_API_VERSION) cases.push(...(await runPolicyTest(document, file, read, filter)));
  }
  return { file, kind, cases };
}

export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(files: readonly TestFileResult[]): TestSummary {
  const all = files.flatMap((f) => f.cases);
  return {
    passed: all.filter((c) => c.status === 'pass').length,
    failed: all.filter((c) => c.status === 'fail').length,
    skipped: all.filter((c) => c.status === 'skip').length,
  };
}
