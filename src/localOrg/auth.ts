/**
 * Access-token checks. The org has one token (issued with the data directory); requests present it as
 * `Authorization: Bearer|OAuth <token>` (REST) or in the SOAP SessionHeader. Comparison is constant-time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The token an `Authorization: Bearer|OAuth <token>` header carries, if any. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** The session id of the `sid` cookie a browser sends to a Salesforce domain, if any. */
export function sessionCookie(headers: IncomingHttpHeaders): string | undefined {
  const cookie = headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'sid' && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Constant-time comparison of a presented token with the org's (hashing first makes the lengths equal). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
