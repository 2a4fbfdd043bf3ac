/**
 * Salesforce record ids: 3-character key prefix, 2-character instance, 1 reserved character, 9-character base-62
 * record number (15 characters, case-sensitive), plus a 3-character suffix that encodes the case of the first 15
 * (18 characters, case-insensitive). The local org stores and answers 18-character ids and accepts both forms.
 */
import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Instance and reserved characters of every id this org mints ("5L" stands for local). */
const INSTANCE = '5L0';

const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{18}$/;

/** The 3-character case-safe suffix of a 15-character id. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let position = 0; position < 5; position++) {
      const char = id15.charCodeAt(chunk * 5 + position);
      if (char >= 65 && char <= 90) bits |= 1 << position;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Converts a 15-character id to its 18-character form (18-character ids are returned in canonical case). */
export function to18(id: string): string {
  if (ID15.test(id)) return id + caseSafeSuffix(id);
  const canonical = canonicalize18(id);
  if (canonical === undefined) throw new Error(`Not a Salesforce id: ${id}`);
  return canonical;
}

/**
 * Restores the case of an 18-character id whose letters may have been upper- or lower-cased (the suffix says which
 * of the first 15 characters are capitals); undefined when the suffix does not match any casing.
 */
function canonicalize18(id: string): string | undefined {
  if (!ID18.test(id)) return undefined;
  const suffix = id.slice(15).toUpperCase();
  let body = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk]);
    if (bits < 0) return undefined;
    for (let position = 0; position < 5; position++) {
      const char = id[chunk * 5 + position];
      const upper = (bits & (1 << position)) !== 0;
      if (/[A-Za-z]/.test(char)) body += upper ? char.toUpperCase() : char.toLowerCase();
      else if (upper) return undefined;
      else body += char;
    }
  }
  return body + suffix;
}

/** The canonical 18-character id for a 15- or 18-character input, or undefined when it is not an id at all. */
export function normalizeId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (ID15.test(value)) return value + caseSafeSuffix(value);
  return canonicalize18(value);
}

/** Encodes a record number as 9 base-62 characters. */
function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** Mints the 18-character id of record number `sequence` (1, 2, ...) of the object with `keyPrefix`. */
export function makeId(keyPrefix: string, sequence: number): string {
  const id15 = keyPrefix + INSTANCE + base62(sequence, 9);
  return id15 + caseSafeSuffix(id15);
}

/** `length` random base-62 characters from a cryptographic source, for tokens and query locators. */
export function randomBase62(length: number): string {
  // 248 = 4 * 62: bytes at or above it are skipped so that every character is equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
