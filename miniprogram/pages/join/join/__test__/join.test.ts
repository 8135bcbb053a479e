import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let invitationId: string;
const route = 'pages/join/join/join';

/** Types a name and a phone tail as the newcomer would (the fixtures' roster has no phone numbers). */
async function pickName(page: Awaited<ReturnType<typeof p.open>>, name: string, tail = '1234') {
  await type(page, '#name', name);
  await type(page, '#phoneTail', tail);
}

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await buildWork(p.h, d);
  invitationId = (await p.h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1, days: 7 })).invitationId;
});

beforeEach(() => jest.clearAllMocks());

describe('加入组织', () => {
  test('when a newcomer opens the invitation, then the branch and the two fields show, from one api call, and no roster names', async () => {
    p.actAs('o-qianjun');
    const before = p.sent.length;
    const page = await p.open(route, { scene: invitationId });
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['invitation.open']);
    const text = textOf(page);
    expect(text).toContain('加入新北区实验小学党支部');
    expect(text).toContain('手机号后4位');
    expect(text).not.toMatch(/钱军|孙丽|郑小雨/);
  });

  test('when the newcomer claims their name, the secretary approves, then the page says so and 待办 shows their work', async () => {
    p.actAs('o-qianjun');
    const page = await p.open(route, { id: invitationId });
    await pickName(page, '钱军');
    await tap(page, '#claim');
    expect(textOf(page)).toContain('等待书记审核');
    expect(textOf(page)).toContain('书记会核对您填写的手机尾号');

    const claims = await p.h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 });
    const claim = claims.claims.find((c: { personName: string }) => c.personName === '钱军');
    await p.h.ok(d.users.branchSecretary, 'claim.decide', { claimId: claim.claimId, approve: true });

    await tap(page, '#check');
    expect(textOf(page)).toContain('审核通过，欢迎加入');
    expect(textOf(page)).toContain('钱军，您已加入新北区实验小学党支部');
    await tap(page, '#enter');
    expect(wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index/index' });
    const home = await p.open('pages/home/index/index');
    expect(textOf(home)).toContain('向吴敏汇报：钱军');
    // TDesign's tag renders its own template on this second page of the file too (the harness
    // re-registers components whose cached modules do not run again).
    expect(home.dom!.querySelector('[class*="t-tag__text"]')?.textContent).toBe('待汇报');
  });

  test('when the secretary refuses the claim, then reopening the app says so and offers to choose again', async () => {
    p.actAs('o-wrong-name');
    const page = await p.open(route, { id: invitationId });
    await pickName(page, '郑小雨');
    await tap(page, '#claim');
    const claims = await p.h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 });
    const claim = claims.claims.find((c: { personName: string }) => c.personName === '郑小雨');
    await p.h.ok(d.users.branchSecretary, 'claim.decide', { claimId: claim.claimId, approve: false });
    const reopened = await p.open(route);
    expect(textOf(reopened)).toContain('书记没有通过您的申请');
  });

  test('when someone already bound claims again, then the page says they have joined already', async () => {
    p.actAs(d.users.member);
    const page = await p.open(route, { id: invitationId });
    await pickName(page, '郑小雨');
    await tap(page, '#claim');
    expect(textOf(page)).toContain('您已加入组织');
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('when the invitation has expired, then the page says to ask the secretary for a new one', async () => {
    p.actAs('o-late');
    p.h.clock.advance('8d');
    const page = await p.open(route, { id: invitationId });
    expect(textOf(page)).toContain('邀请已过期');
    expect(textOf(page)).toContain('请向书记索取新的邀请');
  });

  test('when the newcomer leaves the tail short or types a name not on the roster, then the page says which field, and nothing is claimed', async () => {
    // A fresh invitation: the test before moved the clock past the first one's expiry.
    const fresh = (await p.h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1, days: 7 })).invitationId;
    p.actAs('o-typo');
    const page = await p.open(route, { id: fresh });
    await pickName(page, '钱军', '12');
    await tap(page, '#claim');
    expect(page.querySelector('#phoneTail-error')).toBeTruthy();
    expect(textOf(page)).toContain('请填写手机号的后4位数字');
    await pickName(page, '钱君', '1234');
    await tap(page, '#claim');
    expect(page.querySelector('#name-error')).toBeTruthy();
    expect(textOf(page)).toContain('没有待加入的这个姓名');
    expect((await p.h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 })).claims).toEqual([]);
  });
});
