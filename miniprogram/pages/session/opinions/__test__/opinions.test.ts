// 征求意见情况 never says 还没有收到意见 while anonymous opinions may stand unseen (arrived today, or fewer than
// the threshold): it says the rule, or how many stood this morning.
import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;
const route = 'pages/session/opinions/opinions';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => jest.clearAllMocks());

describe('征求意见情况', () => {
  test('when an anonymous opinion on 钱军 arrived today, then the reviewer is told when anonymous ones show, not 还没有收到意见', async () => {
    // Arrange
    p.actAs(d.users.member);
    const give = await p.open('pages/opinion/give/give', { sessionId: w.open.sessionId });
    await type(give, '#content', '希望钱军同志多参加集体教研活动。');
    await tap(give, '#submit');
    p.actAs(d.users.branchSecretary);

    // Act
    const page = await p.open(route, { id: w.open.sessionId });

    // Assert
    const text = textOf(page);
    expect(text).toContain('匿名意见满 3 人后显示，当天提交的次日起显示');
    expect(text).not.toContain('还没有收到意见');
    expect(text).not.toContain('（0条）');
  });

  test('when the next day it stands below the threshold, then the reviewer reads 已收到 1 条，满 3 人后显示 and no content', async () => {
    // Arrange
    const today = p.h.clock.now();
    p.h.clock.advance('1d');
    p.actAs(d.users.branchSecretary);

    // Act
    const page = await p.open(route, { id: w.open.sessionId });
    p.h.clock.set(today);

    // Assert
    const text = textOf(page);
    expect(text).toContain('已收到 1 条，满 3 人后显示');
    expect(text).not.toContain('希望钱军同志多参加集体教研活动。');
    expect(text).not.toContain('还没有收到意见');
  });
});
