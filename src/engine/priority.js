// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { LEVELS, PRIORITY_MATRIX } from './constants.js';
import { describe } from './checks.js';
/** @typedef {import('./types.js').Level} Level */
/** @typedef {import('./types.js').Priority} Priority */

// ---------------------------------------------------------------------------------------------------------------------
// Priority
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Priority from the impact x urgency matrix: High/High P1; High/Medium and Medium/High P2; High/Low, Medium/Medium
 * and Low/High P3; the rest P4.
 * @param {Level} impact
 * @param {Level} urgency
 * @returns {Priority}
 */
export function priorityFor(impact, urgency) {
  for (const [name, value] of /** @type {const} */ ([
    ['impact', impact],
    ['urgency', urgency]
  ])) {
    if (!LEVELS.includes(value)) {
      throw new RangeError(`priorityFor: ${name} must be one of ${LEVELS.join(', ')}, got ${describe(value)}`);
    }
  }
  return PRIORITY_MATRIX[impact][urgency];
}
