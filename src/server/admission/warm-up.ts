/**
 * Warm-up before readiness. A fresh process runs the checks, Pod Security and the compiled CEL programs in V8's
 * interpreter and baseline tiers for its first few thousand reviews, with a tail latency several times the steady
 * state's; the API server sends a replica traffic as soon as it is ready, so right after every rollout. Each serving
 * process therefore first answers a sample review (a hardened pod) in a namespace at Pod Security `restricted`,
 * through an app of its own: the same code, so V8 optimises it, but its own evaluator with a fixed namespace cache
 * (no API calls) and no metrics or logs (nothing is counted).
 */
import { createAdmissionApp } from './app.js';
import { createAdmissionEvaluator } from './evaluate.js';
import { staticNamespaces } from './namespaces.js';
import { podReviewIn } from './sample-reviews.js';
import type { AdmissionSettings } from './settings.js';

/** A namespace name no cluster has (namespace names cannot contain `_`). */
const WARM_UP_NAMESPACE = 'kubeward_warm_up';

export interface WarmUpResult {
  reviews: number;
  ms: number;
}

export async function warmUp(settings: AdmissionSettings, reviews: number, monotonicMs: () => number = () => performance.now()): Promise<WarmUpResult> {
  const started = monotonicMs();
  if (reviews <= 0) return { reviews: 0, ms: 0 };
  const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' };
  const namespaces = staticNamespaces({ [WARM_UP_NAMESPACE]: restricted }, 'warm-up');
  const app = createAdmissionApp({ evaluator: createAdmissionEvaluator(settings, { namespaces }), ready: () => true });
  // The common case only, an admitted pod: it runs every check, Pod Security and every policy. Mixing in a denied
  // pod and a Deployment made the bench's steady state 8 % slower (more polymorphic code) and the first seconds no faster.
  const body = Buffer.from(JSON.stringify(podReviewIn(WARM_UP_NAMESPACE)));
  for (let i = 0; i < reviews; i++) {
    const response = await app.handle({ method: 'POST', url: '/validate', headers: {}, body });
    if (response.status !== 200) throw new Error(`warm-up review answered ${response.status}: ${response.body.slice(0, 200)}`);
  }
  return { reviews, ms: Math.round(monotonicMs() - started) };
}
