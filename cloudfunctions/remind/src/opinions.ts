/**
 * OPINION_DUE (docs/anonymity.md, "Reminders"): the people a session asks for opinions who have not yet
 * given one on every target they were asked about, 3 and 1 days before its opinion deadline. Whether
 * someone gave is read from their slots — the named slot (a plain hash) and the anonymous one (an HMAC
 * under `ANONYMITY_KEY`) — so the function needs the same key as `api`. Without it nobody is reminded:
 * reminding everyone asked would nag the anonymous givers, and guessing would be worse.
 */
import { givenOnEveryTarget, opinionDeadlineOf } from '../../../miniprogram/core/domain/opinion-givers';
import { askedSlotIds, boundPersonsInOrgs, sessionsWithOpinionDeadline, takenSlotIds, type CampaignDoc, type Db } from '../../api/src/kernel';
import type { DueReminder } from '../../../miniprogram/core/domain/owed';

/** The opinion reminders due when an opinion deadline is one of `days`; none without the anonymity key. */
export async function dueOpinionReminders(db: Db, campaigns: readonly CampaignDoc[], days: readonly string[], key: string | null): Promise<DueReminder[]> {
  const sessions = await sessionsWithOpinionDeadline(db, campaigns.map((c) => c._id), days);
  if (!sessions.length) return [];
  if (!key) {
    // A configuration error worth a line in the console's log: the reminder cannot tell who gave anonymously.
    console.warn('remind: ANONYMITY_KEY is not set, so no OPINION_DUE reminder is sent (set the same key as the api function)');
    return [];
  }
  // Everyone who may be asked: the bound people of the sessions' opinion orgs, one query per tenant.
  const orgsOf = new Map<string, Set<string>>();
  for (const s of sessions) orgsOf.set(s.tenantId, new Set([...(orgsOf.get(s.tenantId) ?? []), ...s.opinionOrgIds]));
  const persons = (await Promise.all([...orgsOf].map(([tenantId, orgs]) => boundPersonsInOrgs(db, tenantId, [...orgs])))).flat().filter((p) => !p.left);

  // Each asked (session, person) with both slot ids of every target they are asked about.
  const asked = sessions.flatMap((s) =>
    persons
      .filter((p) => p.tenantId === s.tenantId)
      .map((p) => ({ s, p, slots: askedSlotIds(s, { personId: p._id, orgId: p.orgId, secretaryOf: p.secretaryOf }, key) }))
      .filter((a) => a.slots.length > 0),
  );
  const taken = await takenSlotIds(db, asked.flatMap((a) => a.slots.flat()));
  return asked
    .filter((a) => !givenOnEveryTarget(a.slots, taken))
    .map(({ s, p }) => ({ tenantId: s.tenantId, personId: p._id, facts: { kind: 'OPINION_DUE', reviewerName: s.reviewerName, sessionId: s._id, deadline: opinionDeadlineOf(s) } }));
}
