import { defaultSessionPlan, meetingTypesFor, sessionPlanProblems } from './session-plan';

const today = '2026-11-21';
const fields = (plan: Parameters<typeof sessionPlanProblems>[0]) => sessionPlanProblems(plan, today).map((p) => p.path[0]);

describe('sessionPlanProblems', () => {
  it('when the default plan has a place, then nothing is wrong with it', () => {
    expect(sessionPlanProblems({ ...defaultSessionPlan(today), place: '党员活动室' }, today)).toEqual([]);
  });

  it('when the place is blank, then the place is refused', () => {
    expect(fields({ ...defaultSessionPlan(today), place: '  ' })).toEqual(['place']);
  });

  it('when the meeting is in the past with deadlines, then the date is refused', () => {
    expect(fields({ date: '2026-11-20', place: '室', reportDeadline: '2026-11-22', opinionDeadline: null })).toContain('date');
  });

  it('when a meeting already held is recorded without deadlines, then it is accepted', () => {
    expect(fields({ date: '2026-11-10', place: '室', reportDeadline: null, opinionDeadline: null })).toEqual([]);
  });

  it('when a deadline is today, then it is refused (nobody could prepare)', () => {
    expect(fields({ date: '2026-11-28', place: '室', reportDeadline: today, opinionDeadline: today })).toEqual(['reportDeadline', 'opinionDeadline']);
  });

  it('when reports are due after the meeting, then the report deadline is refused', () => {
    expect(fields({ date: '2026-11-28', place: '室', reportDeadline: '2026-11-29', opinionDeadline: null })).toEqual(['reportDeadline']);
  });

  it('when reports are due on the meeting day, then it is accepted', () => {
    expect(fields({ date: '2026-11-28', place: '室', reportDeadline: '2026-11-28', opinionDeadline: null })).toEqual([]);
  });

  it('when opinions close on the meeting day, then they are refused with the last possible day named', () => {
    const problems = sessionPlanProblems({ date: '2026-11-28', place: '室', reportDeadline: null, opinionDeadline: '2026-11-28' }, today);
    expect(problems).toEqual([{ path: ['opinionDeadline'], message: expect.stringContaining('最晚11月27日') }]);
  });

  it('when the date is not a date, then the date is refused', () => {
    expect(fields({ date: '', place: '室', reportDeadline: null, opinionDeadline: null })).toEqual(['date']);
  });
});

describe('defaults', () => {
  it('when the plan is defaulted, then the meeting is in a week, reports two days and opinions one day before it', () => {
    expect(defaultSessionPlan(today)).toEqual({ date: '2026-11-28', reportDeadline: '2026-11-26', opinionDeadline: '2026-11-27' });
  });

  it('when a 党组 or a 工委 holds the meeting, then 党组会 or 党委会 comes first, and a branch its 党员大会', () => {
    expect([meetingTypesFor('LEADING_GROUP')[0], meetingTypesFor('WORK_COMMITTEE')[0], meetingTypesFor('BRANCH')[0]]).toEqual(['LEADING_GROUP_MEETING', 'COMMITTEE_MEETING', 'PARTY_MEMBERS_MEETING']);
  });

  it('when an upper org or a branch holds the meeting, then the seeds\' working meetings are offered too, each where the seeds hold it', () => {
    expect(meetingTypesFor('COMMITTEE')).toEqual(expect.arrayContaining(['CENTRAL_GROUP_STUDY', 'THEMATIC_MEETING', 'PROGRESS_MEETING', 'DISPATCH_MEETING', 'REGULAR_WORK_MEETING']));
    expect(meetingTypesFor('BRANCH')).toEqual(expect.arrayContaining(['THREE_MEETINGS_ONE_LESSON', 'PARTY_DAY', 'GROUP_STUDY', 'REGULAR_WORK_MEETING', 'BRIEFING_MEETING']));
    expect(meetingTypesFor('BRANCH')).not.toContain('CENTRAL_GROUP_STUDY');
  });
});
