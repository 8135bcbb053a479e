import { reportEntryRefusal, reportPrefill, type ReportEntryCase } from './report-entry';

const elderly = { kind: 'MEMBER' as const, personId: 'p-luo', orgId: 'wsy' };
const ordinary = { kind: 'MEMBER' as const, personId: 'p-he', orgId: 'wsy' };
const org = { kind: 'ORG' as const, personId: null, orgId: 'wsy' };

/** 何平 (p-w1) reviews 罗德福 (elderly) and an ordinary member; the office organised it. */
function entry(over: Partial<ReportEntryCase> = {}): ReportEntryCase {
  return {
    session: { reviewerId: 'p-w1', organiserId: 'admin:o-office', targets: [elderly, ordinary, org] },
    actorId: 'p-w1',
    target: elderly,
    hint: 'FLEXIBLE',
    existing: null,
    ...over,
  };
}

describe('reportEntryRefusal', () => {
  it('when the reviewer enters the report of an elderly member of the session, then nothing refuses it', () => {
    // Arrange
    const c = entry();
    // Act
    const refusal = reportEntryRefusal(c);
    // Assert
    expect(refusal).toBeNull();
  });

  it('when the organiser enters the report of an intern away, then nothing refuses it', () => {
    expect(reportEntryRefusal(entry({ actorId: 'admin:o-office', hint: 'REMOTE' }))).toBeNull();
  });

  it('when someone who is neither reviewer nor organiser enters it, then it is refused as forbidden', () => {
    const refusal = reportEntryRefusal(entry({ actorId: 'p-other-secretary' }));
    expect(refusal?.code).toBe('AUTH.FORBIDDEN');
    expect(refusal?.message).toContain('点评人或组织者');
  });

  it('when the member has no 年老体弱 or 外出 mark, then it is refused and the member reports themself', () => {
    const refusal = reportEntryRefusal(entry({ target: ordinary, hint: null }));
    expect(refusal?.code).toBe('REPORT.ENTRY_NOT_ALLOWED');
    expect(refusal?.message).toContain('年老体弱或外出');
  });

  it('when the member is not a target of the session, then it is refused', () => {
    const stranger = { kind: 'MEMBER' as const, personId: 'p-x', orgId: 'xx1' };
    expect(reportEntryRefusal(entry({ target: stranger }))?.code).toBe('REPORT.ENTRY_NOT_ALLOWED');
  });

  it('when the target is an org, then it is refused (its secretary reports for it)', () => {
    expect(reportEntryRefusal(entry({ target: org }))?.code).toBe('REPORT.ENTRY_NOT_ALLOWED');
  });

  it('when the member has begun their own draft, then it is refused so their words are not replaced', () => {
    const refusal = reportEntryRefusal(entry({ existing: { status: 'DRAFT', entered: false } }));
    expect(refusal?.code).toBe('REPORT.ENTRY_STARTED');
  });

  it('when the report is already submitted, then it is an illegal transition', () => {
    expect(reportEntryRefusal(entry({ existing: { status: 'SUBMITTED', entered: true } }))?.code).toBe('STATE.ILLEGAL_TRANSITION');
  });
});

describe('reportPrefill', () => {
  it('when the member made two commitments, then each is a numbered line with how it stands and its notes', () => {
    // Arrange
    const items = [
      { content: '每月为社区老人义诊一次', progress: 100, fulfilmentNotes: '已义诊十次' },
      { content: '带教一名年轻医生', progress: 60, fulfilmentNotes: '' },
    ];
    // Act
    const text = reportPrefill(items);
    // Assert
    expect(text).toBe('1. 每月为社区老人义诊一次（已兑现：已义诊十次）\n2. 带教一名年轻医生（进度60%）');
  });

  it('when the member made no commitment, then there is nothing to start from', () => {
    expect(reportPrefill([])).toBe('');
  });
});
