/**
 * The session card's calls to WeChat (docs/updatable-card.md): `updatableMessage.createActivityId` when a
 * secretary shares the card, `updatableMessage.setUpdatableMsg` as reports come in and when the notice is
 * published. Both are cloud calls (`config.json` lists them under permissions.openapi). An update is
 * best-effort: a card that cannot be updated must never fail the report or the publication, so failures are
 * logged and swallowed here.
 */
import { targetId } from '../../../../miniprogram/core/contracts/review';
import { cardAlive, cardProgress, cardUpdateFor, reportsGiven, sessionCardPath, SESSION_CARD_TEMPLATE_ID, type CardUpdate } from '../../../../miniprogram/core/domain/session-card';
import type { Cloud, Db } from '../frame/db';
import { listSessionReports } from '../repositories/work';
import type { ReportDoc, SessionDoc } from '../repositories/work-docs';

interface UpdatableMessageApi {
  createActivityId(req?: Record<string, never>): Promise<{ activityId?: string; expirationTime?: number }>;
  setUpdatableMsg(req: { activityId: string; targetState: number; templateInfo: { parameterList: Array<{ name: string; value: string }> } }): Promise<unknown>;
}

const updatable = (cloud: Cloud) => (cloud.openapi as unknown as { updatableMessage: UpdatableMessageApi }).updatableMessage;

/** A new activity for a card: its id and WeChat's expiration time (throws when WeChat refuses). */
export async function createCardActivity(cloud: Cloud): Promise<{ activityId: string; expirationTime?: number }> {
  const res = await updatable(cloud).createActivityId();
  if (!res || typeof res.activityId !== 'string' || !res.activityId) throw new Error('createActivityId answered no activityId');
  return { activityId: res.activityId, expirationTime: res.expirationTime };
}

/** Sends a card's new state to WeChat; logs and returns false when it could not (never throws). */
export async function sendCardUpdate(cloud: Cloud, activityId: string, update: CardUpdate): Promise<boolean> {
  try {
    await updatable(cloud).setUpdatableMsg({ activityId, targetState: update.targetState, templateInfo: { parameterList: update.parameterList } });
    return true;
  } catch (err) {
    console.warn('[api] session card: setUpdatableMsg failed; the card keeps its last state', activityId, err);
    return false;
  }
}

/** State 0 of a session's card: its targets with a submitted report, of all its targets. */
export function cardProgressOf(session: Pick<SessionDoc, 'targets'>, reports: readonly ReportDoc[]): CardUpdate {
  const keys = session.targets.map((t) => `${t.kind}:${targetId(t)}`);
  return cardProgress(reportsGiven(keys, reports.map((r) => ({ status: r.status, key: `${r.target.kind}:${r.targetKey}` }))), keys.length);
}

/** wx.updateShareMenu's templateInfo for a card in state 0. */
export function cardTemplateInfo(progress: CardUpdate): { templateId: string; parameterList: Array<{ name: 'member_count' | 'room_limit'; value: string }> } {
  return {
    templateId: SESSION_CARD_TEMPLATE_ID,
    parameterList: progress.parameterList.filter((p): p is { name: 'member_count' | 'room_limit'; value: string } => p.name === 'member_count' || p.name === 'room_limit'),
  };
}

/**
 * After a report was submitted: counts the session's reports (one read) and sends the card its progress.
 * Nothing is read or sent for a session without a live card.
 */
export async function updateCardAfterReport(cloud: Cloud, db: Db, session: SessionDoc, now: number): Promise<void> {
  const card = session.card;
  if (!cardAlive(card, now) || card.state !== 0) return;
  await sendCardUpdate(cloud, card.activityId, cardProgressOf(session, await listSessionReports(db, session._id)));
}

/** After the first publication: the card's final state, 「已开始」, opening the session page. */
export async function updateCardAfterPublish(cloud: Cloud, session: SessionDoc, now: number): Promise<void> {
  const update = cardUpdateFor(session.card, { published: true, given: 0, due: 0, sessionPath: sessionCardPath(session._id) }, now);
  if (update && session.card) await sendCardUpdate(cloud, session.card.activityId, update);
}
