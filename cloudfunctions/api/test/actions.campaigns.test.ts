/** Campaigns through main(event): create, update, list, get with cycles from the core, default frequencies, templates. */
import { FIXTURE_NOW, apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectError, expectRefused } from './actions.support';

const h = apiHarness();
// Tests here move the clock; each starts again at the fixtures' day.
afterEach(() => h.clock.set(FIXTURE_NOW));
let d: District;

/** 2026-11-21 10:00 China Standard Time. */
const TODAY = Date.UTC(2026, 10, 21, 2, 0, 0);

beforeAll(async () => {
  d = await buildDistrict(h);
});

const getAt = async (campaignId: string, at = TODAY) => {
  h.clock.set(at);
  return h.ok(d.users.member, 'campaign.get', { campaignId });
};
const cycle = (view: Data, key: string) => view.cycles.find((c: Data) => c.key === key);

describe('campaign.create and campaign.get', () => {
  it('when a campaign sets nothing but its period, then it has the default frequencies, cycles and templates', async () => {
    // Act: the district's campaign (2026, report deadlines 7月15日 and 1月28日) read by a member on 2026-11-21.
    const view = await getAt(d.campaignId);

    // Assert
    expect(view.frequencies).toEqual({ R1: 'QUARTERLY', R2: 'HALF_YEARLY', R3: 'HALF_YEARLY', R4: 'HALF_YEARLY', R5: 'HALF_YEARLY', R6: 'QUARTERLY', R7: 'HALF_YEARLY' });
    expect(view.cycles.map((c: Data) => c.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-H1', '2026-H2']);
    expect(cycle(view, '2026-Q3')).toMatchObject({ frequency: 'QUARTERLY', dueDate: '2026-09-30', status: 'OVERDUE' });
    expect(cycle(view, '2026-Q4')).toMatchObject({ dueDate: '2026-12-31', status: 'OPEN' });
    expect(cycle(view, '2026-H2').status).toBe('OPEN');
    expect(Object.keys(view.templates).sort()).toEqual(['COMMITTEE_MEMBER', 'MEMBER', 'ORG', 'ORG_LEADER']);
    expect(view.templates.MEMBER).toMatchObject({ id: 'default-MEMBER', targetKind: 'MEMBER' });
    expect(view.templates.MEMBER.aspects).toHaveLength(4);
    expect(view).toMatchObject({ id: d.campaignId, name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31', reportDeadlines: ['2026-07-15', '2027-01-28'], version: 1 });
  });

  it('when a campaign sets frequencies, a due date and [003] template options, then its cycles and templates follow', async () => {
    // Arrange
    const input = {
      name: '2026年下半年领导点评',
      start: '2026-07-01',
      end: '2026-12-31',
      frequencies: { R1: 'MONTHLY', R5: 'YEARLY' },
      cycleDueDates: { '2026-H2': '2027-01-28' },
      templateOptions: { integrity: true, windowService: true },
    };

    // Act
    const created = await h.ok(d.users.admin, 'campaign.create', input);
    const view = await getAt(created.id);

    // Assert
    expect(view.frequencies).toMatchObject({ R1: 'MONTHLY', R5: 'YEARLY', R6: 'QUARTERLY', R2: 'HALF_YEARLY' });
    expect(view.cycles.filter((c: Data) => c.frequency === 'MONTHLY').map((c: Data) => c.key)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(view.cycles.filter((c: Data) => c.frequency === 'YEARLY').map((c: Data) => c.key)).toEqual(['2026']);
    expect(cycle(view, '2026-H2')).toMatchObject({ dueDate: '2027-01-28', status: 'OPEN' });
    expect(cycle(view, '2026-11')).toMatchObject({ status: 'OPEN' });
    expect(view.templates.ORG.id).toBe('default-ORG-integrity-window');
    expect(view.templates.ORG.aspects.length).toBeGreaterThan((await getAt(d.campaignId)).templates.ORG.aspects.length);
  });

  it('when a campaign brings its own template for a target kind, then that template replaces the default', async () => {
    // Arrange
    const template = { id: 'tpl-member', targetKind: 'MEMBER', name: '党员点评（本单位）', aspects: [{ key: 'post', title: '立足岗位作表率', hint: '' }] };

    // Act
    const created = await h.ok(d.users.admin, 'campaign.create', { name: '专题点评', start: '2026-03-01', end: '2026-05-31', templates: { MEMBER: template } });

    // Assert
    const view = await getAt(created.id);
    expect(view.templates.MEMBER).toEqual(template);
    expect(view.templates.ORG.id).toBe('default-ORG');
    expect(view.cycles.every((c: Data) => c.status === 'OVERDUE')).toBe(true);
  });

  it('when the period ends before it starts, then CAMPAIGN.INVALID_PERIOD; when it names a day that does not exist, then INPUT.INVALID naming it; nothing is written', async () => {
    await expectRefused(h, 'CAMPAIGN.INVALID_PERIOD', () => h.call(d.users.admin, 'campaign.create', { name: '倒序', start: '2026-12-31', end: '2026-01-01' }));
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.admin, 'campaign.create', { name: '二月三十日', start: '2026-02-30', end: '2026-12-31' }));
    const reply = await h.call(d.users.admin, 'campaign.create', { name: '截止日不存在', start: '2026-01-01', end: '2026-12-31', reportDeadlines: ['2026-06-31'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', issues: [{ path: ['reportDeadlines', 0], message: '进度上报截止日期 2026-06-31 不存在' }] } });
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.admin, 'campaign.create', { name: '格式不对', start: '2026/01/01', end: '2026-12-31' }));
  });

  it('when a due date names a cycle the campaign does not have, then CYCLE.NOT_FOUND and nothing is written', async () => {
    await expectRefused(h, 'CYCLE.NOT_FOUND', () => h.call(d.users.admin, 'campaign.create', { name: '多余的周期', start: '2026-01-01', end: '2026-12-31', cycleDueDates: { '2027-H1': '2027-07-15' } }));
    await expectRefused(h, 'CYCLE.NOT_FOUND', () => h.call(d.users.admin, 'campaign.create', { name: '没有月度', start: '2026-01-01', end: '2026-12-31', cycleDueDates: { '2026-05': '2026-06-10' } }));
  });

  it('when a template is given for another target kind than its key, then INPUT.INVALID and nothing is written', async () => {
    const template = { id: 'tpl-x', targetKind: 'ORG', name: '错位模板', aspects: [{ key: 'a', title: '方面', hint: '' }] };
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.admin, 'campaign.create', { name: '模板错位', start: '2026-01-01', end: '2026-12-31', templates: { MEMBER: template } }));
  });

  it('when a secretary creates a campaign, then AUTH.FORBIDDEN and nothing is written', async () => {
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'campaign.create', { name: '书记建的活动', start: '2026-01-01', end: '2026-12-31' }));
  });
});

describe('campaign.update', () => {
  it('when an admin changes the name and frequencies, then the frequencies are replaced as a whole and the version goes up', async () => {
    // Arrange
    const created = await h.ok(d.users.admin, 'campaign.create', { name: '待修改', start: '2026-01-01', end: '2026-12-31', frequencies: { R1: 'MONTHLY', R2: 'YEARLY' } });

    // Act
    const updated = await h.ok(d.users.admin, 'campaign.update', { campaignId: created.id, version: 1, name: '已修改', frequencies: { R2: 'QUARTERLY' } });

    // Assert
    expect(updated.version).toBe(2);
    const view = await getAt(created.id);
    expect(view).toMatchObject({ name: '已修改', version: 2 });
    expect(view.frequencies).toMatchObject({ R1: 'QUARTERLY', R2: 'QUARTERLY' });
    expect(view.cycles.some((c: Data) => c.frequency === 'MONTHLY')).toBe(false);
  });

  it('when an admin sets the anonymity threshold, template options and form style, then campaign.get shows each and a bad threshold is refused next to its field', async () => {
    // Arrange
    const created = await h.ok(d.users.admin, 'campaign.create', { name: '设置齐全', start: '2026-01-01', end: '2026-12-31' });

    // Act
    const updated = await h.ok(d.users.admin, 'campaign.update', { campaignId: created.id, version: 1, anonymityThreshold: 5, templateOptions: { integrity: true }, forms: { style: 'DETAILED' } });
    const bad = await h.call(d.users.admin, 'campaign.update', { campaignId: created.id, version: updated.version, anonymityThreshold: 0 });

    // Assert
    const view = await getAt(created.id);
    expect(view).toMatchObject({ anonymityThreshold: 5, templateOptions: { integrity: true }, forms: { style: 'DETAILED' }, version: 2 });
    expect(view.templates.ORG.aspects.map((a: Data) => a.title)).toContain('党风廉政建设');
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', issues: [{ path: ['anonymityThreshold'], message: '匿名意见显示人数：请填写 1 到 50 之间的整数' }] } });
    expect((await getAt(created.id)).version).toBe(2);
  });

  it('when an update is based on an old version, makes a bad period, or names another tenant’s campaign, then it is refused and nothing is written', async () => {
    // Arrange
    const created = await h.ok(d.users.admin, 'campaign.create', { name: '并发修改', start: '2026-01-01', end: '2026-12-31' });
    await h.ok(d.users.admin, 'campaign.update', { campaignId: created.id, version: 1, name: '第一次修改' });

    // Act / Assert
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.admin, 'campaign.update', { campaignId: created.id, version: 1, name: '基于旧版本' }));
    await expectRefused(h, 'CAMPAIGN.INVALID_PERIOD', () => h.call(d.users.admin, 'campaign.update', { campaignId: created.id, version: 2, end: '2025-12-31' }));
    await expectRefused(h, 'CAMPAIGN.NOT_FOUND', () => h.call(d.users.otherTenantAdmin, 'campaign.update', { campaignId: created.id, version: 2, name: '外单位' }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.branchSecretary, 'campaign.update', { campaignId: created.id, version: 2, name: '书记改' }));
  });
});

describe('campaign.list and campaign.get', () => {
  it('when a bound member lists campaigns, then they see their tenant’s, and another tenant sees none of them', async () => {
    // Act
    const mine = await h.ok(d.users.member, 'campaign.list');
    const theirs = await h.ok(d.users.otherTenantAdmin, 'campaign.list');

    // Assert
    expect(mine.campaigns.map((c: Data) => c.id)).toContain(d.campaignId);
    expect(mine.campaigns.find((c: Data) => c.id === d.campaignId)).toEqual({ id: d.campaignId, name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31', version: 1 });
    expect(theirs.campaigns).toEqual([]);
  });

  it('when another tenant, a stranger or an unknown id asks for a campaign, then it is not shown', async () => {
    expectError(await h.call(d.users.otherTenantAdmin, 'campaign.get', { campaignId: d.campaignId }), 'CAMPAIGN.NOT_FOUND');
    expectError(await h.call(d.users.stranger, 'campaign.get', { campaignId: d.campaignId }), 'AUTH.UNBOUND');
    expectError(await h.call(d.users.member, 'campaign.get', { campaignId: 'camp_nope' }), 'CAMPAIGN.NOT_FOUND');
  });
});
