/**
 * Warm-up before readiness. A fresh process runs the checks, Pod Security and the compiled CEL programs in V8's
 * interpreter and baseline tiers for its first few thousand reviews, with a tail latency several times the steady
 * state's; the API server sends a replica traffic as soon as it is ready, so right after every rollout. Each serving
 * process therefore first answers sample reviews (a hardened pod, a privileged pod, a Deployment) in a namespace at
 * Pod Security `restricted`, through an app of its own: the same code, so V8 optimises it, but its own evaluator
 * with a fixed namespace cache (no API calls) and no metrics or logs (nothing is counted).
 */
import { createAdmissionApp } from './app.js';
import { createAdmissionEvaluator } from './evaluate.js';
import { staticNamespaces } from './namespaces.js';
import { deploymentReview, podReviewIn, privilegedPodReview } from './sample-reviews.js';
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
  // Mostly the common case (an admitted pod), with the denial and controller paths in between.
  const bodies = [podReviewIn(WARM_UP_NAMESPACE), podReviewIn(WARM_UP_NAMESPACE), podReviewIn(WARM_UP_NAMESPACE), privilegedPodReview(WARM_UP_NAMESPACE), deploymentReview(WARM_UP_NAMESPACE)]
    .map((review) => Buffer.from(JSON.stringify(review)));
  for (let i = 0; i < reviews; i++) {
    const response = await app.handle({ method: 'POST', url: '/validate', headers: {}, body: bodies[i % bodies.length] });
    if (response.status !== 200) throw new Error(`warm-up review answered ${response.status}: ${response.body.slice(0, 200)}`);
  }
  return { reviews, ms: Math.round(monotonicMs() - started) };
}
