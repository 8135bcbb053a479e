/**
 * From stored reviews to form layouts: which reviews the caller may read (`readReview`, as review.get asks it),
 * and each review's form filled from the review, its target's commitments and its rectification.
 */
import { CommitmentSchema, type Commitment } from '../../../miniprogram/core/contracts/commitment';
import type { Rectification } from '../../../miniprogram/core/contracts/rectification';
import type { Review } from '../../../miniprogram/core/contracts/review';
import { commitmentsForForm, formHeading, memberFormLayout, orgFormLayout, subtreeMemberCounts, subtreeOrgIds, type FormLayout, type FormStyle } from '../../../miniprogram/core/domain/forms';
import { readReview } from '../../../miniprogram/core/domain/review-readers';
import { memberRegistrationForm, orgRegistrationForm } from '../../../miniprogram/core/domain/templates';
import { rectificationStatusLabel } from '../../../miniprogram/core/domain/workflow';
import { partialTree, publicationOf, rectificationOf, reviewOf, reviewPlaceOf, reviewReaderOf, templateFor, type Caller, type CampaignDoc, type Db, type OrgDoc, type PersonDoc, type ReviewDoc } from '../../api/src/kernel';
import { commitmentsOfOrgs, membersOfOrgs, personsByIds, publishedOf, rectificationsOf } from './repositories/export';

/** A review as its form needs it: with the commitments kept when it was submitted (absent for older reviews). */
export type FormReview = Review & { commitmentsAtReview?: Commitment[] };

/** The reviews among `docs` the caller may read (`readReview`, the question review.get asks), and how many were left out. */
export async function readableReviews(db: Db, caller: Caller, docs: readonly ReviewDoc[], orgs: ReadonlyMap<string, OrgDoc>): Promise<{ reviews: FormReview[]; withheld: number }> {
  const pubs = (await publishedOf(db, docs.map((d) => d._id))).map(publicationOf);
  const callerOrg = caller.orgId ? orgs.get(caller.orgId) : undefined;
  const tree = partialTree(callerOrg ? [{ orgId: callerOrg._id, path: callerOrg.path }] : [], pubs.map((p) => ({ orgId: p.scope.orgId, parentId: orgs.get(p.scope.orgId)?.parentId ?? null })));
  const reviews: FormReview[] = [];
  const reader = reviewReaderOf(caller);
  for (const doc of docs) {
    const review = reviewOf(doc);
    const publications = pubs.filter((p) => p.reviewIds.includes(doc._id));
    if (readReview(review, reviewPlaceOf(doc, orgs.get(doc.orgId)), reader, { publications, tree }).ok) reviews.push(doc.commitmentsAtReview ? { ...review, commitmentsAtReview: doc.commitmentsAtReview } : review);
  }
  return { reviews, withheld: docs.length - reviews.length };
}

/** Everything the forms of some reviews need, read in a handful of queries. */
export interface FormContext {
  campaign: CampaignDoc;
  orgs: ReadonlyMap<string, OrgDoc>;
  persons: ReadonlyMap<string, PersonDoc>;
  commitments: Commitment[];
  rectifications: ReadonlyMap<string, Rectification>;
  memberCounts: ReadonlyMap<string, number>;
  now: number;
}

/** Loads the context for the forms of these reviews. */
export async function formContext(db: Db, campaign: CampaignDoc, reviews: readonly Review[], orgs: ReadonlyMap<string, OrgDoc>, now: number): Promise<FormContext> {
  const orgIds = [...new Set(reviews.map((r) => r.target.orgId))];
  const personIds = reviews.flatMap((r) => (r.target.personId ? [r.target.personId] : []));
  const orgTargets = reviews.filter((r) => r.target.kind === 'ORG').map((r) => r.target.orgId);
  const tree = [...orgs.values()].map((o) => ({ id: o._id, parentId: o.parentId }));
  const [persons, commitmentDocs, rects, members] = await Promise.all([
    personsByIds(db, personIds),
    commitmentsOfOrgs(db, campaign._id, orgIds),
    rectificationsOf(db, reviews.map((r) => r.id)),
    membersOfOrgs(db, subtreeOrgIds(orgTargets, tree)),
  ]);
  const memberCounts = subtreeMemberCounts(orgTargets, tree, members);
  return {
    campaign,
    orgs,
    persons: new Map(persons.map((p) => [p._id, p])),
    commitments: commitmentDocs.filter((c) => c.moderation === 'PASS').map(({ _id, ...rest }) => CommitmentSchema.parse({ ...rest, id: _id })),
    rectifications: new Map(rects.map((r) => [r.reviewId, rectificationOf(r)])),
    memberCounts,
    now,
  };
}

/** The campaign's form style: [000] SIMPLE unless it chose [003] DETAILED. */
export function styleOf(campaign: CampaignDoc): { style: FormStyle; heading: string } {
  return { style: campaign.forms?.style ?? 'SIMPLE', heading: formHeading(campaign.name, campaign.forms?.heading) };
}

/** One review's form, in the campaign's style, with the commitments as they stood on the review date. */
export function layoutOf(review: FormReview, ctx: FormContext): FormLayout {
  const { style, heading } = styleOf(ctx.campaign);
  const template = templateFor(ctx.campaign, review.target.kind);
  const rectification = ctx.rectifications.get(review.id) ?? null;
  const { commitments, note } = commitmentsForForm(review.commitmentsAtReview, ctx.commitments);
  const noted = <F extends { commitmentsAndFulfilment: string }>(f: F): F => (note && f.commitmentsAndFulfilment ? { ...f, commitmentsAndFulfilment: `${f.commitmentsAndFulfilment}\n${note}` } : f);
  if (review.target.kind === 'ORG') {
    const form = orgRegistrationForm(review, { template, memberCount: ctx.memberCounts.get(review.target.orgId) ?? 0, commitments, rectification });
    return orgFormLayout(style, noted(form), heading);
  }
  const person = review.target.personId ? ctx.persons.get(review.target.personId) : undefined;
  const form = memberRegistrationForm(review, {
    template,
    unitAndPost: person?.unitAndPost ?? '',
    orgName: ctx.orgs.get(review.target.orgId)?.name ?? '',
    commitments,
    rectification,
    rectificationStatusLabel: rectification ? rectificationStatusLabel(rectification, ctx.now) : '尚未开始',
  });
  return memberFormLayout(style, noted(form), heading);
}

/** Org forms first, then people by name: the order an archive is read in. */
export function formOrder(a: Review, b: Review): number {
  const rank = (r: Review) => (r.target.kind === 'ORG' ? 0 : 1);
  return rank(a) - rank(b) || a.target.name.localeCompare(b.target.name, 'zh') || a.reviewedAt - b.reviewedAt || (a.id < b.id ? -1 : 1);
}
