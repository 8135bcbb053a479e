/**
 * Round trips of every review-work action at the seed-000 size and with 2,000 more members: each
 * action's frame case (as it succeeds) costs exactly the same database requests at both sizes, and
 * home stays within the design budget (≤ 11: ten reads, and one batched read of the caller's opinion
 * slots so that 提意见 lists only sessions where an opinion is still owed; ≤ 12 for a reviewer, who also
 * reads the names of the orgs they start reviews for). Submitting a review with a plan in place is measured
 * too, since it carries the progress completion.
 */
import type { ActionName } from '../../../miniprogram/core/domain/permissions';
import { apiHarness, freshDistrict, type Data, type District, type Harness } from './harness';
import { FRAME_BOOTSTRAP, FRAME_CASES, callerOf, type FrameCase } from './frame-cases';
import { completeContent, startSession, WORK_ACTIONS } from './work.support';

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });

/** A session started after the campaign is planned, so a submit counts (and its hints are counted). */
async function plannedSession(hh: Harness, d: District) {
  await hh.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
  return startSession(hh, d);
}


/** Extra cases beyond the frame cases: the costlier paths (submission with completions, DUE, RANDOM). */
const EXTRA: Record<string, { action: ActionName; c: FrameCase }> = {
  // A reviewer's 待办 (issue 20) reads the names of the orgs they start reviews for: one read more than a member's.
  'home (secretary: 发起点评, 我组织的点评)': {
    action: 'home',
    c: { concerns: 'tenant', caller: 'branchSecretary', setup: startSession, payload: () => ({}) },
  },
  'review.save (submit, planned)': {
    action: 'review.save',
    c: {
      concerns: 'org',
      caller: 'branchSecretary',
      setup: plannedSession,
      payload: ({ s }) => ({ reviewId: s.reviews.s3, version: 1, ...completeContent('MEMBER'), submit: true }),
    },
  },
  // Review quality (issue 27): the reviewer's 录入点评 opening carries the hints' context (three constant reads).
  'session.get (reviewer, quality context)': {
    action: 'session.get',
    c: { concerns: 'org', caller: 'branchSecretary', setup: startSession, payload: ({ s }) => ({ sessionId: s.sessionId }) },
  },
  // …and a meeting's submission counts the hints per unit (the same reads, one increment per org up the path).
  'review.saveBatch (submit, planned, quality counts)': {
    action: 'review.saveBatch',
    c: {
      concerns: 'org',
      caller: 'branchSecretary',
      setup: plannedSession,
      payload: ({ s }) => ({ sessionId: s.sessionId, submit: true, entries: [s.reviews.s3, s.reviews.s4].map((reviewId) => ({ reviewId, version: 1, ...completeContent('MEMBER') })) }),
    },
  },
  'session.start (DUE, planned)': {
    action: 'session.start',
    c: {
      concerns: 'org',
      caller: 'branchSecretary',
      setup: (hh: Harness, d: District) => hh.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }),
      payload: ({ d }) => ({ campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'DUE', kinds: ['COMMITTEE_MEMBER'] }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false }),
    },
  },
  'session.start (RANDOM)': {
    action: 'session.start',
    c: {
      concerns: 'org',
      caller: 'branchSecretary',
      payload: ({ d }) => ({ campaignId: d.campaignId, orgId: d.org.xx1, mode: 'RANDOM', targets: { by: 'RANDOM', targetKind: 'MEMBER', size: 3 }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false }),
    },
  },
};

async function measure(action: ActionName, c: FrameCase, extra: number): Promise<number> {
  const d = await freshDistrict(h, extra);
  const s: Data = c.setup ? await c.setup(h, d) : undefined;
  const payload = await c.payload({ h, d, s });
  const { reply, counts } = await h.trips(callerOf(c, d), action, payload);
  expect({ action, extra, reply }).toEqual({ action, extra, reply: expect.objectContaining({ ok: true }) });
  return counts.total;
}

const figures: Array<[string, number, number]> = [];

describe('round trips of the review work at 23 and 2,023 persons', () => {
  const cases: Array<[string, ActionName, FrameCase]> = [
    ...WORK_ACTIONS.map((a): [string, ActionName, FrameCase] => [a, a, FRAME_CASES[a]]),
    ...Object.entries(EXTRA).map(([label, { action, c }]): [string, ActionName, FrameCase] => [label, action, c]),
  ];

  it.each(cases)('when %s succeeds in a small and a large tenant, then it costs the same round trips', async (label, action, c) => {
    const small = await measure(action, c, 0);
    const large = await measure(action, c, 2000);
    figures.push([label, small, large]);
    expect({ label, large }).toEqual({ label, large: small });
    // A member's 待办 stays at 11; a reviewer's reads the names of their orgs (发起点评) once more, and a secretary's
    // the 具体方案 asked of their units (上交具体方案, one read of their counters).
    if (action === 'home') expect(small).toBeLessThanOrEqual(label === 'home' ? 11 : 13);
  });

  afterAll(() => {
    // The figures for the closing note.
    console.log(figures.map(([l, s, g]) => `${l}: ${s} / ${g}`).join('\n'));
  });
});
