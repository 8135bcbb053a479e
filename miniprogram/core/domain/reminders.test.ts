import fc from 'fast-check';
import { NUDGE_STATUSES, NUDGE_WHEN, REMINDER_KINDS, REMIND_EVERY_MINUTES, SEND_HOUR, daysUntil, nudgeReplyText, nudgeSchedule, reportReminderDue, reportsOpenOn, fitsField, messageProblem, progressPeriodStart, rectificationReminderDue, reminderMessage, reminderStillOpen, reviewReminderDue, SUBSCRIBE_MOMENTS, TEMPLATE_FIELDS, thingValue, type OpenWork, type ReminderFacts } from './reminders';

const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constant(''), fc.constant('  \n '));
const id = fc.string({ minLength: 1, maxLength: 40 });

/** Every message the remind function can build: each kind with arbitrary (also extreme) facts. */
const facts: fc.Arbitrary<ReminderFacts> = fc.oneof(
  fc.record({ kind: fc.constant('REVIEW_DUE' as const), campaignId: id, campaignName: text, open: fc.integer({ min: 1, max: 100_000 }), dueDate: date }),
  fc.record({ kind: fc.constant('REPORT_DUE' as const), reviewerName: text, sessionId: id, deadline: date }),
  fc.record({ kind: fc.constant('OPINION_DUE' as const), reviewerName: text, sessionId: id, deadline: date }),
  fc.record({ kind: fc.constant('RECTIFICATION_DUE' as const), rectificationId: id, requirement: text, deadline: date, imposed: fc.boolean(), overdue: fc.boolean() }),
  fc.record({ kind: fc.constant('REPLY_TO_CONFIRM' as const), rectificationId: id, count: fc.integer({ min: 1, max: 10_000 }), repliedOn: date }),
  fc.record({ kind: fc.constant('PROGRESS_REPORT_DUE' as const), campaignId: id, campaignName: text, orgId: id, units: fc.array(text, { maxLength: 50 }), deadline: date }),
);

describe('reminder messages', () => {
  it('when any message the function can build is checked against its template, then every value fits its field', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const m = reminderMessage(f);
        expect(messageProblem(m)).toBeNull();
        expect(Object.keys(m.data).sort()).toEqual(TEMPLATE_FIELDS[f.kind].map((x) => x.key).sort());
        expect(m.page).toMatch(/^pages\/[a-z]+\/[a-z]+\/[a-z]+(\?.*)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('when every kind has a template, then each has a 事项 thing and a date field', () => {
    for (const kind of REMINDER_KINDS) expect(TEMPLATE_FIELDS[kind].map((f) => f.type)).toEqual(['thing', 'thing', 'date']);
  });

  it('when a long Chinese text becomes a thing value, then it keeps 19 characters and an ellipsis', () => {
    const v = thingValue('制定个人学习计划并按月落实，每月向支部书记汇报一次学习心得体会');
    expect([...v].length).toBe(20);
    expect(v.endsWith('…')).toBe(true);
    expect(fitsField('thing', '一二三四五六七八九十一二三四五六七八九十一')).toBe(false);
    expect(fitsField('date', '2026-12-31')).toBe(false);
  });

  it('when the front end asks at a moment, then it asks for at most 3 templates', () => {
    for (const kinds of Object.values(SUBSCRIBE_MOMENTS)) expect(kinds.length).toBeLessThanOrEqual(3);
  });
});

describe('reminder days', () => {
  it('when a cycle is due on 12-31, then reviewers are reminded on 12-24, 12-28 and 12-30 only', () => {
    const days = Array.from({ length: 20 }, (_, i) => `2026-12-${String(i + 12).padStart(2, '0')}`).filter((d) => reviewReminderDue(d, '2026-12-31'));
    expect(days).toEqual(['2026-12-24', '2026-12-28', '2026-12-30']);
  });

  it('when a rectification is 4 days out, then it is not reminded unless imposed; 3 days out or overdue, it is', () => {
    expect(rectificationReminderDue('2026-12-27', '2026-12-31', false)).toBe(false);
    expect(rectificationReminderDue('2026-12-27', '2026-12-31', true)).toBe(true);
    expect(rectificationReminderDue('2026-12-28', '2026-12-31', false)).toBe(true);
    expect(rectificationReminderDue('2027-01-05', '2026-12-31', false)).toBe(true);
    expect(daysUntil('2027-01-05', '2026-12-31')).toBe(-5);
  });
});

describe('in-app reminders while the work is open', () => {
  const none: OpenWork = { reviewCampaigns: new Set(), reportSessions: new Set(), opinionSessions: new Set(), rectifications: new Set(), repliesToConfirm: 0, progressOrgs: new Set(), planHandIns: new Set() };
  const all: ReminderFacts[] = [
    { kind: 'REVIEW_DUE', campaignId: 'c1', campaignName: '创先争优', open: 2, dueDate: '2026-12-31' },
    { kind: 'REPORT_DUE', reviewerName: '吴敏', sessionId: 's1', deadline: '2026-12-20' },
    { kind: 'OPINION_DUE', reviewerName: '吴敏', sessionId: 's1', deadline: '2026-12-20' },
    { kind: 'RECTIFICATION_DUE', rectificationId: 'r1', requirement: '学习', deadline: '2026-12-31', imposed: false, overdue: false },
    { kind: 'REPLY_TO_CONFIRM', rectificationId: 'r1', count: 1, repliedOn: '2026-12-20' },
    { kind: 'PROGRESS_REPORT_DUE', campaignId: 'c1', campaignName: '创先争优', orgId: 'o1', units: ['一支部'], deadline: '2027-01-28' },
    { kind: 'PLAN_HAND_IN_DUE', campaignId: 'c1', orgId: 'o3', upperOrgName: '院党委', deadline: '2026-12-20' },
  ];

  it('when nothing is open any more, then no reminder of any kind is still open', () => {
    expect(all.filter((f) => reminderStillOpen(f, none))).toEqual([]);
  });

  it('when exactly the named items are open, then every kind of reminder is open', () => {
    const open: OpenWork = { reviewCampaigns: new Set(['c1']), reportSessions: new Set(['s1']), opinionSessions: new Set(['s1']), rectifications: new Set(['r1']), repliesToConfirm: 1, progressOrgs: new Set(['c1|o1']), planHandIns: new Set(['c1|o3']) };
    expect(all.filter((f) => reminderStillOpen(f, open)).map((f) => f.kind)).toEqual(REMINDER_KINDS.filter((k) => all.some((f) => f.kind === k)));
  });

  it('when another session or campaign is open, then a reminder about a finished one is not', () => {
    const open: OpenWork = { ...none, reviewCampaigns: new Set(['c2']), reportSessions: new Set(['s2']), opinionSessions: new Set(['s2']), rectifications: new Set(['r2']), progressOrgs: new Set(['c1|o2']), planHandIns: new Set(['c1|o4']) };
    expect(all.filter((f) => reminderStillOpen(f, open))).toEqual([]);
  });

  it('when a progress report has earlier deadlines, then its period starts at the latest one before it', () => {
    expect(progressPeriodStart(['2027-01-28', '2026-07-15'], '2027-01-28', '2026-03-01')).toBe('2026-07-15');
    expect(progressPeriodStart(['2027-01-28', '2026-07-15'], '2026-07-15', '2026-03-01')).toBe('2026-03-01');
  });
});

describe('nudging those who have not reported', () => {
  const at = (iso: string) => Date.parse(iso);

  it('when a nudge is made during the sending hours, then it goes out at the next firing, that day', () => {
    expect(nudgeSchedule(at('2026-12-01T10:05+08:00'))).toEqual({ day: '2026-12-01', sendsAt: at('2026-12-01T10:10+08:00'), when: 'SOON' });
    expect(nudgeSchedule(at('2026-12-01T09:00+08:00'))).toEqual({ day: '2026-12-01', sendsAt: at('2026-12-01T09:10+08:00'), when: 'SOON' });
    expect(nudgeSchedule(at('2026-12-01T23:49:59+08:00'))).toEqual({ day: '2026-12-01', sendsAt: at('2026-12-01T23:50+08:00'), when: 'SOON' });
  });

  it('when a nudge is made before 9:00, then it goes out at 9:00 that day; after the last firing, at 9:00 the next day and for that day', () => {
    expect(nudgeSchedule(at('2026-12-01T00:00+08:00'))).toEqual({ day: '2026-12-01', sendsAt: at('2026-12-01T09:00+08:00'), when: 'TODAY' });
    expect(nudgeSchedule(at('2026-12-01T08:59:59+08:00'))).toEqual({ day: '2026-12-01', sendsAt: at('2026-12-01T09:00+08:00'), when: 'TODAY' });
    expect(nudgeSchedule(at('2026-12-31T23:50+08:00'))).toEqual({ day: '2027-01-01', sendsAt: at('2027-01-01T09:00+08:00'), when: 'TOMORROW' });
  });

  it('when any instant is nudged, then the reminders go out on its day or the next, from SEND_HOUR, within one firing interval or at SEND_HOUR', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2020-01-01T00:00+08:00'), max: at('2035-12-31T00:00+08:00') }), (now) => {
        const s = nudgeSchedule(now);
        const hour = Math.floor(((s.sendsAt + 8 * 3_600_000) % 86_400_000) / 3_600_000);
        expect(s.sendsAt).toBeGreaterThan(now - 1);
        expect(hour).toBeGreaterThanOrEqual(SEND_HOUR);
        expect(s.day >= new Date(now + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(true);
        expect(new Date(s.sendsAt + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(s.day);
        if (s.when === 'SOON') expect(s.sendsAt - now).toBeLessThanOrEqual(REMIND_EVERY_MINUTES * 60_000);
      }),
      { numRuns: 2000 },
    );
  });

  it('when a session has a report deadline, or only a date, then its reports are due until that day', () => {
    expect(reportsOpenOn('2026-12-08', { reportDeadline: '2026-12-08', date: '2026-12-10' })).toBe(true);
    expect(reportsOpenOn('2026-12-09', { reportDeadline: '2026-12-08', date: '2026-12-10' })).toBe(false);
    expect(reportsOpenOn('2026-12-10', { reportDeadline: null, date: '2026-12-10' })).toBe(true);
    expect(reportsOpenOn('2026-12-11', { reportDeadline: null, date: '2026-12-10' })).toBe(false);
  });

  it('when a session is nudged today while its reports are due, then its report reminders are due today as on a deadline day; not otherwise', () => {
    const s = { reportDeadline: '2026-12-20', date: '2026-12-22' };
    expect(reportReminderDue('2026-12-01', s, true)).toBe(true);
    expect(reportReminderDue('2026-12-01', s, false)).toBe(false);
    expect(reportReminderDue('2026-12-17', s, false)).toBe(true);
    expect(reportReminderDue('2026-12-21', s, true)).toBe(false);
    expect(reportReminderDue('2026-12-22', { reportDeadline: null, date: '2026-12-22' }, true)).toBe(true);
    expect(reportReminderDue('2026-12-19', { reportDeadline: null, date: '2026-12-22' }, false)).toBe(false);
  });

  it('when a nudge is answered, then the secretary is told when and to how many, or that it was already done, or that all have reported', () => {
    expect(nudgeReplyText({ status: 'SCHEDULED', notReported: 3, when: 'SOON' })).toBe('已安排提醒：10分钟内发给3位未汇报的同志');
    expect(nudgeReplyText({ status: 'SCHEDULED', notReported: 1, when: 'TODAY' })).toBe('已安排提醒：今天上午9点发给1位未汇报的同志');
    expect(nudgeReplyText({ status: 'SCHEDULED', notReported: 2, when: 'TOMORROW' })).toBe('已安排提醒：明早9点发给2位未汇报的同志');
    expect(nudgeReplyText({ status: 'ALREADY', notReported: 2, when: 'SOON' })).toBe('今天已提醒过未汇报的同志，每人每天最多提醒一次，明天可再提醒');
    expect(nudgeReplyText({ status: 'ALREADY', notReported: 2, when: 'TOMORROW' })).toBe('已安排明早9点提醒，无需重复提醒');
    expect(nudgeReplyText({ status: 'NONE', notReported: 0, when: null })).toBe('都已汇报，无需提醒');
  });

  it('when every status and moment is answered, then each line is Chinese text a toast can show', () => {
    for (const status of NUDGE_STATUSES) {
      for (const when of NUDGE_WHEN) {
        const text = nudgeReplyText({ status, notReported: 12, when });
        expect(text.length).toBeGreaterThan(0);
        expect([...text].length).toBeLessThanOrEqual(40);
      }
    }
  });
});
