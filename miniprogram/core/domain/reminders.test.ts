import fc from 'fast-check';
import { REMINDER_KINDS, daysUntil, fitsField, messageProblem, progressPeriodStart, rectificationReminderDue, reminderMessage, reminderStillOpen, reviewReminderDue, SUBSCRIBE_MOMENTS, TEMPLATE_FIELDS, thingValue, type OpenWork, type ReminderFacts } from './reminders';

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
  const none: OpenWork = { reviewCampaigns: new Set(), reportSessions: new Set(), opinionSessions: new Set(), rectifications: new Set(), repliesToConfirm: 0, progressOrgs: new Set() };
  const all: ReminderFacts[] = [
    { kind: 'REVIEW_DUE', campaignId: 'c1', campaignName: '创先争优', open: 2, dueDate: '2026-12-31' },
    { kind: 'REPORT_DUE', reviewerName: '吴敏', sessionId: 's1', deadline: '2026-12-20' },
    { kind: 'OPINION_DUE', reviewerName: '吴敏', sessionId: 's1', deadline: '2026-12-20' },
    { kind: 'RECTIFICATION_DUE', rectificationId: 'r1', requirement: '学习', deadline: '2026-12-31', imposed: false, overdue: false },
    { kind: 'REPLY_TO_CONFIRM', rectificationId: 'r1', count: 1, repliedOn: '2026-12-20' },
    { kind: 'PROGRESS_REPORT_DUE', campaignId: 'c1', campaignName: '创先争优', orgId: 'o1', units: ['一支部'], deadline: '2027-01-28' },
  ];

  it('when nothing is open any more, then no reminder of any kind is still open', () => {
    expect(all.filter((f) => reminderStillOpen(f, none))).toEqual([]);
  });

  it('when exactly the named items are open, then every kind of reminder is open', () => {
    const open: OpenWork = { reviewCampaigns: new Set(['c1']), reportSessions: new Set(['s1']), opinionSessions: new Set(['s1']), rectifications: new Set(['r1']), repliesToConfirm: 1, progressOrgs: new Set(['c1|o1']) };
    expect(all.filter((f) => reminderStillOpen(f, open)).map((f) => f.kind)).toEqual(REMINDER_KINDS.filter((k) => all.some((f) => f.kind === k)));
  });

  it('when another session or campaign is open, then a reminder about a finished one is not', () => {
    const open: OpenWork = { ...none, reviewCampaigns: new Set(['c2']), reportSessions: new Set(['s2']), opinionSessions: new Set(['s2']), rectifications: new Set(['r2']), progressOrgs: new Set(['c1|o2']) };
    expect(all.filter((f) => reminderStillOpen(f, open))).toEqual([]);
  });

  it('when a progress report has earlier deadlines, then its period starts at the latest one before it', () => {
    expect(progressPeriodStart(['2027-01-28', '2026-07-15'], '2027-01-28', '2026-03-01')).toBe('2026-07-15');
    expect(progressPeriodStart(['2027-01-28', '2026-07-15'], '2026-07-15', '2026-03-01')).toBe('2026-03-01');
  });
});
