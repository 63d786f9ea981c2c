import { ruleTester } from '../../testing/index.js';
import { missingResourceCases } from '../../testing/resource-cases.js';
import rule from './cpu-limit-missing.rule.js';

ruleTester(rule).run(missingResourceCases('cpu', 'limits'));
