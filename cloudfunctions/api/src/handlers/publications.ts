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
import { checkPublicationScope, previewAsAudience, redactPublicationForReader } from '../../../../miniprogram/core/domain/visibility';
import { openRectification, publicationEditable, publishReview, reviewAwaitsPublication } from '../../../../miniprogram/core/domain/workflow';
import type { Db } from '../frame/db';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import { getOrg } from '../repositories/store';
import { getPublication, getSession, listReviewsByIds, listSessionReviews } from '../repositories/work';
import { PublicationDoc, type ReviewDoc, type SessionDoc } from '../repositories/work-docs';
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
      const [reviews, anchor] = await Promise.all([listSessionReviews(db, session._id), getOrg(db, input.scope.orgId)]);
      if (!anchor || anchor.tenantId !== session.tenantId) throw new AppError('ORG.NOT_FOUND', '公开范围所指的党组织不存在');
      const ids = input.reviewIds ?? reviews.filter((r) => reviewAwaitsPublication(r.status) && r.moderation === 'PASS').map((r) => r._id);
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
      return mutation({ publicationId: id, version: 1, reviewIds: ids }, [
        { kind: 'create', collection: COL.publications, id, doc: toDoc(publication, { sessionId: session._id, orgId: session.orgId, anchorParentId: anchor.parentId }) },
      ]);
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
      // The first publication closes the session's opinions (征求意见 ends when the reviews are made public).
      const first = session.publishedAt === undefined;
      // The group's card takes its final state with the first publication (best-effort, after the commit).
      const card = first && cardAlive(session.card, now) && session.card.state === 0 ? { card: db.command.set({ ...session.card, state: 1 }) } : {};
      if (first) writes.push({ kind: 'update', collection: COL.sessions, id: session._id, expectedVersion: session.version, patch: { publishedAt: now, updatedAt: now, ...card } });
      const after = 'card' in card ? () => updateCardAfterPublish(cloud, session, now) : undefined;
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
};
