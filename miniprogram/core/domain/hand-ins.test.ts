import { handInCallRefusal, handInFileOfTenant, handInOpen, handInPaper, summariesPaper, handInOwed, handInReminderDue, handInRefusal, handInState, handInTally } from './hand-ins';

const at = (iso: string) => Date.parse(iso);
const CALL = { deadline: '2026-12-20', note: '' };
const PLAN = '一、指导思想……二、点评安排：12月底前完成对全体党员的点评。';
const file = (name: string, tenant = 't1') => ({ fileID: `cloud://env-1/handins/${tenant}/1-${name}`, name });

describe('asking lower units for their 具体方案 (handInCallRefusal)', () => {
  it('when the deadline is today or later and there are lower units, then the request is accepted', () => {
    expect(handInCallRefusal('2026-12-08', 3, at('2026-12-08T23:00+08:00'))).toEqual({ ok: true, value: null });
  });

  it('when the deadline has passed or there is nobody below, then it is refused with the reason', () => {
    expect(handInCallRefusal('2026-12-07', 3, at('2026-12-08T09:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.DEADLINE_PAST', message: '上交截止日期 2026-12-07 已过，请选今天或以后的日期' } });
    expect(handInCallRefusal('2026-12-20', 0, at('2026-12-08T09:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.NO_LOWER_UNITS' } });
  });
});

describe('handing in (handInRefusal)', () => {
  it('when a unit hands in text or a document before the deadline, then it is taken on time', () => {
    expect(handInRefusal(CALL, null, PLAN, [], 't1', at('2026-12-20T23:59+08:00'))).toEqual({ ok: true, value: { late: false } });
    expect(handInRefusal(CALL, null, '', [file('方案.docx'), file('签字页.JPG')], 't1', at('2026-12-10T09:00+08:00'))).toEqual({ ok: true, value: { late: false } });
  });

  it('when it replaces its hand-in before the deadline, then the replacement is taken; after the deadline it is fixed', () => {
    const previous = { text: PLAN, files: [], at: at('2026-12-10T09:00+08:00') };
    expect(handInRefusal(CALL, previous, `${PLAN}（修改）`, [], 't1', at('2026-12-20T18:00+08:00'))).toEqual({ ok: true, value: { late: false } });
    expect(handInRefusal(CALL, previous, `${PLAN}（修改）`, [], 't1', at('2026-12-21T08:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.CLOSED', message: '上交截止日期 2026-12-20 已过，已交的具体方案不能再替换' } });
  });

  it('when a unit that never handed in does so after the deadline, then it is taken and marked late, not lost', () => {
    expect(handInRefusal(CALL, null, PLAN, [], 't1', at('2026-12-22T10:00+08:00'))).toEqual({ ok: true, value: { late: true } });
  });

  it('when nothing was asked, nothing is written, or an attachment is not a document of this tenant, then it is refused', () => {
    expect(handInRefusal(null, null, PLAN, [], 't1', at('2026-12-10T09:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.NOT_ASKED' } });
    expect(handInRefusal(CALL, null, '  \n ', [], 't1', at('2026-12-10T09:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.EMPTY' } });
    expect(handInRefusal(CALL, null, PLAN, [file('方案.exe')], 't1', at('2026-12-10T09:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.FILE_KIND', message: '附件「方案.exe」不是 Word、PDF 或图片，请换成这几种格式' } });
    expect(handInRefusal(CALL, null, PLAN, [file('方案.pdf', 't2')], 't1', at('2026-12-10T09:00+08:00'))).toMatchObject({ ok: false, error: { code: 'HANDIN.FILE_KIND' } });
    expect(handInFileOfTenant('cloud://env-1/imports/t1/1-名册.xlsx', 't1')).toBe(false);
  });
});

describe('the upper unit\'s list and the reminders', () => {
  it('when some units handed in (one late) and others did not, then the states and the tally say so', () => {
    const now = at('2026-12-21T09:00+08:00');
    const states = [handInState(CALL, { at: at('2026-12-15T10:00+08:00') }, now), handInState(CALL, { at: at('2026-12-21T08:00+08:00') }, now), handInState(CALL, null, now), handInState(CALL, null, at('2026-12-19T09:00+08:00'))];
    expect(states).toEqual(['IN', 'LATE', 'OVERDUE', 'OWED']);
    expect(handInTally(states)).toEqual({ handedIn: 2, owed: 2 });
  });

  it('when a unit still owes its plan, then it is reminded 3 and 1 days before the deadline, and owes nothing once handed in', () => {
    const days = ['2026-12-16', '2026-12-17', '2026-12-18', '2026-12-19', '2026-12-20', '2026-12-21'].filter((d) => handInReminderDue(d, CALL));
    expect(days).toEqual(['2026-12-17', '2026-12-19']);
    expect(handInOwed(CALL, null)).toBe(true);
    expect(handInOwed(CALL, { text: PLAN, files: [], at: 1 })).toBe(false);
    expect(handInOwed(null, null)).toBe(false);
  });
});

describe('who may still hand in (handInOpen)', () => {
  it('when asked and before the deadline, or never handed in, then open; once handed in and past the deadline, closed', () => {
    const previous = { text: PLAN, files: [], at: at('2026-12-10T09:00+08:00') };
    expect(handInOpen(CALL, previous, at('2026-12-20T20:00+08:00'))).toBe(true);
    expect(handInOpen(CALL, null, at('2026-12-25T20:00+08:00'))).toBe(true);
    expect(handInOpen(CALL, previous, at('2026-12-21T00:10+08:00'))).toBe(false);
    expect(handInOpen(null, null, at('2026-12-10T09:00+08:00'))).toBe(false);
  });
});

describe('the papers kept in the 台帐', () => {
  it('when a unit handed in late with an attachment, then its paper says to whom, when, late, and lists the attachment before the text', () => {
    const paper = handInPaper({ orgName: '实验小学党支部', upperOrgName: '工委', call: CALL, handIn: { text: `${PLAN}\n\n三、会后整改。`, files: [file('签字页.jpg')], at: at('2026-12-22T10:00+08:00') } });
    expect(paper).toEqual({
      title: '实验小学党支部领导点评工作具体方案',
      facts: ['报送：工委', '上交截止：2026年12月20日', '上交时间：2026年12月22日（逾期补交）', '附件：签字页.jpg（见同一文件夹）'],
      paragraphs: [PLAN, '三、会后整改。'],
    });
  });

  it('when a unit reported twice with a 总结, then the paper gives them oldest first, each under its date', () => {
    const paper = summariesPaper('实验小学党支部', [{ asOf: at('2027-01-20T10:00+08:00'), writtenSummary: '第二次总结' }, { asOf: at('2026-12-01T10:00+08:00'), writtenSummary: '第一次总结\n问题和方向' }]);
    expect(paper.paragraphs).toEqual(['【2026年12月1日上报】', '第一次总结', '问题和方向', '【2027年1月20日上报】', '第二次总结']);
  });
});
