/** requirement.list through main(event): the office reads who must review whom in a subtree (issue 9). */
import { FIXTURE_NOW, apiHarness, buildDistrict, freshState, type Data, type District } from './harness';
import { completeContent, startSession } from './work.support';

const h = apiHarness();
let d: District;
let planned: Data;

beforeEach(async () => {
  h.clock.set(FIXTURE_NOW);
  ({ d, planned } = await freshState(h, 'planned', async () => {
    const built = await buildDistrict(h);
    return { d: built, planned: await h.ok(built.users.admin, 'campaign.plan', { campaignId: built.campaignId }) as Data };
  }));
});

/** Every page of a listing. */
async function all(openid: string, payload: Record<string, unknown>): Promise<Data[]> {
  const rows: Data[] = [];
  let cursor: string | null = null;
  do {
    const page: Data = await h.ok(openid, 'requirement.list', { campaignId: d.campaignId, ...payload, ...(cursor ? { cursor } : {}) });
    rows.push(...page.requirements);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

describe('requirement.list', () => {
  it('when the admin pages through the whole district five at a time, then every planned requirement comes once, each with its rule and explanation', async () => {
    const rows = await all(d.users.admin, { orgId: d.org.gw, limit: 5 });

    expect(rows).toHaveLength(planned.requirements);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    // The explanation is the rule in words (RULE_LABELS), the code stays in `rule` for machines.
    expect(rows.every((r) => /^R[1-7]$/.test(r.rule) && r.ruleLabel.startsWith('作为') && !/R[1-7]/.test(r.ruleLabel))).toBe(true);
    expect(rows.find((r) => r.rule === 'R6')).toMatchObject({ targetId: d.person.w4, targetName: '梁勇', reviewer: { id: d.person.s1, name: '吴敏' }, state: 'OPEN', fromOrgId: d.org.xx1 });
  });

  it('when filtered by state, rule, reviewer and target kind, then only matching requirements come back', async () => {
    const gaps = await all(d.users.admin, { orgId: d.org.gw, state: 'GAP' });
    const r1 = await all(d.users.admin, { orgId: d.org.gw, rule: 'R1' });
    const ofS1 = await all(d.users.admin, { orgId: d.org.gw, reviewerId: d.person.s1, targetKind: 'MEMBER' });

    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((r) => r.state === 'GAP' && r.reviewer === null && r.vacancy !== null)).toBe(true);
    expect(gaps.map((r) => r.vacancy.label)).toContain('书记空缺');
    expect(r1.length).toBeGreaterThan(0);
    expect(r1.every((r) => r.rule === 'R1')).toBe(true);
    expect(ofS1.length).toBeGreaterThan(0);
    expect(ofS1.every((r) => r.reviewer?.id === d.person.s1 && r.targetKind === 'MEMBER')).toBe(true);
  });

  it('when a planned review is submitted, then it moves from OPEN to DONE with its review', async () => {
    const s = await startSession(h, d);
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, ...completeContent('MEMBER'), submit: true });

    const done = await all(d.users.committeeSecretary, { orgId: d.org.xx1, state: 'DONE' });
    const open = await all(d.users.committeeSecretary, { orgId: d.org.xx1, state: 'OPEN' });

    expect(done.map((r) => [r.targetId, r.reviewId])).toEqual([[d.person.s3, s.reviews.s3]]);
    expect(open.map((r) => r.targetId)).not.toContain(d.person.s3);
  });

  it('when a subtree is asked for, then requirements counted outside it are not listed', async () => {
    const rows = await all(d.users.admin, { orgId: d.org.xx1 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.orgId === d.org.xx1)).toBe(true);
  });

  it('when a plain member or the secretary of a sibling branch asks, then it is forbidden', async () => {
    expect(await h.call(d.users.member, 'requirement.list', { campaignId: d.campaignId, orgId: d.org.xx1 })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.call(d.users.branchSecretary, 'requirement.list', { campaignId: d.campaignId, orgId: d.org.wsy })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});

describe('requirement.list for a liaison leader', () => {
  it('when the liaison leader reads what is owed at his liaison point, then it lists his R5 duties there', async () => {
    // 发起点评 from his to-do reads this for the liaison point; it was refused, leaving him at 「您没有权限进行此操作」.
    const reply = await h.ok(d.users.committeeMember, 'requirement.list', { campaignId: d.campaignId, orgId: d.org.wsy, limit: 100 });
    expect(reply.requirements.filter((r: { rule: string; reviewer: { id: string } | null }) => r.rule === 'R5' && r.reviewer?.id === d.person.g2).length).toBeGreaterThan(0);
  });
});

describe('requirement.list and session.start agree on whom 本期应点评而未点评的 takes', () => {
  it('when 吴敏 has 李娜 and 钱军 in a session not yet finished, then requirement.list marks exactly those inSession and session.start by DUE takes every other open one of hers', async () => {
    // Arrange
    await startSession(h, d, { keys: ['s3', 's4'] });
    const rows = await all(d.users.branchSecretary, { orgId: d.org.xx1 });
    const mine = rows.filter((r) => r.reviewer?.id === d.person.s1 && r.fromOrgId === d.org.xx1 && r.state === 'OPEN');
    const listed = mine.filter((r) => !r.inSession).map((r) => `${r.targetKind}:${r.targetId}`).sort();

    // Act
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', meetingType: null, topic: null, targets: { by: 'DUE' },
      date: '2026-11-28', place: '实验小学党员活动室', reportDeadline: null, opinionDeadline: null, opinionsAnonymous: true,
    });

    // Assert
    expect(mine.filter((r) => r.inSession).map((r) => r.targetId).sort()).toEqual([d.person.s3, d.person.s4].sort());
    expect(started.targets.map((t: Data) => `${t.kind}:${t.personId ?? t.orgId}`).sort()).toEqual(listed);
    expect(listed.length).toBeGreaterThan(0);
  });
});

