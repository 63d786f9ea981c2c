import { ruleTester } from '../../testing/index.js';
import { missingResourceCases } from '../../testing/resource-cases.js';
import rule from './memory-limit-missing.rule.js';

ruleTester(rule).run(missingResourceCases('memory', 'limits'));
