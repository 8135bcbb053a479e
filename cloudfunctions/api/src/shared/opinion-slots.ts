/**
 * Whether someone still owes opinions in a session, read from their own slots (docs/anonymity.md): the
 * named slot (a plain hash) and the anonymous one (an HMAC under `ANONYMITY_KEY`) of every target they
 * are asked about. Only reads: nothing is written that would tell who gave. 待办, its in-app reminders
 * and the remind timer ask the same question.
 */
import { targetId } from '../../../../miniprogram/core/contracts/review';
import { givenOnEveryTarget, opinionSubjectsFor, opinionTargetsFor, type OpinionGiver, type OpinionSession } from '../../../../miniprogram/core/domain/opinion-givers';
import type { Db } from '../frame/db';
import { takenSlotIds } from '../repositories/reminders';
import { namedOpinionSlotId, opinionSlotId } from './anonymity';

/** A session as the slot ids need it. */
export type SlotSession = OpinionSession & { _id: string; tenantId: string };

/**
 * Per subject the giver is asked about in `session` (opinionSubjectsFor: a person under two duties once), their
 * named slot ids and, when the key is known, their anonymous ones, on each of its targets.
 */
export function askedSlotIds(session: SlotSession, giver: OpinionGiver, key: string | null): string[][] {
  if (giver.personId === null) return [];
  const personId = giver.personId;
  return opinionSubjectsFor(session, giver).map((subject) =>
    subject.flatMap((t) => {
      const ref = { tenantId: session.tenantId, sessionId: session._id, target: `${t.kind}:${targetId(t)}`, personId };
      return [namedOpinionSlotId(ref), ...(key ? [opinionSlotId(key, ref)] : [])];
    }),
  );
}

/** The ids of the sessions among these in which the giver has not yet given on every subject asked about (one batched slot read). */
export async function sessionsOwingOpinions(db: Db, sessions: readonly SlotSession[], giver: OpinionGiver, key: string | null): Promise<Set<string>> {
  const asked = sessions.map((s) => ({ id: s._id, slots: askedSlotIds(s, giver, key) })).filter((a) => a.slots.length > 0);
  if (!asked.length) return new Set();
  const taken = await takenSlotIds(db, asked.flatMap((a) => a.slots.flat()));
  return new Set(asked.filter((a) => !givenOnEveryTarget(a.slots, taken)).map((a) => a.id));
}

/** Per session among these, the targets of the subjects on which the giver has not given yet (sessions with none left are absent; one batched slot read). */
export async function opinionTargetsOwed(db: Db, sessions: readonly SlotSession[], giver: OpinionGiver, key: string | null): Promise<Map<string, Array<ReturnType<typeof opinionTargetsFor>[number]>>> {
  const asked = sessions.map((s) => ({ id: s._id, subjects: opinionSubjectsFor(s, giver), slots: askedSlotIds(s, giver, key) })).filter((a) => a.slots.length > 0);
  if (!asked.length) return new Map();
  const taken = await takenSlotIds(db, asked.flatMap((a) => a.slots.flat()));
  const out = new Map<string, Array<ReturnType<typeof opinionTargetsFor>[number]>>();
  for (const a of asked) {
    // askedSlotIds lists one entry per subject, in opinionSubjectsFor's order.
    const left = a.subjects.filter((_, i) => !givenOnEveryTarget([a.slots[i]], taken)).flat();
    if (left.length) out.set(a.id, left);
  }
  return out;
}
