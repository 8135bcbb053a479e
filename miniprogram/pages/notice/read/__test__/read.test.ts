import { textOf, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { publishedSession } from '../../../../../cloudfunctions/api/test/work.support';

const p = usePages();
let d: District;
let linkId: string;
const route = 'pages/notice/read/read';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  const s = await publishedSession(p.h, d);
  linkId = (await p.h.ok(d.users.branchSecretary, 'notice.link', { publicationId: s.publicationId })).linkId;
  p.actAs('o-parent-1');
});

beforeEach(() => jest.clearAllMocks());

describe('点评通报 for the masses', () => {
  test('when a parent who never joined opens the card, then the notice shows from one api call, with no redirect to joining', async () => {
    const before = p.sent.length;

    const page = await p.open(route, { id: linkId });

    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['notice.open']);
    const text = textOf(page);
    expect(text).toContain('新北区实验小学党支部');
    expect(text).toContain('实验小学党支部领导点评情况通报');
    expect(text).toContain('对李娜同志的点评');
    expect(text).toContain('制定个人学习计划并按月落实（2026年12月31日前书面回复）');
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });

  test('when the secretary has taken the link back, then the parent is told so and sees nothing of the notice', async () => {
    await p.h.ok(d.users.branchSecretary, 'notice.revoke', { linkId });

    const page = await p.open(route, { id: linkId });

    expect(textOf(page)).toContain('发通报的书记已收回这个链接');
    expect(textOf(page)).not.toContain('李娜');
  });
});
