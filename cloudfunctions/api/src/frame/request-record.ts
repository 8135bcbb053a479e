/**
 * The request record (idempotency): its id and the fingerprint of what was asked. The id is a one-way
 * hash of `<openid>:<requestId>` so that the record of an anonymous act cannot be recomputed from the
 * roster (the requestId is random and held by the client; docs/anonymity.md).
 */
import { createHash } from 'crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The request record's id for a request key `<openid>:<requestId>`. */
export function requestRecordId(requestKey: string): string {
  return `rq_${sha256(`request\n${requestKey}`)}`;
}

/**
 * What a retry must repeat: the action and the parsed payload, salted with the request key so that the
 * fingerprint of an anonymous act cannot be matched against a guessed payload.
 */
export function requestFingerprint(requestKey: string, action: string, payload: unknown): string {
  return sha256(`fingerprint\n${requestKey}\n${action}\n${stableJson(payload)}`);
}

/** JSON with object keys sorted, so that the same payload always hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
