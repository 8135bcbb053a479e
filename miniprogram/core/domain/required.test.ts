import { currentCycles } from './cycles';
import { campaign000, seed000Tree } from './fixtures/seed000';
import { campaign003, seed003Tree } from './fixtures/seed003';
import { matchReview, requiredReviews, requirementIndex, type RequiredReview } from './required';
import type { Cycle } from './cycles';

const at = (iso: string) => Date.parse(iso);
const cyclesAt = (campaign: typeof campaign000, iso: string): Cycle[] => {
  const r = currentCycles(campaign, at(iso));
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const countBy = (items: readonly RequiredReview[], f: (i: RequiredReview) => string) => {
  const out: Record<string, number> = {};
  for (const i of items) out[f(i)] = (out[f(i)] ?? 0) + 1;
  return out;
};

describe('requiredReviews on seed 000 (区社会事业局工委)', () => {
  const tree = seed000Tree();
  const cycles = cyclesAt(campaign000, '2010-11-15T10:00:00+08:00');
  const set = requiredReviews(tree, campaign000, cycles);
  const byKey = new Map(set.items.map((i) => [i.key, i]));

  it('when both current cycles are asked for, then each rule yields the hand-counted number of requirements', () => {
    expect(set.cycleKeys).toEqual(['2010-Q4', '2010-H2']);
    expect(countBy(set.items, (i) => i.rule)).toEqual({ R1: 15, R2: 7, R3: 6, R4: 7, R5: 8, R6: 1 });
    expect(set.items).toHaveLength(44);
  });

  it('when only the quarterly cycle is asked for, then only R1 and R6 are generated', () => {
    const q = requiredReviews(tree, campaign000, cycles[0]);
    expect(countBy(q.items, (i) => i.rule)).toEqual({ R1: 15, R6: 1 });
  });

  it('when a branch has no secretary or a liaison leader left, then the reviews are gaps with a reason, not omitted', () => {
    const gaps = set.items.filter((i) => i.reviewerId === null && !i.externalReviewer);
    expect(gaps.map((g) => [g.key, g.vacancy])).toEqual([
      ['2010-Q4|R1|VACANT:zb2|MEMBER|z5', 'NO_SECRETARY'],
      ['2010-Q4|R1|VACANT:zb2|MEMBER|z6', 'NO_SECRETARY'],
      ['2010-H2|R4|VACANT:zb2|COMMITTEE_MEMBER|z5', 'NO_SECRETARY'],
      ['2010-H2|R5|LEFT:gx|ORG|zb1', 'LIAISON_LEADER_LEFT'],
      ['2010-H2|R5|LEFT:gx|ORG_LEADER|z2', 'LIAISON_LEADER_LEFT'],
    ]);
    expect(set.vacancies).toEqual([
      { reason: 'NO_SECRETARY', orgId: 'zb2' },
      { reason: 'LIAISON_LEADER_LEFT', orgId: 'zb1', leaderId: 'gx' },
    ]);
  });

  it('when the tenant names an outside leader, then the top org and top secretary are reviewed by that leader', () => {
    const top = set.items.filter((i) => i.externalReviewer);
    expect(top.map((i) => i.key)).toEqual(['2010-H2|R2|EXT|ORG|gw', '2010-H2|R3|EXT|ORG_LEADER|g1']);
    expect(top[1]).toMatchObject({ reviewerId: null, orgId: 'jg', externalReviewer: { name: '钱宏' } });
  });

  it('when a member is mobile, then they are required once, by the inflow secretary, counted in the inflow org', () => {
    const w4 = set.items.filter((i) => i.targetId === 'w4');
    expect(w4).toEqual([
      { key: '2010-Q4|R6|s1|MEMBER|w4', cycleKey: '2010-Q4', rule: 'R6', targetKind: 'MEMBER', targetId: 'w4', orgId: 'xx1', fromOrgId: 'xx1', reviewerId: 's1', reviewerOrgId: 'xx1', reviewerRowOrgId: 'xx1' },
    ]);
  });

  it('when a branch secretary also sits on the committee upstairs, then both R3 and R4 require them', () => {
    expect(set.items.filter((i) => i.targetId === 'g3').map((i) => i.key)).toEqual(['2010-H2|R3|g1|ORG_LEADER|g3', '2010-H2|R4|g1|COMMITTEE_MEMBER|g3']);
    expect(set.items.filter((i) => i.targetId === 'z2').map((i) => i.key)).toEqual([
      '2010-H2|R3|z1|ORG_LEADER|z2',
      '2010-H2|R4|z1|COMMITTEE_MEMBER|z2',
      '2010-H2|R5|LEFT:gx|ORG_LEADER|z2',
    ]);
  });

  it('when a secretary would review themself or a liaison repeats an R2/R3 review, then it is waived with the reason', () => {
    expect(set.waived.map((w) => [w.rule, w.targetId, w.reason, w.coveredBy ?? null])).toEqual([
      ['R1', 'g3', 'SELF', null],
      ['R1', 's1', 'SELF', null],
      ['R1', 'z2', 'SELF', null],
      ['R1', 'w1', 'SELF', null],
      ['R4', 'g3', 'SELF', null],
      ['R5', 'xx1', 'DUPLICATE', '2010-H2|R2|g1|ORG|xx1'],
      ['R5', 's1', 'DUPLICATE', '2010-H2|R3|g1|ORG_LEADER|s1'],
    ]);
    expect(set.items.some((i) => i.reviewerId !== null && i.reviewerId === i.targetId)).toBe(false);
  });

  it('when members are interns or elderly, then their requirement carries the mode hint', () => {
    expect(byKey.get('2010-Q4|R1|s1|MEMBER|s5')?.hint).toBe('REMOTE');
    expect(byKey.get('2010-Q4|R1|w1|MEMBER|w3')?.hint).toBe('FLEXIBLE');
    expect(byKey.get('2010-Q4|R1|w1|MEMBER|w2')?.hint).toBeUndefined();
  });

  it('when a liaison-only leader reviews, then they are counted in the row of the org they are registered in', () => {
    expect(byKey.get('2010-H2|R5|g2|ORG|wsy')).toMatchObject({ reviewerId: 'g2', reviewerOrgId: null, reviewerRowOrgId: 'jg', orgId: 'wsy' });
    expect(byKey.get('2010-H2|R2|g1|ORG|zx')).toMatchObject({ reviewerRowOrgId: 'gw', reviewerOrgId: 'gw' });
  });

  it('when nobody is a member (群众代表) or has left, then they are never a target', () => {
    expect(set.items.some((i) => i.targetId === 'm1' || i.targetId === 'gx')).toBe(false);
  });

  it('when a review is entered, then it is matched to its requirement by reviewer, target and the cycle its date falls in, whatever rule was chosen', () => {
    const index = requirementIndex(set.items);
    const hit = matchReview(index, campaign000, { reviewedAt: at('2010-12-01T09:00:00+08:00'), reviewerId: 'g1', targetKind: 'ORG', targetId: 'xx1' });
    expect(hit?.key).toBe('2010-H2|R2|g1|ORG|xx1');
    const ext = matchReview(index, campaign000, { reviewedAt: at('2010-12-01T09:00:00+08:00'), reviewerId: null, targetKind: 'ORG_LEADER', targetId: 'g1' });
    expect(ext?.key).toBe('2010-H2|R3|EXT|ORG_LEADER|g1');
    const nextQuarter = matchReview(index, campaign000, { reviewedAt: at('2011-01-03T09:00:00+08:00'), reviewerId: 's1', targetKind: 'MEMBER', targetId: 's2' });
    expect(nextQuarter).toBeNull();
  });
});

describe('requiredReviews on seed 003 (质检总局)', () => {
  const tree = seed003Tree();
  const set = requiredReviews(tree, campaign003, cyclesAt(campaign003, '2010-11-15T10:00:00+08:00'));

  it('when both current cycles are asked for, then each rule yields the hand-counted number of requirements', () => {
    expect(countBy(set.items, (i) => i.rule)).toEqual({ R1: 16, R2: 11, R3: 11, R4: 6, R5: 4, R6: 1, R7: 2 });
    expect(set.items).toHaveLength(51);
  });

  it('when no outside leader is named, then the top org and top secretary are reported as having no reviewer', () => {
    const gaps = set.items.filter((i) => i.reviewerId === null);
    expect(gaps.map((g) => [g.key, g.vacancy])).toEqual([
      ['2010-H2|R2|NONE|ORG|zj', 'NO_TOP_REVIEWER'],
      ['2010-H2|R3|NONE|ORG_LEADER|a1', 'NO_TOP_REVIEWER'],
    ]);
    expect(set.vacancies).toEqual([{ reason: 'NO_TOP_REVIEWER', orgId: 'zj' }]);
  });

  it('when 总局党组 assists outside bodies (R7), then its secretary must review each, counted in its row', () => {
    expect(set.items.filter((i) => i.rule === 'R7').map((i) => [i.key, i.orgId, i.reviewerOrgId])).toEqual([
      ['2010-H2|R7|a1|ORG|ext-bjciq', 'zj', 'zj'],
      ['2010-H2|R7|a1|ORG|ext-jsqts', 'zj', 'zj'],
    ]);
  });

  it('when members sit in a 党小组, then the 党支部 secretary reviews them and they count in the group', () => {
    expect(set.items.filter((i) => i.orgId === 'kg').map((i) => [i.key, i.reviewerOrgId])).toEqual([
      ['2010-Q4|R1|k1|MEMBER|k4', 'kb2'],
      ['2010-Q4|R1|k1|MEMBER|k5', 'kb2'],
    ]);
    expect(set.items.some((i) => i.targetId === 'kg')).toBe(false);
  });

  it('when the 党组书记 leads, then he has the hand-counted ten requirements (R2×3, R3×3, R4×2, R7×2)', () => {
    expect(countBy(set.items.filter((i) => i.reviewerId === 'a1'), (i) => i.rule)).toEqual({ R2: 3, R3: 3, R4: 2, R7: 2 });
  });

  it('when secretaries are registered in their own branch, then six R1 self-reviews are waived', () => {
    // Pre-order of the tree: rb, bb, jb1, jb2, kb1, kb2.
    expect(set.waived.map((w) => `${w.rule}:${w.targetId}:${w.reason}`)).toEqual(['R1:b3:SELF', 'R1:c2:SELF', 'R1:e1:SELF', 'R1:d2:SELF', 'R1:h2:SELF', 'R1:k1:SELF']);
  });
});
