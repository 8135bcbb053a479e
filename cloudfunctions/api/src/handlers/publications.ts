/**
 * 整理公开: an official of the session compiles its submitted reviews into a summary, asks what each
 * audience would see, and publishes within the chosen scope: the reviews become PUBLISHED and the
 * rectifications they require are opened, in one transaction. Who may read follows core/domain/visibility.ts.
 */
import { PublicationDraftOutput, PublicationGetOutput, PublicationListOutput, PublicationPreviewOutput, PublicationPublishOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import {
  PublicationDraftInput,
  PublicationListInput,
  PublicationPreviewInput,
  PublicationPublishInput,
  PUBLISH_PART,
  PublicationRefInput,
} from '../../../../miniprogram/core/contracts/api/review-work';
import type { Publication } from '../../../../miniprogram/core/contracts/publication';
import { checkPublicationScope, previewAsAudience, publishedView, redactPublicationForReader } from '../../../../miniprogram/core/domain/visibility';
import { massesNotice, noticeAreaRefusal, noticeLinkRefusal, wideningRefusal, type AnchoredScope } from '../../../../miniprogram/core/domain/notice';
import { NoticeLinkInput, NoticeLinkOutput, NoticeLinkRefInput, NoticeOpenOutput, NoticeRevokeOutput, NoticeSourcesInput, NoticeSourcesOutput } from '../../../../miniprogram/core/contracts/api/notice';
import { REVIEW_MODE_LABELS } from '../../../../miniprogram/core/contracts/review';
import { openRectification, publicationEditable, publicationPublished, publishReview, reviewAwaitsPublication, reviewPublished } from '../../../../miniprogram/core/domain/workflow';
import type { Db } from '../frame/db';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import type { OrgDoc } from '../repositories/docs';
import { getOrg, listOrgsByIds } from '../repositories/store';
import {
  getNoticeLink,
  getPublication,
  getSession,
  listPublishedWithReviews,
  listReviewsByIds,
  listReviewsOfSessions,
  listSessionReviews,
  listSessionsByIds,
  listSessionsOfActor,
  listTenantSessions,
} from '../repositories/work';
import { PublicationDoc, type ReviewDoc, type SessionDoc } from '../repositories/work-docs';
import type { Caller } from '../frame/action';
import { readablePublications, rectificationId } from '../shared/publications';
import { defineAction, newId, tenantScope } from '../shared/scope';
import { updateCardAfterPublish } from '../shared/session-card';
import { cardAlive } from '../../../../miniprogram/core/domain/session-card';
import { actorId, entityScope, partialTree, publicationOf, readerOf, requireOfficial, reviewOf, toDoc, sessionScope } from '../shared/work';

/** The tree a scope check over these reviews needs: each target org's ancestry and the anchor. */
function reviewsTree(reviews: readonly ReviewDoc[], anchor: { orgId: string; parentId: string | null }) {
  return partialTree(
    reviews.map((r) => ({ orgId: r.targetOrgPath[r.targetOrgPath.length - 1], path: r.targetOrgPath.slice(0, -1) })),
    [anchor],
  );
}

const pubScope = entityScope((i: { publicationId: string }, d) => getPublication(d.db, i.publicationId), (p) => p.orgId, 'PUBLICATION.NOT_FOUND');

/** The session of a publication, for the official check. */
async function sessionOfPublication(db: Db, pub: PublicationDoc): Promise<SessionDoc> {
  const session = await getSession(db, pub.sessionId);
  if (!session) throw new AppError('SESSION.NOT_FOUND');
  return session;
}


/**
 * The other sessions of a compiled notice, each one the caller may publish (reviewer, organiser, office, a
 * secretary above it) and of the same campaign; another tenant's session is not found, as if it did not exist.
 */
async function otherSessions(db: Db, caller: Caller, primary: SessionDoc, ids: readonly string[]): Promise<SessionDoc[]> {
  const wanted = ids.filter((id) => id !== primary._id);
  const found = (await listSessionsByIds(db, wanted)).filter((x) => x.tenantId === primary.tenantId);
  if (found.length !== wanted.length) throw new AppError('SESSION.NOT_FOUND', '所选的点评活动有的不存在');
  if (found.some((x) => x.campaignId !== primary.campaignId)) throw new AppError('NOTICE.SESSION_ELSEWHERE');
  const orgs = new Map((await listOrgsByIds(db, [...new Set(found.map((x) => x.orgId))])).map((o) => [o._id, o]));
  for (const x of found) requireOfficial(caller, x, orgs.get(x.orgId));
  return wanted.map((id) => found.find((x) => x._id === id) as SessionDoc);
}

/**
 * A compiled notice stays within the publisher's own subtree (the office: the whole unit), and carries an
 * already published review no wider than it was published (core/domain/notice.ts).
 */
async function checkCompiledScope(db: Db, caller: Caller, scope: AnchoredScope, reviews: readonly ReviewDoc[]): Promise<void> {
  const published = reviews.filter((r) => reviewPublished(r.status)).map((r) => r._id);
  const [led, earlier] = await Promise.all([
    caller.admin || !caller.secretaryOf.length ? Promise.resolve([] as OrgDoc[]) : listOrgsByIds(db, caller.secretaryOf),
    listPublishedWithReviews(db, published),
  ]);
  unwrap(noticeAreaRefusal(scope, { admin: caller.admin, leads: led.map((o) => ({ kind: 'SUBTREE' as const, orgId: o._id, path: o.path })) }));
  // Publications made before anchors were kept with their ancestry: their anchors are read once.
  const missing = [...new Set(earlier.filter((p) => !p.anchorPath).map((p) => p.scope.orgId))];
  const paths = new Map((missing.length ? await listOrgsByIds(db, missing) : []).map((o) => [o._id, o.path]));
  const anchored = earlier.map((p) => ({ reviewIds: p.reviewIds, scope: { kind: p.scope.kind, orgId: p.scope.orgId, path: p.anchorPath ?? paths.get(p.scope.orgId) ?? [] } }));
  unwrap(wideningRefusal(reviews.map((r) => ({ id: r._id, status: r.status, target: r.target })), anchored, scope));
}

/** `2026-12-08` as 2026年12月8日. */
const dateWords = (d: string) => d.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日');

const DAY = 24 * 3600 * 1000;

const linkScope = entityScope((i: { linkId: string }, d) => getNoticeLink(d.db, i.linkId), (l) => l.orgId, 'NOTICE.LINK_NOT_FOUND');

const summaryOf = (pub: PublicationDoc) => ({
  id: pub._id,
  sessionId: pub.sessionId,
  title: pub.title,
  scope: pub.scope,
  status: pub.status,
  publishedAt: pub.publishedAt,
  reviewCount: pub.reviewIds.length,
  version: pub.version,
});

export const publicationActions = {
  'publication.draft': defineAction({
    input: PublicationDraftInput,
    output: PublicationDraftOutput,
    mutating: true,
    texts: (i) => [i.title, i.summary],
    scope: sessionScope,
    run: async ({ db, input, caller, scope, now, requestKey, moderation }) => {
      const session = scope.entity;
      requireOfficial(caller, session, scope.orgDoc);
      if (moderation === 'HELD') throw new AppError('CONTENT.HELD');
      const compiled = input.sessionIds !== undefined;
      const sessions = compiled ? [session, ...(await otherSessions(db, caller, session, input.sessionIds ?? []))] : [session];
      const [reviews, anchor] = await Promise.all([compiled ? listReviewsOfSessions(db, sessions.map((x) => x._id)) : listSessionReviews(db, session._id), getOrg(db, input.scope.orgId)]);
      if (!anchor || anchor.tenantId !== session.tenantId) throw new AppError('ORG.NOT_FOUND', '公开范围所指的党组织不存在');
      // A compiled notice also gathers what was already published (整理汇总); one session's notice publishes what is new.
      const gathered = (r: ReviewDoc) => r.moderation === 'PASS' && (reviewAwaitsPublication(r.status) || (compiled && reviewPublished(r.status)));
      const ids = input.reviewIds ?? reviews.filter(gathered).map((r) => r._id);
      // A publication holds at most 500 reviews (contracts/publication.ts); a compiled one reads one page of 1,000.
      if (ids.length > 500 || reviews.length >= 1000) throw new AppError('INPUT.INVALID', '一份通报最多汇总500份点评，请少选几次点评活动', [{ path: ['sessionIds'], message: '点评活动选得太多' }]);
      if (!ids.length) throw new AppError('STATE.ILLEGAL_TRANSITION', '本次点评还没有已提交的点评，不能整理公开');
      const held = reviews.filter((r) => ids.includes(r._id) && r.moderation === 'HELD');
      if (held.length) throw new AppError('CONTENT.HELD', `对${held.map((r) => r.target.name).join('、')}的点评正在审核，审核通过后才能公开`);
      const id = newId('pub', now, requestKey);
      const publication: Publication = {
        id,
        tenantId: session.tenantId,
        campaignId: session.campaignId,
        cycleKey: session.cycleKey,
        title: input.title,
        summary: input.summary,
        reviewIds: ids,
        scope: input.scope,
        organiserId: actorId(caller),
        status: 'DRAFT',
        publishedAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
      };
      const anchorNode = { orgId: anchor._id, parentId: anchor.parentId };
      unwrap(checkPublicationScope(publication, reviews.map(reviewOf), reviewsTree(reviews, anchorNode)));
      if (compiled) await checkCompiledScope(db, caller, { kind: input.scope.kind, orgId: anchor._id, path: anchor.path }, reviews.filter((r) => ids.includes(r._id)));
      const extra = { sessionId: session._id, orgId: session.orgId, anchorParentId: anchor.parentId, anchorPath: anchor.path, ...(compiled ? { sessionIds: sessions.map((x) => x._id) } : {}) };
      return mutation({ publicationId: id, version: 1, reviewIds: ids }, [{ kind: 'create', collection: COL.publications, id, doc: toDoc(publication, extra) }]);
    },
  }),

  'publication.preview': defineAction({
    input: PublicationPreviewInput,
    output: PublicationPreviewOutput,
    mutating: false,
    scope: pubScope,
    run: async ({ db, input, caller, scope }) => {
      const pub = scope.entity;
      requireOfficial(caller, await sessionOfPublication(db, pub), scope.orgDoc);
      const [reviews, org] = await Promise.all([listReviewsByIds(db, pub.reviewIds), getOrg(db, input.orgId)]);
      if (!org || org.tenantId !== pub.tenantId) throw new AppError('ORG.NOT_FOUND');
      const tree = partialTree([{ orgId: org._id, path: org.path }], [{ orgId: pub.scope.orgId, parentId: pub.anchorParentId }]);
      const view = previewAsAudience(publicationOf(pub), reviews.map(reviewOf), org._id, tree);
      // Outside the scope is an answer here, not an error: "this org will see nothing".
      return view.ok ? { orgId: org._id, visible: true, view: view.value } : { orgId: org._id, visible: false, view: null, message: view.error.message };
    },
  }),

  'publication.publish': defineAction({
    input: PublicationPublishInput,
    output: PublicationPublishOutput,
    mutating: true,
    scope: pubScope,
    run: async ({ db, cloud, input, caller, scope, now }) => {
      const pub = scope.entity;
      const session = await sessionOfPublication(db, pub);
      requireOfficial(caller, session, scope.orgDoc);
      const sessions = pub.sessionIds ? [session, ...(await otherSessions(db, caller, session, pub.sessionIds))] : [session];
      if (!publicationEditable(pub.status)) throw new AppError('STATE.ILLEGAL_TRANSITION', '该通报已公开');
      if (pub.version !== input.version) throw new AppError('CONFLICT');
      const reviews = await listReviewsByIds(db, pub.reviewIds);
      unwrap(checkPublicationScope(publicationOf(pub), reviews.map(reviewOf), reviewsTree(reviews, { orgId: pub.scope.orgId, parentId: pub.anchorParentId })));
      const actor = { personId: actorId(caller), roles: ['ORGANISER' as const], now };
      // A review already published (in an earlier publication, or by an earlier part of this one) keeps its state
      // and its rectification. At most PUBLISH_PART reviews a call: the notice becomes public with the last part.
      const pending = reviews.filter((doc) => reviewAwaitsPublication(doc.status));
      const part = pending.slice(0, PUBLISH_PART);
      const remaining = pending.length - part.length;
      const writes: Write[] = remaining ? [] : [{ kind: 'update', collection: COL.publications, id: pub._id, expectedVersion: pub.version, patch: { status: 'PUBLISHED', publishedAt: now, updatedAt: now } }];
      const opened: string[] = [];
      for (const doc of part) {
        const published = unwrap(publishReview(reviewOf(doc), actor));
        writes.push({ kind: 'update', collection: COL.reviews, id: doc._id, expectedVersion: doc.version, patch: { status: published.status, publishedAt: published.publishedAt, history: db.command.set(published.history), updatedAt: now } });
        const rect = unwrap(openRectification(published, rectificationId(doc._id), now));
        if (rect) {
          writes.push({ kind: 'create', collection: COL.rectifications, id: rect.id, doc: toDoc(rect, { sessionId: doc.sessionId, targetKey: doc.targetKey, orgId: doc.orgId, moderation: 'PASS' }) });
          opened.push(rect.id);
        }
      }
      if (remaining) return mutation({ publicationId: pub._id, status: 'DRAFT' as const, version: pub.version, rectificationIds: opened, remaining }, writes);
      const cards: SessionDoc[] = [];
      for (const s of sessions) {
        // The first publication closes the session's opinions (征求意见 ends when the reviews are made public).
        if (s.publishedAt !== undefined) continue;
        // The group's card takes its final state with the first publication (best-effort, after the commit).
        const card = cardAlive(s.card, now) && s.card.state === 0 ? { card: db.command.set({ ...s.card, state: 1 }) } : {};
        if ('card' in card) cards.push(s);
        writes.push({ kind: 'update', collection: COL.sessions, id: s._id, expectedVersion: s.version, patch: { publishedAt: now, updatedAt: now, ...card } });
      }
      const after = cards.length ? async () => { for (const s of cards) await updateCardAfterPublish(cloud, s, now); } : undefined;
      return mutation({ publicationId: pub._id, status: 'PUBLISHED' as const, version: pub.version + 1, rectificationIds: opened, remaining: 0 }, writes, { after });
    },
  }),

  'publication.get': defineAction({
    input: PublicationRefInput,
    output: PublicationGetOutput,
    mutating: false,
    scope: pubScope,
    run: async ({ db, caller, scope }) => {
      const pub = scope.entity;
      const [reviews, readerOrg] = await Promise.all([listReviewsByIds(db, pub.reviewIds), caller.orgId ? getOrg(db, caller.orgId) : Promise.resolve(null)]);
      const tree = partialTree(readerOrg ? [{ orgId: readerOrg._id, path: readerOrg.path }] : [], [{ orgId: pub.scope.orgId, parentId: pub.anchorParentId }]);
      const view = unwrap(redactPublicationForReader(publicationOf(pub), reviews.map(reviewOf), readerOf(caller, false), tree));
      return { publication: { ...view, status: pub.status, version: pub.version } };
    },
  }),

  'publication.list': defineAction({
    input: PublicationListInput,
    output: PublicationListOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const readerOrg = caller.orgId ? await getOrg(db, caller.orgId) : null;
      const pubs = await readablePublications(db, caller, readerOrg);
      return { publications: pubs.filter((p) => !input.campaignId || p.campaignId === input.campaignId).map(summaryOf) };
    },
  }),

  'notice.sources': defineAction({
    input: NoticeSourcesInput,
    output: NoticeSourcesOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const sessions = caller.admin ? await listTenantSessions(db, caller.tenantId, input.campaignId) : await listSessionsOfActor(db, caller.tenantId, actorId(caller), input.campaignId);
      // One page of reviews: counts beyond a thousand reviews over a hundred sessions are not a picker's business.
      const reviews = await listReviewsOfSessions(db, sessions.map((x) => x._id));
      const count = (id: string, status: string) => reviews.filter((r) => r.sessionId === id && r.status === status && r.moderation === 'PASS').length;
      return {
        sessions: sessions
          .map((x) => {
            const names = x.targets.map((t) => t.name);
            const who = names.length > 4 ? `${names.slice(0, 4).join('、')}等${names.length}人` : names.join('、');
            return { id: x._id, campaignId: x.campaignId, orgId: x.orgId, date: x.date, mode: x.mode, label: `${dateWords(x.date)} ${REVIEW_MODE_LABELS[x.mode]}：${who}`, submitted: count(x._id, 'SUBMITTED'), published: count(x._id, 'PUBLISHED') };
          })
          .filter((x) => x.submitted + x.published > 0),
      };
    },
  }),

  'notice.link': defineAction({
    input: NoticeLinkInput,
    output: NoticeLinkOutput,
    mutating: true,
    scope: pubScope,
    run: async ({ input, caller, scope, now, requestKey }) => {
      const pub = scope.entity;
      if (pub.organiserId !== actorId(caller) && !caller.admin) throw new AppError('AUTH.FORBIDDEN', '只有发通报的人或活动办公室可以把通报发给群众');
      // Only an issued notice may leave the roster.
      if (!publicationPublished(pub.status)) throw new AppError('NOTICE.NOT_PUBLISHED');
      const id = newId('nlk', now, requestKey);
      const expiresAt = now + (input.days ?? 7) * DAY;
      return mutation({ linkId: id, expiresAt, title: pub.title }, [
        { kind: 'create', collection: COL.noticeLinks, id, doc: { tenantId: pub.tenantId, publicationId: pub._id, orgId: pub.orgId, createdBy: actorId(caller), createdAt: now, expiresAt, revokedAt: null } },
      ]);
    },
  }),

  'notice.revoke': defineAction({
    input: NoticeLinkRefInput,
    output: NoticeRevokeOutput,
    mutating: true,
    scope: linkScope,
    run: async ({ caller, scope, now }) => {
      const link = scope.entity;
      if (link.createdBy !== actorId(caller) && !caller.admin) throw new AppError('AUTH.FORBIDDEN', '只有发出链接的人或活动办公室可以收回链接');
      if (link.revokedAt !== null) return { linkId: link._id, revokedAt: link.revokedAt };
      return mutation({ linkId: link._id, revokedAt: now }, [{ kind: 'update', collection: COL.noticeLinks, id: link._id, expectedVersion: link.version, patch: { revokedAt: now } }]);
    },
  }),

  'notice.open': defineAction({
    input: NoticeLinkRefInput,
    output: NoticeOpenOutput,
    mutating: false,
    // The masses are on no roster: the link is the only key, checked in the use case.
    scope: async () => ({ tenantId: null, org: null }),
    run: async ({ db, input, now }) => {
      const link = await getNoticeLink(db, input.linkId);
      const refusal = noticeLinkRefusal(link, now);
      if (refusal) throw new AppError(refusal.code);
      if (!link) throw new AppError('NOTICE.LINK_NOT_FOUND');
      const pub = await getPublication(db, link.publicationId);
      // A link shows only an issued notice.
      if (!pub || pub.tenantId !== link.tenantId || !publicationPublished(pub.status)) throw new AppError('NOTICE.LINK_NOT_FOUND');
      const [reviews, issuer] = await Promise.all([listReviewsByIds(db, pub.reviewIds), getOrg(db, pub.scope.orgId)]);
      return { notice: massesNotice(publishedView(publicationOf(pub), reviews.map(reviewOf)), issuer?.name ?? ''), expiresAt: link.expiresAt };
    },
  }),
};
