import { usePages, tap, textOf } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => jest.clearAllMocks());

describe('我收到的点评', () => {
  test('when a reviewed member opens the list, then the published review shows with its reviewer and 需整改, from one api call', async () => {
    p.actAs(d.users.member);
    const before = p.sent.length;
    const page = await p.open('pages/review/list/list');
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['review.received']);
    const text = textOf(page);
    expect(text).toContain('吴敏对李娜的集中点评');
    expect(text).toContain('需整改');
  });

  test('when the member taps the review, then its full view opens with the rectification to do', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/review/list/list');
    await tap(page, `#review-${w.published.reviewId}`);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/review/detail/detail?id=${w.published.reviewId}&rect=${w.published.rectificationId}` });
  });

  test('when a member has received no review, then the empty state shows', async () => {
    p.actAs(d.users.otherBranchMember);
    const page = await p.open('pages/review/list/list');
    expect(textOf(page)).toContain('还没有收到点评');
  });
});
