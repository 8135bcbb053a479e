/**
 * The `remind` chain's lease document (`schedules/remind`): which chain of delayed tasks is the live one
 * (`chainId`), how many links it has run (`seq`), and when its next link is due (`nextAt`). Every change
 * is one conditional write on the values read, so two writers never both win.
 */
import * as z from 'zod/mini';
import { InstantSchema } from '../../../../miniprogram/core/contracts/review';
import type { Db } from '../frame/db';
import { isDuplicateKey } from '../frame/uow';
import { COL } from './collections';
import { getById } from './read';

export const CHAIN_ID = 'remind';

export const ChainDoc = z.object({
  _id: z.literal(CHAIN_ID),
  chainId: z.string().check(z.minLength(1)),
  seq: z.int().check(z.nonnegative()),
  nextAt: InstantSchema,
  armedAt: InstantSchema,
  ranAt: z.nullable(InstantSchema),
});
export type ChainDoc = z.infer<typeof ChainDoc>;

/** The lease document, or null before the first chain was armed (one round trip). */
export const getChain = (db: Db) => getById(db, COL.schedules, ChainDoc, CHAIN_ID);

/** Starts a chain: creates the document, or replaces the lapsed chain it holds; false when another caller won. */
export async function claimChain(db: Db, lapsed: ChainDoc | null, fresh: { chainId: string; nextAt: number; armedAt: number }): Promise<boolean> {
  const doc = { chainId: fresh.chainId, seq: 0, nextAt: fresh.nextAt, armedAt: fresh.armedAt, ranAt: null };
  if (!lapsed) {
    try {
      await db.collection(COL.schedules).add({ data: { _id: CHAIN_ID, ...doc } });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
  const res = (await db.collection(COL.schedules).where({ _id: CHAIN_ID, chainId: lapsed.chainId, seq: lapsed.seq }).update({ data: doc })) as { stats?: { updated: number } };
  return res.stats?.updated === 1;
}

/** Moves the live chain past link `seq` (its next link due at `nextAt`); false when the link is not the live chain's next one. */
export async function advanceChain(db: Db, link: { chainId: string; seq: number }, nextAt: number, ranAt: number): Promise<boolean> {
  const res = (await db.collection(COL.schedules).where({ _id: CHAIN_ID, chainId: link.chainId, seq: link.seq }).update({ data: { seq: link.seq + 1, nextAt, ranAt } })) as { stats?: { updated: number } };
  return res.stats?.updated === 1;
}
