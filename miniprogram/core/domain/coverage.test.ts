import { counterRow, coverageRatio, ownRow, progressReport, unitComplete, type ProgressReport, type ReportRow } from './coverage';
import { currentCycles, type Cycle } from './cycles';
import { campaign000, seed000Tree } from './fixtures/seed000';
import { campaign003, seed003Tree } from './fixtures/seed003';
import { requiredReviews } from './required';

const at = (iso: string) => Date.parse(iso);
const cyclesAt = (campaign: typeof campaign000, iso: string): Cycle[] => {
  const r = currentCycles(campaign, at(iso));
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const c = (leaders: number, orgs: number, members: number) => ({ leaders, orgs, members });
const row = (report: ProgressReport, orgId: string): ReportRow => {
  const r = report.rows.find((x) => x.orgId === orgId);
  if (!r) throw new Error(`no row ${orgId}`);
  return r;
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('progress report on seed 000 (附件1 rolled up 工委 → 党总支 → 党支部)', () => {
  const tree = seed000Tree();
  const { items } = requiredReviews(tree, campaign000, cyclesAt(campaign000, '2010-11-15T10:00:00+08:00'));
  const done1 = at('2010-12-05T10:00:00+08:00');
  const first = new Map<string, number>([
    // 吴敏 (s1) does all her six reviews.
    ['2010-Q4|R1|s1|MEMBER|s2', done1],
    ['2010-Q4|R1|s1|MEMBER|s3', done1],
    ['2010-Q4|R1|s1|MEMBER|s4', done1],
    ['2010-Q4|R1|s1|MEMBER|s5', done1],
    ['2010-Q4|R6|s1|MEMBER|w4', done1],
    ['2010-H2|R4|s1|COMMITTEE_MEMBER|s2', done1],
    // 周建国 (g1) reviews the school and its secretary.
    ['2010-H2|R2|g1|ORG|xx1', done1],
    ['2010-H2|R3|g1|ORG_LEADER|s1', done1],
  ]);
  const report1 = must(progressReport({ tree, campaignId: 'c000', items, completions: first, asOf: at('2010-12-10T12:00:00+08:00') }));

  const done2 = at('2010-12-15T10:00:00+08:00');
  const second = new Map(first);
  for (const k of ['2010-Q4|R1|w1|MEMBER|w2', '2010-Q4|R1|w1|MEMBER|w3', '2010-H2|R4|w1|COMMITTEE_MEMBER|w2', '2010-H2|R2|g1|ORG|wsy', '2010-H2|R3|EXT|ORG_LEADER|g1']) {
    second.set(k, done2);
  }
  second.set('2010-H2|R2|g1|ORG|jg', at('2010-12-25T10:00:00+08:00')); // after the report: not counted
  const report2 = must(progressReport({ tree, campaignId: 'c000', items, completions: second, asOf: at('2010-12-20T12:00:00+08:00'), previous: report1.snapshot }));

  it('when nothing is done yet, then the required column is the hand count for every unit', () => {
    const empty = must(progressReport({ tree, campaignId: 'c000', items, completions: new Map(), asOf: done1 }));
    expect(empty.rows.map((r) => [r.orgId, r.depth, r.required])).toEqual([
      ['gw', 0, c(7, 7, 20)],
      ['jg', 1, c(2, 1, 5)],
      ['xx1', 1, c(1, 1, 6)],
      ['zx', 1, c(2, 3, 6)],
      ['zb1', 2, c(1, 1, 4)],
      ['zb2', 2, c(0, 1, 2)],
      ['wsy', 1, c(1, 1, 3)],
    ]);
    expect(row(empty, 'zx').own.required).toEqual(c(1, 1, 0));
    expect(row(empty, 'gw').completed).toEqual(c(0, 0, 0));
  });

  it('when the first report is taken, then new and cumulative equal what is completed', () => {
    expect(row(report1, 'xx1')).toMatchObject({ required: c(1, 1, 6), completed: c(1, 1, 6), newlyCompleted: c(1, 1, 6), cumulative: c(1, 1, 6) });
    expect(row(report1, 'gw')).toMatchObject({ required: c(7, 7, 20), completed: c(1, 1, 6), newlyCompleted: c(1, 1, 6), cumulative: c(1, 1, 6) });
    expect(coverageRatio(row(report1, 'xx1'))).toEqual({ leaders: 1, orgs: 1, members: 1 });
  });

  it('when the second report follows, then new counts only what completed since, and cumulative adds it', () => {
    expect(row(report2, 'wsy')).toMatchObject({ completed: c(1, 1, 2), newlyCompleted: c(1, 1, 2), cumulative: c(1, 1, 2) });
    expect(row(report2, 'jg')).toMatchObject({ completed: c(0, 0, 1), newlyCompleted: c(0, 0, 1), cumulative: c(0, 0, 1) });
    expect(row(report2, 'xx1')).toMatchObject({ completed: c(1, 1, 6), newlyCompleted: c(0, 0, 0), cumulative: c(1, 1, 6) });
    expect(row(report2, 'gw')).toMatchObject({ required: c(7, 7, 20), completed: c(2, 2, 9), newlyCompleted: c(1, 1, 3), cumulative: c(2, 2, 9) });
    expect(report2.snapshot.ownCumulative.wsy).toEqual(c(1, 1, 2));
    expect(report2.snapshot.ownCumulative.gw).toEqual(c(0, 0, 0));
  });

  it('when the second report lists gaps, then vacant branches show "no reviewer" and the rest "not done"', () => {
    const { notReviewed, notReviewing } = report2.gaps;
    expect(notReviewed).toHaveLength(16); // 11 members + 5 orgs
    expect(notReviewed.filter((g) => g.reason === 'NO_REVIEWER').map((g) => [g.id, g.name, g.vacancies])).toEqual([
      ['z5', '胡斌', ['NO_SECRETARY']],
      ['z6', '林涛', ['NO_SECRETARY']],
    ]);
    expect(notReviewed.filter((g) => g.kind === 'ORG').map((g) => g.id).sort()).toEqual(['gw', 'jg', 'zb1', 'zb2', 'zx']);
    expect(notReviewing.map((g) => g.personId).sort()).toEqual(['g1', 'g2', 'g3', 'z1', 'z2']);
    expect(notReviewing.find((g) => g.personId === 'g1')).toMatchObject({ name: '周建国', orgId: 'gw', done: 3, total: 10 });
  });

  it('when a report runs into a new cycle, then cumulative keeps adding (人次) while completed restarts', () => {
    const q1 = requiredReviews(tree, campaign000, cyclesAt(campaign000, '2011-01-10T10:00:00+08:00'));
    const report3 = must(
      progressReport({
        tree,
        campaignId: 'c000',
        items: q1.items,
        completions: new Map([['2011-Q1|R1|s1|MEMBER|s2', at('2011-01-12T10:00:00+08:00')]]),
        asOf: at('2011-01-20T12:00:00+08:00'),
        previous: report2.snapshot,
      }),
    );
    expect(row(report3, 'xx1')).toMatchObject({ required: c(1, 1, 6), completed: c(0, 0, 1), newlyCompleted: c(0, 0, 1), cumulative: c(1, 1, 7) });
    expect(row(report3, 'gw').cumulative).toEqual(c(2, 2, 10));
  });

  it('when one org\'s own row is computed from its own requirements only, then it equals its row in the full report', () => {
    for (const id of tree.preorder) {
      const own = ownRow(id, items, second, report2.asOf, report1.asOf);
      const r = row(report2, id).own;
      expect(own).toEqual({ required: r.required, completed: r.completed, newlyCompleted: r.newlyCompleted });
    }
  });
});

describe('progress report on seed 003 (质检总局)', () => {
  const tree = seed003Tree();
  const { items } = requiredReviews(tree, campaign003, cyclesAt(campaign003, '2010-11-15T10:00:00+08:00'));

  it('when nothing is done, then every level rolls up to the hand count: 13 leaders, 13 orgs (2 assisted outside), 23 members', () => {
    const r = must(progressReport({ tree, campaignId: 'c003', items, completions: new Map(), asOf: at('2010-11-30T00:00:00+08:00') }));
    expect(r.rows.map((x) => [x.orgId, x.required])).toEqual([
      ['zj', c(13, 13, 23)],
      ['rjw', c(2, 2, 3)],
      ['rb', c(1, 1, 3)],
      ['bzw', c(2, 2, 2)],
      ['bb', c(1, 1, 2)],
      ['jgdw', c(8, 6, 18)],
      ['jb1', c(2, 1, 5)],
      ['jb2', c(2, 1, 5)],
      ['kyy', c(3, 3, 8)],
      ['kb1', c(1, 1, 3)],
      ['kb2', c(1, 1, 5)],
      ['kg', c(0, 0, 2)],
    ]);
    expect(row(r, 'zj').own.required).toEqual(c(1, 3, 0));
    const top = r.gaps.notReviewed.filter((g) => g.reason === 'NO_REVIEWER').map((g) => [g.kind, g.id]);
    expect(top).toEqual([['ORG', 'zj']]); // 王局长 (a1) also has his R1 by e1, so he is only "not done"
  });

  it('when the 检科院党委 subtree is reported after h1 and k1 finish, then its rows and gaps are the hand count', () => {
    const t = at('2010-11-20T10:00:00+08:00');
    const keys = [
      '2010-H2|R2|h1|ORG|kb1',
      '2010-H2|R2|h1|ORG|kb2',
      '2010-H2|R3|h1|ORG_LEADER|h2',
      '2010-H2|R3|h1|ORG_LEADER|k1',
      '2010-H2|R4|h1|COMMITTEE_MEMBER|h2',
      '2010-Q4|R1|k1|MEMBER|k2',
      '2010-Q4|R1|k1|MEMBER|k3',
      '2010-Q4|R1|k1|MEMBER|k4',
      '2010-Q4|R1|k1|MEMBER|k5',
    ];
    for (const k of keys) expect(items.some((i) => i.key === k)).toBe(true);
    const r = must(
      progressReport({ tree, campaignId: 'c003', items, completions: new Map(keys.map((k) => [k, t])), asOf: at('2010-11-30T00:00:00+08:00'), rootOrgId: 'kyy' }),
    );
    expect(r.rows.map((x) => [x.orgId, x.depth, x.required, x.completed])).toEqual([
      ['kyy', 0, c(3, 3, 8), c(2, 2, 6)],
      ['kb1', 1, c(1, 1, 3), c(0, 1, 1)],
      ['kb2', 1, c(1, 1, 5), c(1, 1, 5)],
      ['kg', 2, c(0, 0, 2), c(0, 0, 2)],
    ]);
    expect(r.gaps.notReviewed.map((g) => [g.kind, g.id, g.reason])).toEqual([
      ['MEMBER', 'h1', 'NOT_DONE'],
      ['MEMBER', 'h3', 'NOT_DONE'],
      ['ORG', 'kyy', 'NOT_DONE'],
    ]);
    expect(r.gaps.notReviewing).toEqual([{ personId: 'h2', name: '沈副院长', orgId: 'kb1', done: 0, total: 2, pendingKeys: ['2010-Q4|R1|h2|MEMBER|h1', '2010-Q4|R1|h2|MEMBER|h3'] }]);
    expect(Object.keys(r.snapshot.ownCumulative)).toEqual(['kyy', 'kb1', 'kb2', 'kg']);
  });

  it('when the report root is not an org of the tree, then it fails with ORG.NOT_FOUND', () => {
    const r = progressReport({ tree, campaignId: 'c003', items, completions: new Map(), asOf: 0, rootOrgId: 'nope' });
    expect(r.ok ? null : r.error.code).toBe('ORG.NOT_FOUND');
  });
});

describe('the figures the counters ship', () => {
  const c = (leaders: number, orgs: number, members: number) => ({ leaders, orgs, members });

  it('when a leader has done some but not all of their reviews, then the unit is not complete; a target is complete with its first', () => {
    expect([unitComplete('LEADER', 2, 3), unitComplete('LEADER', 3, 3), unitComplete('MEMBER', 1, 4), unitComplete('ORG', 0, 2)]).toEqual([false, true, true, false]);
  });

  it('when a report follows the last one, then new = events since then, cumulative = last cumulative + new, never below zero', () => {
    const row = counterRow({ required: c(4, 2, 10), completed: c(1, 1, 6), events: c(3, 1, 9) }, { events: c(1, 2, 5), cumulative: c(1, 2, 5) });
    expect(row).toEqual({ required: c(4, 2, 10), newlyCompleted: c(2, 0, 4), cumulative: c(3, 2, 9), completed: c(1, 1, 6), ratio: { leaders: 0.25, orgs: 0.5, members: 0.6 } });
  });

  it('when nothing was reported before, then everything counted so far is new', () => {
    expect(counterRow({ required: c(1, 1, 1), completed: c(1, 0, 1), events: c(1, 0, 2) }, undefined)).toMatchObject({ newlyCompleted: c(1, 0, 2), cumulative: c(1, 0, 2) });
  });
});
