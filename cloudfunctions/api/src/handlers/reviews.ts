/**
 * 实施点评: the reviewer fills in a session's DRAFT reviews (template aspects, achievements, problems,
 * direction, rectification requirement, exemplary flag), saving drafts on versions, and submits them
 * once complete. A 集中点评 meeting enters many targets in one call and one transaction. Submitting
 * records the completion in the progress counters within the same unit of work.
 */
import * as z from 'zod/mini';
import { ReviewEntryInput, ReviewExemplaryInput, ReviewRefInput, ReviewSaveBatchInput, ReviewSaveInput } from '../../../../miniprogram/core/contracts/api/review-work';
import type { Review } from '../../../../miniprogram/core/contracts/review';
import { redactReviewForReader } from '../../../../miniprogram/core/domain/scope';
import { submitReview } from '../../../../miniprogram/core/domain/workflow';
import { defineAction, type Caller } from '../frame/action';
import type { Db } from '../frame/db';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import type { CampaignDoc } from '../repositories/docs';
import { findMany } from '../repositories/read';
import { getCampaign, getOrg } from '../repositories/store';
import { W, getReview, getSession, listReviewsByIds } from '../repositories/work';
import { PublicationDoc, ReviewDoc, type SessionDoc } from '../repositories/work-docs';
import { tenantScope } from './scope';
import { completionWritesMany, type Completion } from './progress-counters';
import { readablePublications } from './publications';
import { entityScope, isUpper, kept, partialTree, readerOf, reviewOf, templateFor } from './work-shared';

type Entry = z.infer<typeof ReviewEntryInput>;

const entryTexts = (e: Entry) => [
  ...(e.aspects ?? []).map((a) => a.text),
  e.achievements ?? '',
  e.problems ?? '',
  e.direction ?? '',
  e.rectification?.requirement ?? '',
  e.exemplaryNote ?? '',
  e.privateNotes ?? '',
  e.place ?? '',
];

/** The review with the entry's fields applied; absent fields keep what was saved. */
function applyEntry(review: Review, e: Entry, now: number): Review {
  return {
    ...review,
    aspects: e.aspects ?? review.aspects,
    achievements: e.achievements ?? review.achievements,
    problems: e.problems ?? review.problems,
    direction: e.direction ?? review.direction,
    rectification: e.rectification ?? review.rectification,
    exemplary: e.exemplary ?? review.exemplary,
    exemplaryNote: e.exemplaryNote ?? review.exemplaryNote,
    privateNotes: e.privateNotes ?? review.privateNotes,
    place: e.place ?? review.place,
    updatedAt: now,
  };
}

interface Edit {
  doc: ReviewDoc;
  entry: Entry;
}

/**
 * Saves (and with `submit`, submits) reviews of one reviewer: checks each is theirs, still a draft
 * and at the version the client saw; returns the writes, with the progress completions of submissions.
 */
async function saveReviews(db: Db, caller: Caller, edits: Edit[], submit: boolean, now: number, moderation: 'PASS' | 'HELD') {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const me = caller.personId;
  for (const { doc, entry } of edits) {
    if (!me || doc.reviewerId !== me) throw new AppError('AUTH.FORBIDDEN', '只有点评人本人可以填写点评');
    if (doc.status !== 'DRAFT') throw new AppError('STATE.ILLEGAL_TRANSITION', `对${doc.target.name}的点评已提交，不能再修改`);
    if (doc.version !== entry.version) throw new AppError('CONFLICT', `对${doc.target.name}的点评已在别处修改，请刷新后再编辑`);
  }
  let campaign: CampaignDoc | null = null;
  if (submit) {
    campaign = await getCampaign(db, edits[0].doc.campaignId);
    if (!campaign) throw new AppError('CAMPAIGN.NOT_FOUND');
  }
  const writes: Write[] = [];
  const completions: Completion[] = [];
  const results: Array<{ reviewId: string; status: Review['status']; version: number }> = [];
  edits.forEach(({ doc, entry }, i) => {
    let review = applyEntry(reviewOf(doc), entry, now);
    if (campaign) {
      const done = submitReview({ ...review, reviewedAt: now }, templateFor(campaign, review.target.kind), { personId: me as string, roles: ['REVIEWER'], now });
      if (!done.ok) {
        // A meeting sees every incomplete review at once, each issue under its entry.
        for (const issue of done.error.issues ?? [{ path: [], message: done.error.message }]) issues.push({ path: ['entries', i, ...issue.path], message: `${doc.target.name}：${issue.message}` });
        return;
      }
      review = done.value;
      completions.push({ campaignId: review.campaignId, reviewerId: me, targetKind: review.target.kind, targetId: doc.targetKey, reviewedAt: review.reviewedAt, reviewId: doc._id, now });
    }
    const patch: Record<string, unknown> = {
      aspects: db.command.set(review.aspects),
      achievements: review.achievements,
      problems: review.problems,
      direction: review.direction,
      rectification: db.command.set(review.rectification),
      exemplary: review.exemplary,
      exemplaryNote: review.exemplaryNote,
      privateNotes: review.privateNotes,
      place: review.place,
      status: review.status,
      submittedAt: review.submittedAt,
      reviewedAt: review.reviewedAt,
      history: db.command.set(review.history),
      updatedAt: now,
      // Held text stays held until the office releases it, whatever later saves pass.
      moderation: moderation === 'HELD' || doc.moderation === 'HELD' ? 'HELD' : 'PASS',
    };
    writes.push({ kind: 'update', collection: W.reviews, id: doc._id, expectedVersion: doc.version, patch });
    results.push({ reviewId: doc._id, status: review.status, version: doc.version + 1 });
  });
  if (issues.length) {
    const names = [...new Set(issues.map((i) => i.message.split('：')[0]))].join('、');
    throw new AppError('REVIEW.INCOMPLETE', edits.length === 1 ? issues.map((i) => i.message.split('：')[1]).join('；') : `以下对象的点评内容不完整：${names}`, edits.length === 1 ? issues.map((i) => ({ path: i.path.slice(2), message: i.message.split('：')[1] })) : issues);
  }
  if (completions.length) writes.push(...(await completionWritesMany(db, completions)));
  return { writes, results };
}

const reviewScope = entityScope('review', (i: { reviewId: string }, d) => getReview(d.db, i.reviewId), (r) => r.orgId, 'REVIEW.NOT_FOUND');

/** The caller's org doc and the part of the tree that decides which publications they may read. */
async function readerContext(db: Db, caller: Caller) {
  const readerOrg = caller.orgId ? await getOrg(db, caller.orgId) : null;
  return { readerOrg, chains: readerOrg ? [{ orgId: readerOrg._id, path: readerOrg.path }] : [] };
}

export const reviewActions = {
  'review.save': defineAction({
    input: ReviewSaveInput,
    mutating: true,
    texts: entryTexts,
    scope: reviewScope,
    run: async ({ db, input, caller, now, moderation }) => {
      const doc = kept<ReviewDoc>(input, 'review');
      const { submit, ...entry } = input;
      const { writes, results } = await saveReviews(db, caller, [{ doc, entry }], submit === true, now, moderation);
      return mutation({ ...results[0], held: moderation === 'HELD' }, writes);
    },
  }),

  'review.saveBatch': defineAction({
    input: ReviewSaveBatchInput,
    mutating: true,
    texts: (i) => i.entries.flatMap(entryTexts),
    scope: entityScope('session', (i: { sessionId: string }, d) => getSession(d.db, i.sessionId), (s) => s.orgId, 'SESSION.NOT_FOUND'),
    run: async ({ db, input, caller, now, moderation }) => {
      const session = kept<SessionDoc>(input, 'session');
      const ids = input.entries.map((e) => e.reviewId);
      if (new Set(ids).size !== ids.length) throw new AppError('INPUT.INVALID', '同一对象的点评只能填写一次', [{ path: ['entries'], message: '点评重复' }]);
      const docs = new Map((await listReviewsByIds(db, ids)).map((d) => [d._id, d]));
      const edits = input.entries.map((entry, i) => {
        const doc = docs.get(entry.reviewId);
        if (!doc || doc.sessionId !== session._id) throw new AppError('REVIEW.NOT_FOUND', `第${i + 1}条点评不属于本次点评活动`, [{ path: ['entries', i, 'reviewId'], message: '未找到该点评' }]);
        return { doc, entry };
      });
      const { writes, results } = await saveReviews(db, caller, edits, input.submit, now, moderation);
      return mutation({ reviews: results, held: moderation === 'HELD' }, writes);
    },
  }),

  'review.get': defineAction({
    input: ReviewRefInput,
    mutating: false,
    scope: reviewScope,
    run: async ({ db, input, caller, scope }) => {
      const doc = kept<ReviewDoc>(input, 'review');
      const own = caller.personId !== null && caller.personId === doc.reviewerId;
      if (doc.moderation === 'HELD' && !own && !caller.admin) throw new AppError('SCOPE.FORBIDDEN', '该点评正在审核，暂不能查看');
      const [{ readerOrg, chains }, pubs] = await Promise.all([
        readerContext(db, caller),
        findMany(db, W.publications, PublicationDoc, { reviewIds: doc._id, status: 'PUBLISHED' }, { limit: 20 }),
      ]);
      void readerOrg;
      const manager = caller.admin || isUpper(caller, scope.orgDoc);
      const publications = pubs.map((p) => ({ ...p, id: p._id }));
      const tree = partialTree(chains, pubs.map((p) => ({ orgId: p.scope.orgId, parentId: p.anchorParentId })));
      return { review: unwrap(redactReviewForReader(reviewOf(doc), readerOf(caller, manager), { publications, tree })) };
    },
  }),

  'review.exemplary': defineAction({
    input: ReviewExemplaryInput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const _ = db.command;
      const { readerOrg, chains } = await readerContext(db, caller);
      const pubs = await readablePublications(db, caller, readerOrg);
      const leads = [...new Set([...caller.secretaryOf, ...caller.liaisonOf])];
      const base = { tenantId: caller.tenantId, exemplary: true, ...(input.campaignId ? { campaignId: input.campaignId } : {}) };
      const published = [...new Set(pubs.filter((p) => p.status === 'PUBLISHED').flatMap((p) => p.reviewIds))];
      const branches: Array<Record<string, unknown>> = [];
      if (published.length) branches.push({ ...base, _id: _.in(published.slice(0, 1000)), status: 'PUBLISHED' });
      if (caller.admin) branches.push({ ...base, status: _.in(['SUBMITTED', 'PUBLISHED']) });
      else if (leads.length) branches.push({ ...base, targetOrgPath: _.in(leads), status: _.in(['SUBMITTED', 'PUBLISHED']) });
      if (!branches.length) return { reviews: [] };
      const docs = await findMany(db, W.reviews, ReviewDoc, _.or(branches) as unknown as Record<string, unknown>, { limit: 100, orderBy: [['updatedAt', 'desc']] });
      const publications = pubs.map((p) => ({ ...p, id: p._id }));
      const tree = partialTree(chains, pubs.map((p) => ({ orgId: p.scope.orgId, parentId: p.anchorParentId })));
      const reviews = docs
        .filter((d) => d.moderation === 'PASS')
        .map((d) => {
          const manager = caller.admin || d.targetOrgPath.some((o) => leads.includes(o));
          return redactReviewForReader(reviewOf(d), readerOf(caller, manager), { publications, tree });
        })
        .flatMap((r) => (r.ok ? [r.value] : []));
      return { reviews };
    },
  }),
};
