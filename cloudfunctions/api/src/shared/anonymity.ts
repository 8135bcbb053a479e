/**
 * The secret side of anonymity (docs/anonymity.md): "one opinion per giver per target per session" is
 * kept by a slot whose id is an HMAC of (tenant, session, target, person) under a key held in the
 * function's configuration (`ANONYMITY_KEY`), never in the database. Whoever holds only the database
 * cannot tell whose slot is whose, nor which opinion a slot belongs to.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'crypto';
import { AppError } from '../frame/errors';

/** The function's anonymity key, or a clear refusal when it is not configured. */
export function anonymityKey(): string {
  const key = process.env.ANONYMITY_KEY;
  if (!key || key.length < 32) throw new AppError('OPINION.ANONYMITY_UNAVAILABLE');
  return key;
}

/** SHA-256 of the withdraw key the giver's device chose; only the hash is kept on the opinion. */
export function withdrawKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The id of a giver's slot on one target of one session. */
export function opinionSlotId(key: string, slot: { tenantId: string; sessionId: string; target: string; personId: string }): string {
  // 160 bits of the HMAC: ids stay within the 64 characters every id may have.
  return `os_${createHmac('sha256', key).update(['slot', slot.tenantId, slot.sessionId, slot.target, slot.personId].join('\n')).digest('hex').slice(0, 40)}`;
}

/**
 * What a slot keeps of the opinion in it: an HMAC of the opinion's withdraw-key hash (or its id when
 * named), so that the slot can be freed by its own opinion's withdrawal but cannot be joined to it
 * without the key.
 */
export function opinionSlotTag(key: string, opinionRef: string): string {
  return createHmac('sha256', key).update(`tag\n${opinionRef}`).digest('hex');
}

/** The function's anonymity key, or null when it is not configured (callers that can do without it decide). */
export function anonymityKeyOrNull(env: NodeJS.ProcessEnv = process.env): string | null {
  const key = env.ANONYMITY_KEY;
  return key && key.length >= 32 ? key : null;
}

/** The id of a giver's named slot: a plain hash, because a named opinion names its author anyway. */
export function namedOpinionSlotId(slot: { tenantId: string; sessionId: string; target: string; personId: string }): string {
  return `os_n_${createHash('sha256').update(['named', slot.tenantId, slot.sessionId, slot.target, slot.personId].join('\n')).digest('hex').slice(0, 40)}`;
}

/**
 * The ledger id of a reminder whose existence would tell who has not given opinions (OPINION_DUE):
 * an HMAC of (openid, kind, day), so without the key a row names nobody, and one person's rows of
 * different days cannot be joined to each other.
 */
export function keyedReminderId(key: string, openid: string, kind: string, day: string): string {
  return `rk_${createHmac('sha256', key).update(['reminder', openid, kind, day].join('\n')).digest('hex').slice(0, 40)}`;
}

/** AES-256-GCM key for sealed reminder rows, derived from the anonymity key (never the key itself). */
const sealKey = (key: string) => createHmac('sha256', key).update('reminder-seal').digest();

/**
 * Sealed plaintext is padded to a multiple of this many bytes: the length of a sealed value must not
 * tell which session (whose reviewer's name, which page) it is about. A keyed reminder's payload is a
 * few hundred bytes, so every one seals to the same length.
 */
export const SEAL_BLOCK = 1024;

/** Encrypts what a keyed reminder row must keep (its screen, line and item), padded to a fixed size, so the row says nothing without the key. */
export function sealValue(key: string, value: unknown): string {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  // Trailing spaces are JSON whitespace: unsealing parses the padded text as it is.
  const padded = Buffer.alloc(Math.max(1, Math.ceil(json.length / SEAL_BLOCK)) * SEAL_BLOCK, 0x20);
  json.copy(padded);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(key), iv);
  const body = Buffer.concat([cipher.update(padded), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

/** Decrypts a sealed value; null when it was sealed under another key or altered. */
export function unsealValue(key: string, sealed: string): unknown {
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', sealKey(key), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
}
