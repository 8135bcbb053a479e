// The buttons on 整改 are the steps the rectification machine grants the reader now: the target plans and
// replies, the reviewer confirms or sends back a reply, and the reviewer, a secretary above or the office
// imposes a deadline while the target has not yet replied.
import { usePages, choose, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;
const route = 'pages/rectification/detail/detail';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => jest.clearAllMocks());

async function rect() {
  return (await p.h.ok(d.users.member, 'rectification.get', { rectificationId: w.published.rectificationId })).rectification;
}

describe('整改 buttons from the machine (one rectification, carried through in order)', () => {
  test('when the secretary above the reviewer opens a rectification not yet replied to, then 责令限期整改 is offered and not the member’s 制定整改措施 form', async () => {
    // Arrange
    p.actAs(d.users.committeeSecretary);

    // Act
    const page = await p.open(route, { id: w.published.rectificationId });

    // Assert
    expect(page.querySelector('#impose')).toBeTruthy();
    expect(page.querySelector('#save-plan')).toBeFalsy();
    expect(page.querySelector('#plan')).toBeFalsy();
    expect(page.querySelector('#confirm')).toBeFalsy();
  });

  test('when the office imposes a deadline from its screen, then the rectification is flagged 限期整改 with the new date', async () => {
    // Arrange
    p.actAs(d.users.admin);
    const page = await p.open(route, { id: w.published.rectificationId });
    expect(page.querySelector('#save-plan')).toBeFalsy();

    // Act
    await type(page, '#reason', '进度滞后，请限期完成');
    await choose(page, '#impose-date', '2026-12-20');
    await tap(page, '#impose');

    // Assert
    const r = await rect();
    expect(r.imposed).toBe(true);
    expect(r.deadline).toBe('2026-12-20');
  });

  test('when the member has replied and the reviewer opens it, then 确认整改到位 and 退回修改 are offered and 责令限期整改 is not', async () => {
    // Arrange
    const r0 = await rect();
    await p.h.ok(d.users.member, 'rectification.act', { event: 'PLAN', rectificationId: r0.id, version: r0.version, plan: '每周学习两次。' });
    const r1 = await rect();
    await p.h.ok(d.users.member, 'rectification.act', { event: 'REPLY', rectificationId: r1.id, version: r1.version, reply: '已按计划完成。' });
    p.actAs(d.users.branchSecretary);

    // Act
    const page = await p.open(route, { id: w.published.rectificationId });

    // Assert
    expect(page.querySelector('#confirm')).toBeTruthy();
    expect(page.querySelector('#send-back')).toBeTruthy();
    expect(page.querySelector('#impose')).toBeFalsy();
    expect(textOf(page)).not.toContain('限期整改：新的完成日期');
  });

  test('when the member opens a replied rectification, then no plan or reply form is offered', async () => {
    // Arrange
    p.actAs(d.users.member);

    // Act
    const page = await p.open(route, { id: w.published.rectificationId });

    // Assert
    expect(page.querySelector('#save-plan')).toBeFalsy();
    expect(page.querySelector('#send-reply')).toBeFalsy();
    expect(textOf(page)).toContain('已按计划完成。');
  });
});
