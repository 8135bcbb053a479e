/**
 * The session card in the group chat as a WeChat updatable message (动态消息, docs/updatable-card.md).
 * WeChat fixes the card's wording: two templates, each with three states; state 0 reads
 * 「成员正在加入，当前 {member_count}/{room_limit} 人」, state 1 「已开始」 (or 「已到齐」), state 2 「已结束」.
 * We use the 「开始时」 template: state 0 counts the reports given against the reports due, state 1 says the
 * reviews are out once the notice is published. An activity lives 24 hours; after that WeChat shows 「已结束」
 * and refuses updates, so a card is only updated while it is alive, and a new one is made for a later share.
 * Pure: `now` is passed in.
 */
import { runsSession } from './session-officials';

/** WeChat's template 「开始时」 (developers.weixin.qq.com …/share/updatable-message.html). */
export const SESSION_CARD_TEMPLATE_ID = '21B034D08C5615B9889CE362BB957B1EE69A584B';

/** The base library from which wx.updateShareMenu takes isUpdatableMessage, activityId and templateInfo. */
export const UPDATABLE_CARD_MIN_SDK = '2.4.0';

/** How long WeChat keeps an activity when createActivityId does not say (its documented default). */
export const CARD_DEFAULT_LIFETIME_MS = 24 * 3600_000;

/** Margin before expiry within which a card is not handed out for a new share: it would end almost at once. */
export const CARD_SHARE_MARGIN_MS = 30 * 60_000;

/** A session's card as stored on the session. */
export interface SessionCard {
  activityId: string;
  /** Epoch ms after which WeChat shows 「已结束」 and refuses updates. */
  expiresAt: number;
  createdAt: number;
  /** The last state sent (0 while reports come in, 1 once published). */
  state: 0 | 1;
}

/** One parameter of a template, as WeChat names them. */
export interface CardParameter {
  name: 'member_count' | 'room_limit' | 'path' | 'version_type';
  value: string;
}

/** What setUpdatableMsg (or the first share) says about a card. */
export interface CardUpdate {
  targetState: 0 | 1;
  parameterList: CardParameter[];
}

/** Why this person may not share the session's card with its progress now, or null when they may. */
export function cardShareRefusal(
  session: { reviewerId: string | null; organiserId: string; publishedAt?: number },
  personId: string,
): { code: 'AUTH.FORBIDDEN' | 'STATE.ILLEGAL_TRANSITION'; message: string } | null {
  if (!runsSession(session, personId)) return { code: 'AUTH.FORBIDDEN', message: '只有点评人或活动组织者可以把点评卡片发到群里' };
  // Once published the card has nothing left to count: the page shares the plain card.
  if (session.publishedAt !== undefined) return { code: 'STATE.ILLEGAL_TRANSITION', message: '点评情况已公开，发送普通卡片即可' };
  return null;
}

/** True when WeChat still accepts updates to this card. */
export function cardAlive(card: SessionCard | null | undefined, now: number): card is SessionCard {
  return !!card && now < card.expiresAt;
}

/** True when this card may be handed out for a new share (alive, and not about to end); else make a new one. */
export function cardShareable(card: SessionCard | null | undefined, now: number): card is SessionCard {
  return !!card && card.state === 0 && now + CARD_SHARE_MARGIN_MS < card.expiresAt;
}

/** The expiry of a new activity: WeChat's expiration time (seconds or ms), else its 24-hour default. */
export function cardExpiry(expirationTime: number | undefined, now: number): number {
  if (!expirationTime || !Number.isFinite(expirationTime)) return now + CARD_DEFAULT_LIFETIME_MS;
  // The HTTPS API documents a Unix timestamp; accept milliseconds too rather than guess wrong by 1000×.
  return expirationTime < 1e12 ? expirationTime * 1000 : expirationTime;
}

/** State 0: reports given of reports due (member_count/room_limit in WeChat's words). */
export function cardProgress(given: number, due: number): CardUpdate {
  const limit = Math.max(1, due);
  return {
    targetState: 0,
    parameterList: [
      { name: 'member_count', value: String(Math.min(Math.max(0, given), limit)) },
      { name: 'room_limit', value: String(limit) },
    ],
  };
}

/** State 1: the reviews are published; 「进入」 opens the session page of the release version. */
export function cardPublished(sessionPath: string): CardUpdate {
  return {
    targetState: 1,
    parameterList: [
      { name: 'path', value: sessionPath },
      { name: 'version_type', value: 'release' },
    ],
  };
}

/**
 * The update a session's card needs after something happened to the session, or null when there is nothing
 * to send: no card, a dead card, a card already in its final state, or a progress count it already shows.
 */
export function cardUpdateFor(
  card: SessionCard | null | undefined,
  facts: { published: boolean; given: number; due: number; sessionPath: string },
  now: number,
): CardUpdate | null {
  if (!cardAlive(card, now) || card.state === 1) return null;
  return facts.published ? cardPublished(facts.sessionPath) : cardProgress(facts.given, facts.due);
}

/** Reports given: the session's targets (by `kind:id`) with a submitted report among these. */
export function reportsGiven(targetKeys: readonly string[], reports: ReadonlyArray<{ status: string; key: string }>): number {
  const submitted = new Set(reports.filter((r) => r.status === 'SUBMITTED').map((r) => r.key));
  return targetKeys.filter((k) => submitted.has(k)).length;
}

/** The page a card opens: the session. */
export function sessionCardPath(sessionId: string): string {
  return `/pages/session/detail/detail?id=${encodeURIComponent(sessionId)}`;
}

/** True when a base library version (e.g. '3.6.0') can share updatable cards. */
export function supportsUpdatableCard(sdkVersion: string | undefined | null): boolean {
  if (!sdkVersion) return false;
  const have = sdkVersion.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const need = UPDATABLE_CARD_MIN_SDK.split('.').map(Number);
  for (let i = 0; i < need.length; i += 1) {
    if ((have[i] ?? 0) !== need[i]) return (have[i] ?? 0) > need[i];
  }
  return true;
}
