/**
 * The office's editing screens, tapped through on the compiled pages against the real api: orgs (make,
 * rename, secretary, committee, liaison points, move, retire), people (add with flags, edit, move, take
 * off the roster), the invitation's mini program code, and joining from a scanned code.
 */
import { choose, lastNavigation, tap, textOf, toggle, type } from './pages';
import { usePages } from './pages';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

let mark = 0;
const sentSince = () => p.sent.slice(mark).map((e) => e.action);
const modal = wx.showModal as unknown as jest.Mock;

beforeEach(() => {
  jest.clearAllMocks();
  mark = p.sent.length;
  // 确定 on every confirmation unless a test says otherwise.
  modal.mockImplementation((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: true, cancel: false }));
  p.actAs(d.users.admin);
});

type Data = Record<string, unknown>;
const dataOf = (page: { instance: unknown }) => (page.instance as { data: Data }).data;
const orgGet = (orgId: string) => p.h.ok(d.users.admin, 'org.get', { orgId });

describe('党组织', () => {
  test('when the office opens the top org, whose post holders are registered in other orgs, then 书记 and 班子成员 name them', async () => {
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.gw}`);
    const org = (await orgGet(d.org.gw)).org as { secretaryId: string; committeeMemberIds: string[] };
    expect(org.secretaryId).toBeTruthy();
    const detail = dataOf(office).detail as { secretary: string; committee: string };
    expect(detail.secretary).toBe('周建国');
    expect(detail.committee).not.toBe('（无）');
    expect(textOf(office)).toContain('周建国');
  });

  test('when the office makes a branch under the 工委 from the tree, then it is made and opens for editing; a too long name is refused beside 名称 first', async () => {
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.gw}`);
    await tap(office, '#add-org');
    const [route, query] = lastNavigation();
    expect(query).toEqual({ parent: d.org.gw });
    const page = await p.open(route, query);
    expect(textOf(page)).toContain('在“中共常州市新北区社会事业局工作委员会”下新建党组织');

    await type(page, '#name', '新'.repeat(101));
    await choose(page, '#kind', 'BRANCH');
    await tap(page, '#save');
    expect(page.querySelector('#name-error')?.dom?.textContent).toMatch(/名称|100/);
    expect((await p.h.ok(d.users.admin, 'org.tree', {})).orgs.some((o: Data) => String(o.name).startsWith('新新'))).toBe(false);

    await type(page, '#name', '新北区第二实验小学党支部');
    await tap(page, '#save');
    const [, made] = lastNavigation('redirectTo');
    const view = await orgGet(made.id);
    expect(view.org).toMatchObject({ name: '新北区第二实验小学党支部', kind: 'BRANCH', parentId: d.org.gw });
  });

  test('when the office renames an org and names a secretary and a committee, then one 保存修改 stores all of it in one call and the tree’s detail shows it', async () => {
    const page = await p.open('office/org/org', { id: d.org.zb2 });
    const members = dataOf(page).members as Array<{ id: string; name: string }>;
    const hu = members.find((m) => m.name === '胡斌')?.id;
    const lin = members.find((m) => m.name === '林涛')?.id;
    expect(textOf(page).match(/保存/g)).toEqual(['保存']);
    await type(page, '#name', '初级中学教工第二党支部（新）');
    await choose(page, '#secretary', hu);
    await choose(page, '#committee', [hu, lin]);
    await tap(page, '#save');
    expect(sentSince()).toEqual(['org.get', 'org.update']);
    expect((await orgGet(d.org.zb2)).org).toMatchObject({ name: '初级中学教工第二党支部（新）', secretaryId: hu, committeeMemberIds: [hu, lin] });

    const office = await p.open('office/index/index', { org: d.org.zb2 });
    expect(textOf(office)).toContain('书记：胡斌');
    expect(textOf(office)).toContain('班子成员：胡斌、林涛');
  });

  test('when one part of the org form is refused (a 群众代表 in the committee), then the reason shows beside 班子成员 and nothing of the form is written', async () => {
    const before = (await orgGet(d.org.wsy)).org as { name: string; version: number; committeeMemberIds: string[] };
    const masses = ((await orgGet(d.org.wsy)).persons as Array<{ id: string; isMember: boolean }>).find((x) => !x.isMember)!.id;
    const page = await p.open('office/org/org', { id: d.org.wsy });
    await type(page, '#name', '罗溪镇卫生院党支部（改名未存）');
    await choose(page, '#committee', [...before.committeeMemberIds, masses]);
    await tap(page, '#save');
    expect(page.querySelector('#committee-error')?.dom?.textContent).toContain('不是党员');
    expect(page.querySelector('#name-error')).toBeFalsy();
    const after = (await orgGet(d.org.wsy)).org as { name: string; version: number; committeeMemberIds: string[] };
    expect(after).toMatchObject({ name: before.name, version: before.version, committeeMemberIds: before.committeeMemberIds });
  });

  test('when the office edits a 党总支 with 党支部 below it, then only the kinds allowed there are offered, and the server refuses the others', async () => {
    const page = await p.open('office/org/org', { id: d.org.zx });
    const offered = (dataOf(page).kinds as Array<{ value: string }>).map((k) => k.value);
    expect(offered).toContain('GENERAL_BRANCH');
    expect(offered).not.toContain('BRANCH');
    expect(offered).not.toContain('GROUP');
    expect(textOf(page)).not.toContain('党小组');
    const { version } = (await orgGet(d.org.zx)).org as { version: number };
    const refused = await p.h.call(d.users.admin, 'org.update', { orgId: d.org.zx, version, kind: 'BRANCH' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ORG.INVALID_PARENT_KIND' } });
  });

  test('when the office adds a liaison leader from an upper org and removes him again, then the org shows him in between', async () => {
    const page = await p.open('office/org/org', { id: d.org.xx1 });
    await tap(page, '#start-liaison');
    await choose(page, '#upper', d.org.jg);
    const candidates = dataOf(page).candidates as Array<{ id: string; name: string }>;
    await choose(page, '#leader', candidates.find((c) => c.name === '刘芳')?.id);
    await tap(page, '#add-liaison');
    expect((await orgGet(d.org.xx1)).liaisons.map((l: Data) => l.name)).toContain('刘芳');
    expect(textOf(page)).toContain('刘芳');

    const i = (dataOf(page).liaisons as Array<{ name: string }>).findIndex((l) => l.name === '刘芳');
    await tap(page, `#remove-liaison-${i}`);
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '移除联系点' }));
    expect((await orgGet(d.org.xx1)).liaisons.map((l: Data) => l.name)).not.toContain('刘芳');
  });

  test('when the office moves a branch after confirming, then it sits under the new parent; on 取消 nothing is sent', async () => {
    const made = await p.h.ok(d.users.admin, 'org.create', { name: '待移动党支部', kind: 'BRANCH', parentId: d.org.gw });
    const page = await p.open('office/org/org', { id: made.id });
    await tap(page, '#start-move');
    expect((dataOf(page).targets as Array<{ id: string }>).map((t) => t.id)).toEqual([d.org.zx]);
    await choose(page, '#target', d.org.zx);

    modal.mockImplementationOnce((o: { success?: (r: { confirm: boolean }) => void }) => o.success?.({ confirm: false }));
    mark = p.sent.length;
    await tap(page, '#move');
    expect(sentSince()).toEqual([]);

    await tap(page, '#move');
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '移动党组织', content: expect.stringContaining('待移动党支部') }));
    expect((await orgGet(made.id)).org.parentId).toBe(d.org.zx);
  });

  test('when the office retires an org that still has people, then the reason shows beside 撤销; an empty org is retired and the page goes back', async () => {
    const busy = await p.open('office/org/org', { id: d.org.zb2 });
    await tap(busy, '#retire');
    expect(busy.querySelector('#retire-error')?.dom?.textContent).toBeTruthy();
    expect((await orgGet(d.org.zb2)).org.retired).toBe(false);

    const made = await p.h.ok(d.users.admin, 'org.create', { name: '待撤销党支部', kind: 'BRANCH', parentId: d.org.gw });
    const empty = await p.open('office/org/org', { id: made.id });
    await tap(empty, '#retire');
    expect((await orgGet(made.id)).org.retired).toBe(true);
    expect(wx.navigateBack).toHaveBeenCalled();
  });
});

describe('人员', () => {
  test('when the office adds a 流动党员 without choosing the inflow org, then the error shows beside it and nothing is sent', async () => {
    const page = await p.open('office/person/person', { org: d.org.xx1 });
    await type(page, '#name', '周流动');
    await toggle(page, '#mobile', true);
    mark = p.sent.length;
    await tap(page, '#save');
    expect(page.querySelector('#inflow-error')?.dom?.textContent).toBe('请选择流入地党组织');
    expect(sentSince()).toEqual([]);
  });

  test('when the office adds a 流动党员, moves him and takes him off the roster, then each step is stored and the tree shows the flag until he leaves', async () => {
    const add = await p.open('office/person/person', { org: d.org.zb1 });
    await type(add, '#name', '陈流动');
    await type(add, '#unitAndPost', '外出务工');
    await toggle(add, '#mobile', true);
    await choose(add, '#inflow', d.org.xx1);
    await tap(add, '#save');
    const [route, query] = lastNavigation('redirectTo');
    expect(route).toBe('office/person/person');

    const office = await p.open('office/index/index', { org: d.org.zb1 });
    expect(textOf(office)).toContain('陈流动');
    expect(textOf(office)).toContain('流动党员（流入新北区实验小学党支部）');

    const edit = await p.open(route, query);
    expect(textOf(edit)).toContain('新北区实验小学党支部');
    await toggle(edit, '#elderly', true);
    await tap(edit, '#save');
    await tap(edit, '#start-move');
    await choose(edit, '#target', d.org.zb2);
    await tap(edit, '#move');
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '转移组织关系' }));
    let zb2 = await orgGet(d.org.zb2);
    expect(zb2.persons.find((x: Data) => x.name === '陈流动')).toMatchObject({ flags: { mobile: { inflowOrgId: d.org.xx1 }, elderly: true }, left: false });

    await tap(edit, '#retire');
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '移出名册' }));
    zb2 = await orgGet(d.org.zb2);
    expect(zb2.persons.find((x: Data) => x.name === '陈流动')?.left).toBe(true);
    expect(wx.navigateBack).toHaveBeenCalled();
  });

  test('when a 书记 is turned into a non-member, then the refusal shows beside 党员 and nothing changes', async () => {
    const page = await p.open('office/person/person', { org: d.org.xx1, id: d.person.s1 });
    await toggle(page, '#isMember', false);
    await tap(page, '#save');
    expect(page.querySelector('#isMember-error')?.dom?.textContent).toContain('请先调整其职务');
    expect((await orgGet(d.org.xx1)).persons.find((x: Data) => x.id === d.person.s1)?.isMember).toBe(true);
  });

  test('when the office comes back from editing a person, then the tree’s detail is read again and shows the change', async () => {
    const office = await p.open('office/index/index', { org: d.org.xx1 });
    await tap(office, `#person-${d.person.s4}`);
    const [route, query] = lastNavigation();
    const edit = await p.open(route, query);
    await type(edit, '#unitAndPost', '数学教研组长');
    await tap(edit, '#save');
    mark = p.sent.length;
    await (office.instance as unknown as { onShow: () => Promise<void> }).onShow();
    await p.settle();
    expect(sentSince()).toEqual(['org.tree', 'org.get']);
    expect(textOf(office)).toContain('数学教研组长');
  });
});

describe('邀请', () => {
  test('when the office makes an invitation, then its mini program code shows with its expiry and is saved to the album', async () => {
    const office = await p.open('office/index/index', { org: d.org.xx1 });
    await tap(office, '#invite');
    expect(office.querySelector('#code')).toBeTruthy();
    expect(dataOf(office).code).toMatch(/^https?:\/\/.+inv_.+\.png/);
    expect(textOf(office)).toMatch(/有效期至\d{4}年\d+月\d+日/);
    await tap(office, '#save-code');
    expect(wx.saveImageToPhotosAlbum).toHaveBeenCalledWith(expect.objectContaining({ filePath: expect.stringContaining('.png') }));
    expect(wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已保存到相册' }));
  });

  test('when a newcomer claimed a name, then the office opens the org’s 加入申请 from the tree and approves it', async () => {
    const made = await p.h.ok(d.users.admin, 'invitation.create', { orgId: d.org.zb2 });
    await p.h.ok('o-claimer', 'claim.submit', { invitationId: made.invitationId, personId: d.person.z6 });
    const office = await p.open('office/index/index', { org: d.org.zb2 });
    await tap(office, '#claims');
    const [route, query] = lastNavigation();
    expect(route).toBe('pages/claims/list/list');
    const claims = await p.open(route, query);
    expect(textOf(claims)).toContain('林涛');
    await tap(claims, '#approve-0');
    expect((await orgGet(d.org.zb2)).persons.find((x: Data) => x.id === d.person.z6)?.bound).toBe(true);
  });

  test('when a newcomer scans the code, then the join page opens the invitation from the scene and asks for the name and phone tail', async () => {
    const made = await p.h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    p.actAs('o-scanner');
    const join = await p.open('pages/join/join/join', { scene: encodeURIComponent(made.code.scene) });
    expect(textOf(join)).toContain('加入新北区实验小学党支部');
    expect(textOf(join)).toContain('手机号后4位');
    expect(sentSince()).toContain('invitation.open');
  });
});

describe('活动设置', () => {
  test('when the office changes each setting, then each is saved and the templates show the added aspect', async () => {
    const made = await p.h.ok(d.users.admin, 'campaign.create', { name: '设置测试活动', start: '2026-01-01', end: '2026-12-31' });
    const page = await p.open('office/campaign/campaign', { id: made.id });
    expect(textOf(page)).toContain('匿名意见显示人数');
    await type(page, '#name', '设置测试活动（修订）');
    await choose(page, '#end', '2027-01-31');
    await choose(page, '#freq-R1', '0');
    // Deadlines are picked with a date picker, one at a time, and can be removed again.
    await choose(page, '#add-deadline', '2027-01-28');
    await choose(page, '#add-deadline', '2026-07-15');
    await choose(page, '#add-deadline', '2026-09-30');
    await tap(page, '#remove-deadline-1');
    await type(page, '#threshold', '5');
    await toggle(page, '#integrity', true);
    // Seed 002's school reviews its 党小组 as organisations (issue 24).
    await toggle(page, '#groups', true);
    await choose(page, '#form-style', 'DETAILED');
    await type(page, '#heading', '常州市新北区社会事业局');
    await tap(page, '#save');

    const saved = await p.h.ok(d.users.admin, 'campaign.get', { campaignId: made.id });
    expect(saved).toMatchObject({
      name: '设置测试活动（修订）',
      end: '2027-01-31',
      reportDeadlines: ['2026-07-15', '2027-01-28'],
      anonymityThreshold: 5,
      templateOptions: { integrity: true, windowService: false },
      coverage: { liaisonCommittee: false, assistedLeader: false, groups: true },
      forms: { style: 'DETAILED', heading: '常州市新北区社会事业局' },
    });
    expect(saved.frequencies.R1).toBe('MONTHLY');
    expect(page.querySelector('#template-ORG')?.dom?.textContent).toContain('党风廉政建设');
  });

  test('when the office names two stages and sets R1 to 每阶段, then both are saved and the stages show as cycles by name [002]', async () => {
    const made = await p.h.ok(d.users.admin, 'campaign.create', { name: '阶段测试活动', start: '2026-01-01', end: '2026-12-31' });
    const page = await p.open('office/campaign/campaign', { id: made.id });
    // Choosing 每阶段 with no stage is refused beside 活动阶段, nothing saved.
    await choose(page, '#freq-R1', '4');
    await tap(page, '#save');
    expect(page.querySelector('#stages-error')?.dom?.textContent).toBe('活动阶段：点评频次选了「每阶段」，请先添加活动阶段');
    expect((await p.h.ok(d.users.admin, 'campaign.get', { campaignId: made.id })).version).toBe(1);

    await tap(page, '#add-stage');
    await type(page, '#stage-name-0', '学习动员');
    await choose(page, '#stage-end-0', '2026-06-30');
    await tap(page, '#add-stage');
    await type(page, '#stage-name-1', '深入推进');
    await choose(page, '#stage-due-1', '2027-01-15');
    await tap(page, '#save');

    const saved = await p.h.ok(d.users.admin, 'campaign.get', { campaignId: made.id });
    expect(saved.frequencies.R1).toBe('STAGE');
    expect(saved.stages).toEqual([
      { name: '学习动员', start: '2026-01-01', end: '2026-06-30' },
      { name: '深入推进', start: '2026-07-01', end: '2026-12-31', due: '2027-01-15' },
    ]);
    expect(page.querySelector('#cycle-2026-S2')?.dom?.textContent).toContain('2026年第2阶段（深入推进）');
  });

  test('when the threshold is 0 or not a number, then the error shows beside its field and nothing is saved', async () => {
    const made = await p.h.ok(d.users.admin, 'campaign.create', { name: '错误测试活动', start: '2026-01-01', end: '2026-12-31' });
    const page = await p.open('office/campaign/campaign', { id: made.id });
    await choose(page, '#add-deadline', '2026-07-15');
    await type(page, '#threshold', '0');
    await tap(page, '#save');
    expect(page.querySelector('#threshold-error')?.dom?.textContent).toBe('匿名意见显示人数：请填写 1 到 50 之间的整数');

    mark = p.sent.length;
    await type(page, '#threshold', '三');
    await tap(page, '#save');
    expect(page.querySelector('#threshold-error')?.dom?.textContent).toBe('匿名意见显示人数：请填写 1 到 50 之间的整数');
    expect(sentSince()).toEqual([]);
    expect((await p.h.ok(d.users.admin, 'campaign.get', { campaignId: made.id })).version).toBe(1);
  });
});
