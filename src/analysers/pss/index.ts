/**
 * Pod Security Standards exactly as Kubernetes' Pod Security Admission enforces them (policy v1.0 to v1.37):
 * the evaluator, the scanner entry, the offline what-if, and PSA's configuration file parser.
 */
export { analysePodSecurity, describePolicy, NAMESPACE_RULE_IDS, PSS_SOURCE, type PodSecurityOptions } from './analyse.js';
export { parsePodSecurityConfiguration, parsePodSecurityConfigurationText, defaultPodSecurityConfiguration, CONFIG_API_VERSIONS, type PodSecurityConfiguration, type PodSecurityExemptions, type ConfigParseResult } from './config.js';
export {
  createPodSecurityEvaluator, defaultEvaluator, evaluateWorkload, podUnderReview, objectPathOf, formatForbiddenDetail, formatForbiddenReasons,
  violatesMessage, wouldViolateMessage, UNKNOWN_FORBIDDEN_REASON, type PodSecurityEvaluator, type PodSecurityResult, type Violation,
} from './evaluate.js';
export {
  LATEST, LABELS, LEVELS, MODES, formatFieldError, formatLevelVersion, formatVersion, isLevel, parseVersion, policyFromLabels,
  type FieldError, type Level, type LevelVersion, type Mode, type Policy, type PolicyVersion,
} from './levels.js';
export { PSS_CHECKS, compileChecks, validateCheckTable, CheckTableError, type CheckEntry, type VersionedCheck } from './registry.js';
export { whatIfEnforce, type WhatIfReport, type WhatIfNamespace, type WhatIfWorkload, type WhatIfOutcome } from './what-if.js';
export type { CheckMeta, CheckViolation } from './check.js';
