/**
 * 实施点评: the reviewer fills in a session's DRAFT reviews (template aspects, achievements, problems,
 * direction, rectification requirement, exemplary flag), saving drafts on versions, and submits them
 * once complete. A 集中点评 meeting enters many targets in one call and one transaction. Submitting
 * records the completion in the progress counters within the same unit of work.
 */
import { ReviewExemplaryOutput, ReviewGetOutput, ReviewSaveBatchOutput, ReviewSaveOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import * as z from 'zod/mini';
import { ReviewEntryInput, ReviewExemplaryInput, ReviewRefInput, ReviewSaveBatchInput, ReviewSaveInput } from '../../../../miniprogram/core/contracts/api/review-work';
import { targetId, type Review } from '../../../../miniprogram/core/contracts/review';
import { reachOf, type ReviewerRef } from '../../../../miniprogram/core/domain/reach';
import { readReview } from '../../../../miniprogram/core/domain/review-readers';
import { ownsReview } from '../../../../miniprogram/core/domain/visibility';
import { opensRectification, publicationPublished, reviewEditable, submitReview } from '../../../../miniprogram/core/domain/workflow';
import { type Caller } from '../frame/action';
import type { Db } from '../frame/db';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import type { CampaignDoc, CommitmentDoc, OrgDoc } from '../repositories/docs';
import type { Commitment } from '../../../../miniprogram/core/contracts/commitment';
import { commitmentOwnerKey, commitmentsOfTarget } from '../../../../miniprogram/core/domain/templates';
import { loadSliceOfTargets } from '../repositories/reach';
import { getCampaign, getOrg, listCommitmentsByOwners, listOrgsByIds } from '../repositories/store';
import { getRectification, listExemplaryReviews, listPublishedWithReview, listReviewsByIds } from '../repositories/work';
import type { ReviewDoc } from '../repositories/work-docs';
import { defineAction, scopedOrg, tenantScope } from '../shared/scope';
import { completionWritesMany, type Completion } from '../shared/progress-counters';
import { readablePublications, rectificationId } from '../shared/publications';
import { callerRectificationRoles } from '../shared/rectifications';
import { loadQualityContext, qualityCounterWrites, sessionReviewOf, submittedHintKinds } from '../shared/review-quality';
import { actorId, partialTree, reviewOf, reviewPlaceOf, reviewReaderOf, reviewScope, templateFor, sessionScope } from '../shared/work';

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

/** True when the caller may write this review: its reviewer, or whoever entered it on the reviewer's behalf. */
function writes(caller: Caller, doc: ReviewDoc): boolean {
  return ownsReview({ reviewer: { personId: doc.reviewerId }, enteredBy: doc.enteredBy ?? null }, { personId: actorId(caller) });
}

/**
 * Refuses a submission whose target is no longer in its reviewer's reach from the session's org (the
 * roster changed since the session began): only what reach allows is ever counted.
 */
async function checkReach(db: Db, org: OrgDoc, edits: readonly Edit[], campaign: CampaignDoc | null): Promise<void> {
  const reviewerId = edits[0].doc.reviewerId;
  const reviewer: ReviewerRef = reviewerId === null ? { kind: 'TOP' } : { kind: 'PERSON', personId: reviewerId };
  const slice = await loadSliceOfTargets(db, org, reviewerId, edits.map((e) => ({ kind: e.doc.target.kind, id: targetId(e.doc.target), rule: e.doc.rule })), campaign?.coverage);
  const issues = edits.flatMap(({ doc }, i) =>
    reachOf(slice, reviewer, { kind: doc.target.kind, id: targetId(doc.target) }) ? [] : [{ path: ['entries', i], message: `${doc.target.name}已不在点评人的点评范围内` }],
  );
  if (issues.length) throw new AppError('AUTH.FORBIDDEN', issues.map((i) => i.message).join('；'), issues);
}

/**
 * Saves (and with `submit`, submits) the reviews of one session: checks each is the caller's to write,
 * still a draft and at the version the client saw, and on submission still in reach; returns the
 * writes, with the progress completions of submissions.
 */
async function saveReviews(db: Db, caller: Caller, org: OrgDoc, edits: Edit[], submit: boolean, now: number, moderation: 'PASS' | 'HELD') {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  for (const { doc, entry } of edits) {
    if (!writes(caller, doc)) throw new AppError('AUTH.FORBIDDEN', '只有点评人本人或代为录入的人可以填写点评');
    if (!reviewEditable(doc.status)) throw new AppError('STATE.ILLEGAL_TRANSITION', `对${doc.target.name}的点评已提交，不能再修改`);
    if (doc.version !== entry.version) throw new AppError('CONFLICT', `对${doc.target.name}的点评已在别处修改，请刷新后再编辑`);
  }
  let campaign: CampaignDoc | null = null;
  let quality: Awaited<ReturnType<typeof loadQualityContext>> | null = null;
  let commitments: Commitment[] = [];
  if (submit) {
    const first = edits[0].doc;
    // Reach depends on the campaign's coverage options (DOMAIN §2), so the slice is read once the campaign is.
    const campaignRead = getCampaign(db, first.campaignId);
    let commitmentDocs: CommitmentDoc[];
    [campaign, , quality, commitmentDocs] = await Promise.all([
      campaignRead,
      campaignRead.then((c) => checkReach(db, org, edits, c)),
      loadQualityContext(db, { campaignId: first.campaignId, reviewerId: first.reviewerId, reviews: edits.map((e) => e.doc), exclude: { ids: edits.map((e) => e.doc._id) } }),
      listCommitmentsByOwners(db, first.campaignId, edits.map((e) => commitmentOwnerKey(e.doc.target))),
    ]);
    if (!campaign) throw new AppError('CAMPAIGN.NOT_FOUND');
    // Only what was public: held text never reaches a form.
    commitments = commitmentDocs.filter((c) => c.moderation === 'PASS').map(({ _id, orgId: _o, ownerKey: _k, moderation: _m, ...rest }) => ({ ...rest, id: _id }));
  }
  const submitted: Review[] = [];
  const writesOut: Write[] = [];
  const completions: Completion[] = [];
  const results: Array<{ reviewId: string; status: Review['status']; version: number }> = [];
  edits.forEach(({ doc, entry }, i) => {
    let review = applyEntry(reviewOf(doc), entry, now);
    if (campaign) {
      const done = submitReview({ ...review, reviewedAt: now }, templateFor(campaign, review.target.kind), { personId: actorId(caller), roles: ['REVIEWER'], now });
      if (!done.ok) {
        // A meeting sees every incomplete review at once, each issue under its entry.
        for (const issue of done.error.issues ?? [{ path: [], message: done.error.message }]) issues.push({ path: ['entries', i, ...issue.path], message: `${doc.target.name}：${issue.message}` });
        return;
      }
      review = done.value;
      submitted.push(review);
      // A home visit is an additional review: it never counts towards coverage (the inflow review does).
      if (!doc.additional) completions.push({ campaignId: review.campaignId, reviewerId: doc.reviewerId, targetKind: review.target.kind, targetId: doc.targetKey, reviewedAt: review.reviewedAt, reviewId: doc._id, now });
    }
    const patch: Record<string, unknown> = {
      // The commitments as they stand now, the day of the review, for the forms to print later (issue 22).
      ...(campaign ? { commitmentsAtReview: db.command.set(commitmentsOfTarget(review, commitments)) } : {}),
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
    writesOut.push({ kind: 'update', collection: COL.reviews, id: doc._id, expectedVersion: doc.version, patch });
    results.push({ reviewId: doc._id, status: review.status, version: doc.version + 1 });
  });
  if (issues.length) {
    const names = [...new Set(issues.map((i) => i.message.split('：')[0]))].join('、');
    throw new AppError('REVIEW.INCOMPLETE', edits.length === 1 ? issues.map((i) => i.message.split('：')[1]).join('；') : `以下对象的点评内容不完整：${names}`, edits.length === 1 ? issues.map((i) => ({ path: i.path.slice(2), message: i.message.split('：')[1] })) : issues);
  }
  if (campaign && completions.length) writesOut.push(...(await completionWritesMany(db, campaign, completions)));
  // The review-quality counts of the reviewing org and those above (issue 27): the hints the page showed, as submitted.
  if (campaign && quality) writesOut.push(...qualityCounterWrites(campaign._id, org, submittedHintKinds(submitted.map(sessionReviewOf), quality)));
  return { writes: writesOut, results };
}

/** The caller's org doc and the part of the tree that decides which publications they may read. */
async function readerContext(db: Db, caller: Caller) {
  const readerOrg = caller.orgId ? await getOrg(db, caller.orgId) : null;
  return { readerOrg, chains: readerOrg ? [{ orgId: readerOrg._id, path: readerOrg.path }] : [] };
}

export const reviewActions = {
  'review.save': defineAction({
    input: ReviewSaveInput,
    output: ReviewSaveOutput,
    mutating: true,
    texts: entryTexts,
    scope: reviewScope,
    run: async ({ db, input, caller, scope, now, moderation }) => {
      const doc = scope.entity;
      const { submit, ...entry } = input;
      const { writes, results } = await saveReviews(db, caller, scopedOrg(scope), [{ doc, entry }], submit === true, now, moderation);
      return mutation({ ...results[0], held: moderation === 'HELD' }, writes);
    },
  }),

  'review.saveBatch': defineAction({
    input: ReviewSaveBatchInput,
    output: ReviewSaveBatchOutput,
    mutating: true,
    texts: (i) => i.entries.flatMap(entryTexts),
    scope: sessionScope,
    run: async ({ db, input, caller, scope, now, moderation }) => {
      const session = scope.entity;
      const ids = input.entries.map((e) => e.reviewId);
      if (new Set(ids).size !== ids.length) throw new AppError('INPUT.INVALID', '同一对象的点评只能填写一次', [{ path: ['entries'], message: '点评重复' }]);
      const docs = new Map((await listReviewsByIds(db, ids)).map((d) => [d._id, d]));
      const edits = input.entries.map((entry, i) => {
        const doc = docs.get(entry.reviewId);
        if (!doc || doc.sessionId !== session._id) throw new AppError('REVIEW.NOT_FOUND', `第${i + 1}条点评不属于本次点评活动`, [{ path: ['entries', i, 'reviewId'], message: '未找到该点评' }]);
        return { doc, entry };
      });
      const { writes, results } = await saveReviews(db, caller, scopedOrg(scope), edits, input.submit, now, moderation);
      return mutation({ reviews: results, held: moderation === 'HELD' }, writes);
    },
  }),

  'review.get': defineAction({
    input: ReviewRefInput,
    output: ReviewGetOutput,
    mutating: false,
    scope: reviewScope,
    run: async (uc) => {
      const { db, caller, scope } = uc;
      const doc = scope.entity;
      const opened = opensRectification(doc);
      const [{ chains }, pubs, rect] = await Promise.all([
        readerContext(db, caller),
        listPublishedWithReview(db, doc._id),
        opened ? getRectification(db, rectificationId(doc._id)) : Promise.resolve(null),
      ]);
      // The rectification's state and the reader's roles towards it: the page words and buttons follow the machine.
      const roles = rect ? await callerRectificationRoles(uc, caller, rect, undefined) : [];
      const publications = pubs.map((p) => ({ ...p, id: p._id }));
      const tree = partialTree(chains, pubs.map((p) => ({ orgId: p.scope.orgId, parentId: p.anchorParentId })));
      const review = unwrap(readReview(reviewOf(doc), reviewPlaceOf(doc, scope.orgDoc), reviewReaderOf(caller), { publications, tree }));
      return { review, rect: rect && roles.length ? { id: rect._id, status: rect.status, roles } : null };
    },
  }),

  'review.exemplary': defineAction({
    input: ReviewExemplaryInput,
    output: ReviewExemplaryOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const { readerOrg, chains } = await readerContext(db, caller);
      const pubs = await readablePublications(db, caller, readerOrg);
      const leads = [...new Set([...caller.secretaryOf, ...caller.liaisonOf])];
      const publishedIds = [...new Set(pubs.filter((p) => publicationPublished(p.status)).flatMap((p) => p.reviewIds))];
      const docs = await listExemplaryReviews(db, { tenantId: caller.tenantId, campaignId: input.campaignId, publishedIds, everyOrg: caller.admin, underOrgs: leads });
      const publications = pubs.map((p) => ({ ...p, id: p._id }));
      const tree = partialTree(chains, pubs.map((p) => ({ orgId: p.scope.orgId, parentId: p.anchorParentId })));
      const reader = reviewReaderOf(caller);
      // Held text is never showcased, even to its writer.
      const shown = docs.filter((d) => d.moderation === 'PASS');
      const read = (d: ReviewDoc, reviewingOrg: OrgDoc | undefined) => readReview(reviewOf(d), reviewPlaceOf(d, reviewingOrg), reader, { publications, tree });
      // The reviewing orgs are read only for what the rest of the place does not already grant: access only grows with them.
      const first = shown.map((d) => read(d, undefined));
      const open = shown.filter((_, i) => !first[i].ok);
      const reviewingOrgs = open.length ? new Map((await listOrgsByIds(db, [...new Set(open.map((d) => d.orgId))])).map((o) => [o._id, o])) : new Map<string, OrgDoc>();
      const reviews = shown.map((d, i) => (first[i].ok ? first[i] : read(d, reviewingOrgs.get(d.orgId)))).flatMap((r) => (r.ok ? [r.value] : []));
      return { reviews };
    },
  }),
};
