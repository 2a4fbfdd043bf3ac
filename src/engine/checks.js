// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { PRIORITIES } from './constants.js';
/** @typedef {import('./types.js').Priority} Priority */

// ---------------------------------------------------------------------------------------------------------------------
// Argument checks
// ---------------------------------------------------------------------------------------------------------------------

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number} epoch ms
 */
export function instantMs(value, fn, name) {
  if (!(value instanceof Date)) {
    throw new TypeError(`${fn}: ${name} must be a Date, got ${describe(value)}`);
  }
  const ms = value.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`${fn}: ${name} is an invalid Date`);
  }
  return ms;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number|null}
 */
export function optionalInstantMs(value, fn, name) {
  return value === undefined || value === null ? null : instantMs(value, fn, name);
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number} a finite number >= 0
 */
export function nonNegativeNumber(value, fn, name) {
  if (typeof value !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {Record<string, any>}
 */
export function objectArg(value, fn, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${fn}: ${name} must be an object, got ${describe(value)}`);
  }
  return /** @type {Record<string, any>} */ (value);
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {any[]}
 */
export function arrayArg(value, fn, name) {
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: ${name} must be an array, got ${describe(value)}`);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {Priority}
 */
export function priorityArg(value, fn, name) {
  if (typeof value !== 'string' || !PRIORITIES.includes(/** @type {Priority} */ (value))) {
    throw new RangeError(`${fn}: ${name} must be one of ${PRIORITIES.join(', ')}, got ${describe(value)}`);
  }
  return /** @type {Priority} */ (value);
}

/** @param {unknown} value */
export function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

// ---------------------------------------------------------------------------------------------------------------------
// Budget, effort and cost
// ---------------------------------------------------------------------------------------------------------------------

/** @param {number} value */
export function round2(value) {
  return Math.round(value * 100) / 100;
}
