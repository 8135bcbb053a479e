/**
 * 汇报情况's 提醒未汇报的同志 on the compiled page against the real api: the reviewer confirms, the nudge is
 * recorded and the toast says when and to how many; a second tap the same day says it was already done;
 * cancelling sends nothing; an upper secretary, who may read the page, has no such button.
 */
import { tap, textOf, usePages } from './pages';
import { buildWork, type Work } from './work';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => jest.clearAllMocks());

/** Answers the next wx.showModal as the user tapping confirm (true) or cancel (false). */
function answerNextModal(confirm: boolean): void {
  (wx.showModal as jest.Mock).mockImplementationOnce((o: { success?: (r: unknown) => unknown }) => o.success?.({ confirm, cancel: !confirm }));
}

const nudges = () => p.sent.filter((e) => e.action === 'session.nudge');
const toasts = () => (wx.showToast as jest.Mock).mock.calls.map((c) => (c[0] as { title: string }).title);

describe('提醒未汇报的同志 on 汇报情况', () => {
  it('when the reviewer cancels the confirmation, then nothing is sent', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/session/reports/reports', { id: w.open.sessionId });
    answerNextModal(false);

    // Act
    await tap(page, '#remind');

    // Assert
    expect(wx.showModal).toHaveBeenCalledTimes(1);
    expect(nudges()).toEqual([]);
  });

  it('when the reviewer taps it and confirms, then the nudge is recorded and the toast says it goes to the 2 not reported within 10 minutes', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/session/reports/reports', { id: w.open.sessionId });
    expect(textOf(page)).toContain('发到群里提醒');
    answerNextModal(true);

    // Act
    await tap(page, '#remind');

    // Assert
    expect((wx.showModal as jest.Mock).mock.calls[0][0].content).toContain('2位未汇报的同志');
    expect(nudges()).toEqual([expect.objectContaining({ payload: { sessionId: w.open.sessionId }, requestId: expect.any(String) })]);
    expect(toasts()).toEqual(['已安排提醒：10分钟内发给2位未汇报的同志']);
    expect(textOf(page)).toContain('已安排提醒：10分钟内发给2位未汇报的同志');
    const stored = [...(p.h.local.store.get('nudges')?.docs.values() ?? [])] as Array<{ sessionId: string; day: string }>;
    expect(stored.map((n) => [n.sessionId, n.day])).toEqual([[w.open.sessionId, '2026-11-21']]);
  });

  it('when the reviewer taps it again the same day, then the toast says they were already reminded today and nothing more is recorded', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/session/reports/reports', { id: w.open.sessionId });
    answerNextModal(true);

    // Act
    await tap(page, '#remind');

    // Assert
    expect(toasts()).toEqual(['今天已提醒过未汇报的同志，每人每天最多提醒一次，明天可再提醒']);
    expect(p.h.local.store.get('nudges')?.docs.size).toBe(1);
  });

  it('when an upper secretary opens 汇报情况, then the page has the share button but no 提醒未汇报的同志', async () => {
    // Act
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/session/reports/reports', { id: w.open.sessionId });

    // Assert
    expect(textOf(page)).toContain('发到群里提醒');
    expect(page.querySelector('#remind')).toBeFalsy();
    expect(textOf(page)).not.toContain('提醒未汇报的同志');
  });
});
