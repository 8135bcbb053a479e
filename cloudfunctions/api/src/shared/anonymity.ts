/**
 * The secret side of anonymity (docs/anonymity.md): "one opinion per giver per target per session" is
 * kept by a slot whose id is an HMAC of (tenant, session, target, person) under a key held in the
 * function's configuration (`ANONYMITY_KEY`), never in the database. Whoever holds only the database
 * cannot tell whose slot is whose, nor which opinion a slot belongs to.
 */
import { createHash, createHmac } from 'crypto';
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
