import fc from 'fast-check';
import { barOf, coverageSeries, dashboardOf, daysToNextDeadline, percentOf, qualityLines, type DashboardRowInput } from './dashboard';

const c = (leaders: number, orgs: number, members: number) => ({ leaders, orgs, members });
const add = (a: ReturnType<typeof c>, b: ReturnType<typeof c>) => c(a.leaders + b.leaders, a.orgs + b.orgs, a.members + b.members);

/** The demo's shape: the root has its own leaders besides four units below. */
function table(): DashboardRowInput[] {
  const kids: DashboardRowInput[] = [
    { orgId: 'a', name: '卫生院', depth: 1, hasChildren: true, required: c(2, 2, 10), completed: c(1, 2, 4), own: { required: c(2, 1, 3), completed: c(1, 1, 1) } },
    { orgId: 'b', name: '中学', depth: 1, hasChildren: false, required: c(2, 1, 5), completed: c(2, 1, 5), own: { required: c(2, 1, 5), completed: c(2, 1, 5) } },
    { orgId: 'd', name: '村', depth: 1, hasChildren: false, required: c(1, 1, 3), completed: c(0, 0, 0), own: { required: c(1, 1, 3), completed: c(0, 0, 0) } },
    { orgId: 'e', name: '社区', depth: 1, hasChildren: false, required: c(1, 1, 2), completed: c(1, 0, 1), own: { required: c(1, 1, 2), completed: c(1, 0, 1) } },
  ];
  const own = { required: c(1, 1, 0), completed: c(1, 0, 0) };
  const required = kids.reduce((s, k) => add(s, k.required), own.required);
  const completed = kids.reduce((s, k) => add(s, k.completed), own.completed);
  return [{ orgId: 'root', name: '工委', depth: 0, hasChildren: true, required, completed, own }, ...kids];
}

describe('the progress dashboard', () => {
  it('when the unit has its own leaders, then a 本级 row comes first and the rows add up to the total', () => {
    const d = dashboardOf(table());
    expect(d.rows[0]).toMatchObject({ name: '本级', own: true, drill: false });
    for (const k of [0, 1, 2]) expect(d.rows.reduce((n, r) => n + r.bars[k].required, 0)).toBe(d.total[k].required);
    expect(d.total[0]).toMatchObject({ label: '领导', required: 7, done: 5, percent: 71 });
    expect(d.rows.find((r) => r.orgId === 'a')!.drill).toBe(true);
  });

  it('when any table is read, then rows add up to the total in each kind and the gaps add up too', () => {
    const counts = fc.record({ leaders: fc.nat(20), orgs: fc.nat(20), members: fc.nat(50) });
    fc.assert(
      fc.property(fc.array(fc.tuple(counts, counts), { maxLength: 8 }), fc.tuple(counts, counts), (kids, own) => {
        const rows: DashboardRowInput[] = kids.map(([r, d], i) => ({ orgId: `k${i}`, name: `k${i}`, depth: 1, hasChildren: false, required: r, completed: d, own: { required: r, completed: d } }));
        const required = rows.reduce((s, k) => add(s, k.required), own[0]);
        const completed = rows.reduce((s, k) => add(s, k.completed), own[1]);
        const d = dashboardOf([{ orgId: 'root', name: 'root', depth: 0, hasChildren: true, required, completed, own: { required: own[0], completed: own[1] } }, ...rows]);
        for (const k of [0, 1, 2]) expect(d.rows.reduce((n, r) => n + r.bars[k].required, 0)).toBe(d.total[k].required);
      }),
    );
  });

  it('when something is missing, then the gaps are grouped by reason with who must act', () => {
    const d = dashboardOf(table());
    expect(d.gapReasons.map((g) => g.code)).toEqual(['LEADERS_NOT_REVIEWING', 'NOT_REVIEWED']);
    expect(d.gapReasons[0]).toMatchObject({ count: 2, who: '需领导本人完成点评' });
    expect(d.gaps).toBe(d.gapReasons.reduce((n, g) => n + g.count, 0));
  });

  it('when nothing is required, then the percentage is 100 and never above 100', () => {
    expect(percentOf(0, 0)).toBe(100);
    expect(percentOf(3, 2)).toBe(100);
    expect(percentOf(1, 3)).toBe(33);
  });

  it('when a kind has nobody to count (党员 0/0), then its bar is empty and reads 无, not a full 100%', () => {
    expect(barOf('members', 0, 0)).toMatchObject({ empty: true, percent: 0, figure: '无' });
    expect(barOf('members', 3, 1)).toMatchObject({ empty: false, percent: 33, figure: '1/3　33%' });
    const own = dashboardOf(table()).rows[0];
    expect(own.bars[2]).toMatchObject({ label: '党员', empty: true, figure: '无' });
  });

  it('when deadlines are past and ahead, then the next one on or after today is counted in days', () => {
    expect(daysToNextDeadline('2026-11-21', ['2026-11-01', '2026-12-05', '2026-11-30'])).toEqual({ date: '2026-11-30', days: 9 });
    expect(daysToNextDeadline('2026-11-21', ['2026-11-21'])).toEqual({ date: '2026-11-21', days: 0 });
    expect(daysToNextDeadline('2026-12-21', ['2026-11-30'])).toBeNull();
  });

  it('when reviews carried hints, then the counts are said in plain words, only the kinds that occurred', () => {
    expect(qualityLines({ submitted: 5, hints: { GENERIC: 2, COPIED_LAST: 0 } })).toEqual(['已交点评5份', '2份问题或方向只有套话']);
    expect(qualityLines({ submitted: 0, hints: {} })).toEqual([]);
  });

  it('when reports were made, then the coverage series is oldest first and ends with now', () => {
    const rows = (done: number) => [{ depth: 0, required: c(2, 2, 6), cumulative: c(done, 0, 0) }];
    const s = coverageSeries([{ asOf: 20, rows: rows(2) }, { asOf: 10, rows: rows(1) }], { asOf: 30, required: c(2, 2, 6), completed: c(2, 2, 1) });
    expect(s).toEqual([{ asOf: 10, percent: 10 }, { asOf: 20, percent: 20 }, { asOf: 30, percent: 50 }]);
  });
});
