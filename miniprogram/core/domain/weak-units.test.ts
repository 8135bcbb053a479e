import { attendanceRefusal, weakNoteProblem, weakUnitStatus, type WeakMark } from './weak-units';

const mark: WeakMark = { note: '班子不齐，组织生活不经常', by: 'p_g1', at: 1, attended: { '2026-H2': { date: '2026-11-20', note: '参加支部点评会', by: 'p_g1', at: 2 } } };
const zhou = { id: 'p_g1', name: '周建国' };

describe('weak units [001] (weakUnitStatus)', () => {
  it('when the upper principal reviewed the unit himself this round, then it is done by his review', () => {
    expect(weakUnitStatus({ ...mark, attended: {} }, '2026-H2', zhou, true)).toEqual({ state: 'REVIEWED', label: '薄弱单位：周建国已亲自点评', owed: false });
  });

  it('when his attendance is recorded for this round, then it is done with the day; for another round it is owed', () => {
    expect(weakUnitStatus(mark, '2026-H2', zhou, false)).toEqual({ state: 'ATTENDED', label: '薄弱单位：周建国已亲自参加（2026-11-20）', owed: false });
    expect(weakUnitStatus(mark, '2027-H1', zhou, false)).toEqual({ state: 'OWED', label: '薄弱单位：待周建国亲自参加点评', owed: true });
  });

  it('when the upper org has no secretary, then the gap says the post is vacant', () => {
    expect(weakUnitStatus(mark, '2026-H2', { id: null, name: null }, false).state).toBe('NO_PRINCIPAL');
  });
});

describe('who records attendance (attendanceRefusal)', () => {
  it('when the principal or the office records it, then it is allowed; anyone else is refused', () => {
    expect(attendanceRefusal({ personId: 'p_g1', admin: false }, 'p_g1')).toBeNull();
    expect(attendanceRefusal({ personId: null, admin: true }, 'p_g1')).toBeNull();
    expect(attendanceRefusal({ personId: 'p_s1', admin: false }, 'p_g1')).toBe('PROGRESS.NOT_PRINCIPAL');
    expect(attendanceRefusal({ personId: 'p_g1', admin: false }, null)).toBe('PROGRESS.NO_PRINCIPAL');
  });

  it('when a note runs over 100 characters, then it is refused', () => {
    expect(weakNoteProblem('好'.repeat(100))).toBeNull();
    expect(weakNoteProblem('好'.repeat(101))).toBe('说明请控制在100字以内');
  });
});
