/**
 * 创建我的单位: the first administrator named in BOOTSTRAP_ADMINS creates the unit from the app (the join
 * screen they land on offers it), through the real api; anyone else is not offered it and is refused.
 */
import { lastNavigation, tap, textOf, type, usePages } from './pages';

const p = usePages({ BOOTSTRAP_ADMINS: 'xinbei=o-founder,xinbei=o-second' });

beforeEach(() => jest.clearAllMocks());

describe('创建我的单位', () => {
  test('when the named administrator opens the app, then 创建我的单位 is offered, and the unit is created as typed with them as its administrator', async () => {
    p.actAs('o-founder');
    const join = await p.open('pages/join/join/join');
    expect(textOf(join)).toContain('创建我的单位');
    expect(textOf(join)).toContain('o-founder');
    await tap(join, '#found');
    const [route] = lastNavigation();
    expect(route).toBe('office/found/found');

    const page = await p.open(route);
    expect(textOf(page)).toContain('单位编号：xinbei');
    const before = p.sent.length;
    await tap(page, '#create');
    expect(page.querySelector('#name-error')?.dom?.textContent).toBe('请填写单位名称');
    expect(p.sent.length).toBe(before);

    await type(page, '#name', '常州市新北区社会事业局');
    await tap(page, '#create');
    expect(wx.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/office/index/index' }));
    const me = await p.h.ok('o-founder', 'me', {});
    expect(me).toMatchObject({ bound: true, tenant: { id: 'xinbei', name: '常州市新北区社会事业局' }, roles: { admin: true } });
    expect(await p.h.ok('o-founder', 'tenant.get', {})).toMatchObject({ _id: 'xinbei', name: '常州市新北区社会事业局' });
  });

  test('when the new unit has no campaign yet, then 活动设置 on 活动办公室 makes its first campaign', async () => {
    p.actAs('o-founder');
    const office = await p.open('office/index/index');
    expect(textOf(office)).toContain('还没有党组织和人员');
    await tap(office, '#campaign');
    const [route, query] = lastNavigation();
    expect(route).toBe('office/campaign/campaign');
    expect(query).toEqual({});
    const page = await p.open(route, query);
    await type(page, '#name', '2027年创先争优活动领导点评');
    await tap(page, '#save');
    const { campaigns } = await p.h.ok('o-founder', 'campaign.list', {});
    expect(campaigns.map((c: { name: string }) => c.name)).toEqual(['2027年创先争优活动领导点评']);
    expect(lastNavigation('redirectTo')[1]).toEqual({ id: campaigns[0].id });

    // Opened again without an id (a stale list elsewhere), it opens that campaign rather than making a second.
    jest.clearAllMocks();
    await p.open('office/campaign/campaign', {});
    expect(lastNavigation('redirectTo')[1]).toEqual({ id: campaigns[0].id });
    expect((await p.h.ok('o-founder', 'campaign.list', {})).campaigns).toHaveLength(1);
  });

  test('when someone not named opens the app, then 创建我的单位 is not offered and the screen refuses', async () => {
    p.actAs('o-stranger');
    const join = await p.open('pages/join/join/join');
    expect(textOf(join)).toContain('您还没有加入组织');
    expect(textOf(join)).not.toContain('创建我的单位');
    const page = await p.open('office/found/found');
    expect(textOf(page)).toContain('没有可以由您创建的单位');
    expect(await p.h.call('o-stranger', 'tenant.bootstrap', { tenantId: 'xinbei2', name: '别的单位' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  test('when the unit already exists, then another administrator named for it is no longer offered to create it', async () => {
    expect((await p.h.ok('o-founder', 'me', {})).bound).toBe(true);
    p.actAs('o-second');
    const join = await p.open('pages/join/join/join');
    expect(textOf(join)).not.toContain('创建我的单位');
    const page = await p.open('office/found/found');
    expect(textOf(page)).toContain('没有可以由您创建的单位');
  });
});
