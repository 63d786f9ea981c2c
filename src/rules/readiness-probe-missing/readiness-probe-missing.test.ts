import { ruleTester } from '../../testing/index.js';
import { missingProbeCases } from '../../testing/probe-cases.js';
import rule from './readiness-probe-missing.rule.js';

ruleTester(rule).run(missingProbeCases('readinessProbe', 'readiness'));
