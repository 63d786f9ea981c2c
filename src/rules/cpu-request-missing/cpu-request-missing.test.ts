import { ruleTester } from '../../testing/index.js';
import { missingResourceCases } from '../../testing/resource-cases.js';
import rule from './cpu-request-missing.rule.js';

ruleTester(rule).run(missingResourceCases('cpu', 'requests'));
