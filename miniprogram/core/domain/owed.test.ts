import fc from 'fast-check';
import type { TargetRef } from '../contracts/review';
import { RECTIFICATION_MACHINE, availableEvents } from './workflow';
import { planHandInsDue, rectificationOwedByTarget, replyToConfirm, reportKey, reportsOwed, unitReported } from './owed';

const member = (id: string): TargetRef => ({ kind: 'MEMBER', orgId: 'xx1', personId: id, name: id });

describe('reportsOwed', () => {
  it('when one target of an open session has reported, then only the other is owed, and a closed session owes nothing', () => {
    const open = { id: 's1', reportDeadline: '2026-12-08', date: '2026-12-10', targets: [member('a'), member('b')] };
    const closed = { id: 's2', reportDeadline: '2026-12-01', date: '2026-12-01', targets: [member('c')] };
    const owed = reportsOwed([open, closed], new Set([reportKey('s1', { kind: 'MEMBER', id: 'a' })]), '2026-12-05');
    expect(owed.map((o) => [o.session.id, o.target.personId])).toEqual([['s1', 'b']]);
  });

  it('when sessions and submissions are generated, then a target is owed exactly when its session is open and its key is not submitted', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ deadline: fc.integer({ min: 1, max: 28 }), targets: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }) }), { maxLength: 5 }), fc.integer({ min: 1, max: 28 }), fc.array(fc.tuple(fc.nat(4), fc.constantFrom('a', 'b', 'c', 'd'))), (raw, dayN, done) => {
        const day = `2026-12-${String(dayN).padStart(2, '0')}`;
        const sessions = raw.map((s, i) => ({ id: `s${i}`, reportDeadline: `2026-12-${String(s.deadline).padStart(2, '0')}`, date: '2026-12-01', targets: s.targets.map(member) }));
        const submitted = new Set(done.map(([i, p]) => reportKey(`s${i}`, { kind: 'MEMBER', id: p })));
        const owed = new Set(reportsOwed(sessions, submitted, day).map((o) => `${o.session.id}|${o.target.personId}`));
        for (const s of sessions) for (const t of s.targets) expect(owed.has(`${s.id}|${t.personId}`)).toBe(s.reportDeadline >= day && !submitted.has(reportKey(s.id, { kind: 'MEMBER', id: t.personId as string })));
      }),
    );
  });
});

describe('rectifications owed', () => {
  it('when each state of the machine is asked, then the target owes a step while planning or replying and the reviewer confirms only a reply', () => {
    expect(RECTIFICATION_MACHINE.states.filter(rectificationOwedByTarget)).toEqual(['REQUIRED', 'PLANNED']);
    expect(RECTIFICATION_MACHINE.states.filter(replyToConfirm)).toEqual(['REPLIED']);
    expect(RECTIFICATION_MACHINE.states.filter((s) => availableEvents(RECTIFICATION_MACHINE, s, ['REVIEWER']).includes('CONFIRM'))).toEqual(['REPLIED']);
  });
});

describe('unitReported', () => {
  it('when the last report is dated on the period’s first day or earlier, then the unit has not reported; the day after, it has', () => {
    expect(unitReported(null, '2026-07-15')).toBe(false);
    expect(unitReported({ asOf: Date.parse('2026-07-15T23:59+08:00') }, '2026-07-15')).toBe(false);
    expect(unitReported({ asOf: Date.parse('2026-07-16T00:00+08:00') }, '2026-07-15')).toBe(true);
  });
});

describe('the 具体方案 owed (planHandInsDue)', () => {
  const call = { deadline: '2026-12-20', note: '' };
  const units = [{ orgId: 'a', handIn: null }, { orgId: 'b', handIn: { text: '方案', files: [], at: 1 } }, { orgId: 'c', handIn: null }];

  it('when the deadline is 3 or 1 days away, then the units that have not handed in are reminded; those that did are not', () => {
    expect(planHandInsDue('2026-12-17', call, units).map((u) => u.orgId)).toEqual(['a', 'c']);
    expect(planHandInsDue('2026-12-19', call, units).map((u) => u.orgId)).toEqual(['a', 'c']);
  });

  it('when it is another day, then nobody is reminded', () => {
    expect(planHandInsDue('2026-12-18', call, units)).toEqual([]);
    expect(planHandInsDue('2026-12-21', call, units)).toEqual([]);
  });
});
