// 代为录入汇报 through the real api: the branch secretary 吴敏 enters the report of the intern 郑小雨 (seed 000's
// s5, 外出实习) after a phone call, starting from her commitments; 郑小雨 then reads who entered it and how.
import { usePages, tap, textOf } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { bind, startSession } from '../../../../../cloudfunctions/api/test/work.support';

const p = usePages();
let d: District;
let sessionId: string;
const route = 'pages/report/edit/edit';
const session = 'pages/session/detail/detail';
const enters = () => p.sent.filter((e) => e.action === 'report.enter');
const dataOf = (page: unknown) => (page as { instance: { data: Record<string, unknown> } }).instance.data;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await bind(p.h, d, 's5', 'o-s5');
  await p.h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
  await p.h.ok('o-s5', 'commitment.saveMine', {
    campaignId: d.campaignId,
    items: [
      { content: '每周线上参加支部学习', progress: 100, fulfilmentNotes: '已坚持八周' },
      { content: '实习期间带一个兴趣小组', progress: 50 },
    ],
    date: '2026-11-01',
  });
  sessionId = (await startSession(p.h, d, { keys: ['s5', 's4'] })).sessionId;
  p.actAs(d.users.branchSecretary);
});

beforeEach(() => jest.clearAllMocks());

describe('代为录入汇报', () => {
  test('when the secretary opens the session, then only the intern is marked 外出实习 with 代为录入汇报', async () => {
    // Act
    const page = await p.open(session, { id: sessionId });
    // Assert
    const text = textOf(page);
    expect(text).toContain('郑小雨外出实习');
    expect(text).toContain('还没有汇报，可上门、电话或谈话后代为录入');
    expect(text.match(/代为录入汇报/g)).toHaveLength(1);
  });

  test('when the secretary opens the entry, then it starts from her commitments and asks how the report was heard before sending', async () => {
    // Arrange
    const page = await p.open(route, { sessionId, kind: 'MEMBER', id: d.person.s5, enter: '1' });
    const before = enters().length;
    // Act
    await tap(page, '#enter');
    // Assert
    expect(textOf(page)).toContain('代为录入汇报：郑小雨（外出实习）');
    expect(dataOf(page).fulfilment).toBe('1. 每周线上参加支部学习（已兑现：已坚持八周）\n2. 实习期间带一个兴趣小组（进度50%）');
    expect(textOf(page)).toContain('请选择是怎样听取汇报的');
    expect(enters().length).toBe(before);
  });

  test('when the secretary picks 电话联系 and sends, then the report is in, and 郑小雨 reads that 吴敏 entered it after a call', async () => {
    // Arrange
    const page = await p.open(route, { sessionId, kind: 'MEMBER', id: d.person.s5, enter: '1' });
    // Act
    await tap(page, '#way-PHONE');
    await tap(page, '#enter');
    p.actAs('o-s5');
    const hers = await p.open(route, { sessionId, kind: 'MEMBER', id: d.person.s5 });
    p.actAs(d.users.branchSecretary);
    // Assert
    expect(textOf(page)).toContain('已代郑小雨录入汇报（电话联系）');
    const stored = [...(p.h.local.store.get('reports')?.docs.values() ?? [])] as Array<Record<string, unknown>>;
    expect(stored).toEqual([expect.objectContaining({ sessionId, status: 'SUBMITTED', way: 'PHONE', authorId: d.person.s5, enteredBy: { id: d.person.s1, name: '吴敏' } })]);
    expect(textOf(hers)).toContain('此汇报由吴敏电话联系后代为录入');
    expect(textOf(hers)).toContain('已提交');
  });
});
