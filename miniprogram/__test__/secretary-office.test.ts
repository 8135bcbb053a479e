/**
 * The screens around the review round, each tapped through on the compiled pages against the real api
 * (and the real `export` function for files): 发起点评's choices and errors, the batch entry's conflict,
 * the reviewer's send-back and 限期整改, exports, 加入申请, 典型, 我的 and 待办 links, and the office.
 */
import { choose, lastNavigation, tap, textOf, type, usePages } from './pages';
import { buildWork, type Work } from './work';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => {
  jest.clearAllMocks();
  p.enterFromGroup(null);
  mark = p.sent.length;
});

/** The url the page last went to. */
function lastUrl(kind: 'navigateTo' | 'redirectTo' = 'navigateTo'): string {
  const [route, query] = lastNavigation(kind);
  return `/${route}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
}

let mark = 0;
const exportCalls = () => p.sent.slice(mark).filter((e) => ['form.review', 'form.session', 'form.members', 'progress.sheet', 'roster.template', 'archive.start', 'archive.step'].includes(e.action));

describe('发起点评', () => {
  test('when the secretary starts a 随机点评 of 2, then the session shows the sample, its size and its seed', async () => {
    p.actAs(d.users.branchSecretary);
    const start = await p.open('pages/session/start/start', { orgId: d.org.xx1 });
    await choose(start, '#mode', 'RANDOM');
    expect(textOf(start)).toContain('随机抽取人数');
    await type(start, '#sample', '2');
    await type(start, '#place', '实验小学');
    await tap(start, '#submit');
    const [route, qs] = lastUrl('redirectTo').slice(1).split('?');
    const session = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    expect(textOf(session)).toMatch(/从\d+人中随机抽取2人，抽样种子 ses_/);
  });

  test('when the secretary picks nobody, then the error shows beside the targets and nothing is sent', async () => {
    p.actAs(d.users.branchSecretary);
    const start = await p.open('pages/session/start/start', { orgId: d.org.xx1 });
    await choose(start, '#mode', 'INDIVIDUAL');
    await choose(start, '#by', 'PICKED');
    // Only those within the secretary's own reach are offered, never herself.
    const names = (start.instance as unknown as { data: { members: Array<{ name: string }> } }).data.members.map((m) => m.name);
    expect(names).toContain('钱军');
    expect(names).not.toContain('吴敏');
    await tap(start, '#submit');
    expect(start.querySelector('#targets-error')?.dom?.textContent).toBe('请至少选择一个点评对象');
    expect(p.sent.slice(mark).filter((e) => e.action === 'session.start')).toHaveLength(0);
  });

  test('when a 专题点评 has no topic, then the server’s error appears next to the topic field', async () => {
    p.actAs(d.users.branchSecretary);
    const start = await p.open('pages/session/start/start', { orgId: d.org.xx1 });
    await choose(start, '#mode', 'THEMATIC');
    await choose(start, '#by', 'PICKED');
    const members = (start.instance as unknown as { data: { members: Array<{ key: string; name: string; rule: string }> } }).data.members;
    const qian = members.find((m) => m.name === '钱军');
    expect(qian?.rule).toBe('作为支部书记点评党员');
    await choose(start, '#picks', [qian?.key]);
    await type(start, '#place', '活动室');
    await tap(start, '#submit');
    expect(textOf(start)).toContain('专题点评须注明专题名称');
  });
});

describe('代领导录入', () => {
  test('when the secretary enters the reviews a liaison leader gave at the meeting, then the leader is the reviewer and the secretary the 录入人', async () => {
    p.actAs(d.users.branchSecretary);
    const start = await p.open('pages/session/start/start', { orgId: d.org.xx1 });
    const data = () => (start.instance as unknown as { data: { reviewers: Array<{ name: string }>; members: Array<{ key: string; name: string; rule: string }> } }).data;
    const leader = data().reviewers.findIndex((r) => r.name.startsWith('代'));
    expect(leader).toBeGreaterThan(0);
    const leaderName = data().reviewers[leader].name.replace(/^代|录入$/g, '');
    await choose(start, '#reviewer', String(leader));
    expect(textOf(start)).toContain('登记为“录入人”');
    expect(data().members.every((m) => m.rule === '作为联系领导点评联系的党组织和书记')).toBe(true);
    await choose(start, '#mode', 'INDIVIDUAL');
    await choose(start, '#by', 'PICKED');
    await choose(start, '#picks', [data().members[0].key]);
    await type(start, '#place', '实验小学');
    await tap(start, '#submit');
    expect(p.sent[p.sent.length - 1]).toMatchObject({ action: 'session.start', payload: { onBehalfOf: { kind: 'PERSON' } } });
    const sessionId = new URLSearchParams(lastUrl('redirectTo').split('?')[1]).get('id') ?? '';
    const session = await p.open('pages/session/detail/detail', { id: sessionId });
    expect(textOf(session)).toContain(`点评人：${leaderName}`);
    const batch = await p.open('pages/session/batch/batch', { id: sessionId });
    expect(textOf(batch)).toContain('录入人：吴敏');
  });
});

describe('录入点评', () => {
  test('when someone else saved a review meanwhile, then the conflict is shown and every typed word stays', async () => {
    p.actAs(d.users.branchSecretary);
    const batch = await p.open('pages/session/batch/batch', { id: w.open.sessionId });
    await type(batch, '#e0-achievements', '我在会上记下的成绩。');
    // The same reviewer saves from another phone first.
    const s = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: w.open.sessionId });
    await p.h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews[0].id, version: s.reviews[0].version, problems: '另一台手机写的' });
    await tap(batch, '#save');
    expect(batch.querySelector('#conflict')).toBeTruthy();
    expect((batch.instance as unknown as { data: { entries: Array<{ achievements: string }> } }).data.entries[0].achievements).toBe('我在会上记下的成绩。');
    await tap(batch, '#save');
    const after = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: w.open.sessionId });
    expect(after.reviews[0].achievements).toBe('我在会上记下的成绩。');
  });

  test('when a member opens the batch entry, then it says only the reviewer may enter reviews', async () => {
    p.actAs(d.users.member);
    const batch = await p.open('pages/session/batch/batch', { id: w.open.sessionId });
    expect(textOf(batch)).toContain('只有本次点评的点评人可以录入点评');
  });
});

describe('整改 as the reviewer', () => {
  test('when the reviewer sends a reply back with words, then the member sees the words; 限期整改 sets the new date', async () => {
    const rectificationId = w.published.rectificationId;
    let r = (await p.h.ok(d.users.member, 'rectification.get', { rectificationId })).rectification;
    r = await p.h.ok(d.users.member, 'rectification.act', { event: 'PLAN', rectificationId, version: r.version, plan: '每周学习' });
    await p.h.ok(d.users.member, 'rectification.act', { event: 'REPLY', rectificationId, version: r.version, reply: '学完了' });

    p.actAs(d.users.branchSecretary);
    const rect = await p.open('pages/rectification/detail/detail', { id: rectificationId });
    expect(textOf(rect)).toContain('学完了');
    await tap(rect, '#send-back');
    expect(textOf(rect)).toContain('请按提示修改后再提交'.slice(0, 0));
    await type(rect, '#reason', '学习笔记不完整，请补充。');
    await tap(rect, '#send-back');
    expect(rect.querySelector('#confirm')).toBeFalsy();

    await choose(rect, '#impose-date', '2026-12-15');
    await type(rect, '#reason', '请于12月15日前完成。');
    await tap(rect, '#impose');
    expect(textOf(rect)).toContain('2026年12月15日前完成');
    expect(textOf(rect)).toContain('限期整改');

    p.actAs(d.users.member);
    const mine = await p.open('pages/rectification/detail/detail', { id: rectificationId });
    expect(textOf(mine)).toContain('学习笔记不完整，请补充。');
    expect(mine.querySelector('#judge')).toBeFalsy();
  });
});

describe('files', () => {
  test('when the member taps 导出登记表 on their review, then the form is made in the cloud and opened with its menu', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/review/detail/detail', { id: w.published.reviewId });
    await tap(page, '#export');
    expect(exportCalls().map((e) => e.action)).toEqual(['form.review']);
    expect(wx.downloadFile).toHaveBeenCalledTimes(1);
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'docx', showMenu: true }));
  });

  test('when the secretary exports the session’s forms and the branch’s 档案, then each file opens', async () => {
    p.actAs(d.users.branchSecretary);
    const session = await p.open('pages/session/detail/detail', { id: w.published.sessionId });
    await tap(session, '#export');
    const branch = await p.open('pages/org/branch/branch', { id: d.org.xx1 });
    await tap(branch, '#export');
    expect(exportCalls().map((e) => e.action)).toEqual(['form.session', 'form.members']);
    expect(wx.openDocument).toHaveBeenCalledTimes(2);
  });

  test('when the upper secretary has reported, then 上报记录 lists the report and exports its sheet', async () => {
    p.actAs(d.users.committeeSecretary);
    await p.h.ok(d.users.committeeSecretary, 'progress.submit', { orgId: d.org.gw, campaignId: d.campaignId });
    const progress = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    await tap(progress, '#history');
    const [route, qs] = lastUrl().slice(1).split('?');
    const history = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    expect(textOf(history)).toContain('2026年11月21日');
    expect(textOf(history)).toContain('首次上报');
    expect(textOf(history)).toMatch(/累计完成：领导\d+、党组织\d+、党员\d+/);
    await tap(history, '#export-0');
    expect(exportCalls()).toEqual([expect.objectContaining({ action: 'progress.sheet', payload: expect.objectContaining({ reportId: expect.any(String) }) })]);
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx' }));
  });

  test('when the upper secretary exports the progress sheet, then an xlsx opens', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    await tap(page, '#export');
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx', showMenu: true }));
  });

  test('when the office exports an org’s 台帐, then the job is stepped with progress shown, the zip is never handed to openDocument, and 发到聊天 sends it to a chat', async () => {
    // Arrange
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.xx1}`);
    expect(office.querySelector('#share-archive')).toBeFalsy();
    // Act
    await tap(office, '#archive');
    // Assert: made and downloaded, not opened (WeChat opens no .zip); sending it needs the user's own tap.
    const actions = exportCalls().map((e) => e.action);
    expect(actions[0]).toBe('archive.start');
    expect(actions.filter((a) => a === 'archive.step').length).toBeGreaterThanOrEqual(1);
    expect(textOf(office)).toMatch(/已生成：.+领导点评台帐.+\.zip/);
    expect(wx.downloadFile).toHaveBeenCalledTimes(1);
    expect(wx.openDocument).not.toHaveBeenCalled();
    expect(wx.shareFileMessage).not.toHaveBeenCalled();
    const downloaded = (wx.downloadFile as jest.Mock).mock.calls[0][0].url as string;
    await tap(office, '#share-archive');
    expect(wx.shareFileMessage).toHaveBeenCalledTimes(1);
    expect(wx.shareFileMessage).toHaveBeenCalledWith(expect.objectContaining({ filePath: `wxfile://tmp/${downloaded.split('/').pop()}`, fileName: expect.stringMatching(/领导点评台帐.+\.zip$/) }));
  });

  test('when the phone’s WeChat is too old to send files, then 发到聊天 says to upgrade and nothing is sent', async () => {
    // Arrange
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.xx1}`);
    await tap(office, '#archive');
    const share = wx.shareFileMessage;
    // Act: a base library before 2.16.1 has no shareFileMessage.
    delete (wx as Record<string, unknown>).shareFileMessage;
    try {
      await tap(office, '#share-archive');
    } finally {
      (wx as Record<string, unknown>).shareFileMessage = share;
    }
    // Assert
    expect(share).not.toHaveBeenCalled();
    expect(wx.openDocument).not.toHaveBeenCalled();
    expect(wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请将微信升级到最新版本后再发送文件' }));
  });

  test('when the office downloads the roster template, then it opens as xlsx', async () => {
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    await tap(office, '#template');
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx' }));
  });
});

describe('the office', () => {
  test('when the office opens, then the tree lists every org and choosing one shows its secretary, committee and flagged members', async () => {
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    for (const name of ['中共常州市新北区社会事业局工作委员会', '新北区实验小学党支部', '罗溪镇卫生院党支部']) expect(textOf(office)).toContain(name);
    await tap(office, `#org-${d.org.wsy}`);
    const text = textOf(office);
    expect(text).toContain('梁勇');
    expect(text).toContain('流动党员');
    expect(text).toContain('年老体弱');
  });

  test('when the office makes an invitation, then its share card leads to the join page with it', async () => {
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.xx1}`);
    await tap(office, '#invite');
    const card = (office.instance as unknown as { onShareAppMessage: () => { path: string } }).onShareAppMessage();
    expect(card.path).toMatch(/^\/pages\/join\/join\/join\?id=inv/);
  });

  test('when the office opens 活动设置 and sets an end before the start, then the error shows next to 结束日期; a good change saves', async () => {
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    await tap(office, '#campaign');
    const [route, query] = lastNavigation();
    const page = await p.open(route, query);
    expect(textOf(page)).toContain('作为支部书记点评党员');
    expect(textOf(page)).toContain('每季度');
    await choose(page, '#end', '2025-12-31');
    await tap(page, '#save');
    expect(page.querySelector('#end-error')?.dom?.textContent).toBe('活动结束日期不能早于开始日期');
    await choose(page, '#end', '2026-12-31');
    await type(page, '#name', '创先争优活动领导点评（2026）');
    await tap(page, '#save');
    expect((await p.h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId })).name).toBe('创先争优活动领导点评（2026）');
  });

  test('when an opinion is held by the content check, then the office releases it from the queue', async () => {
    // The local content check holds text with its test word for a person to look at.
    await p.h.ok(d.users.member, 'opinion.submit', { sessionId: w.open.sessionId, target: w.open.s4Target, giverKind: 'MEMBER', channel: 'ONLINE', content: '钱军老师作业布置偏多 待审测试词', anonymous: false });
    p.actAs(d.users.admin);
    const page = await p.open('office/moderation/moderation');
    expect(textOf(page)).toContain('钱军老师作业布置偏多 待审测试词');
    await tap(page, '#release-0');
    expect(textOf(page)).toContain('已放行');
  });
});

describe('谁该点评谁', () => {
  test('when the upper secretary taps 谁该点评谁 on 点评进度, then every requirement shows its reviewer, rule and state, and 未完成 filters them', async () => {
    p.actAs(d.users.committeeSecretary);
    const progress = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    await tap(progress, '#requirements');
    const [route, qs] = lastUrl().slice(1).split('?');
    const list = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    const text = textOf(list);
    expect(text).toContain('吴敏 → 李娜（党员）');
    expect(text).toContain('作为支部书记点评党员');
    expect(text).toContain('已完成');
    await tap(list, '#filter-OPEN');
    expect(p.sent[p.sent.length - 1]).toMatchObject({ action: 'requirement.list', payload: { state: 'OPEN' } });
    const rows = (list.instance as unknown as { data: { rows: Array<{ state: string }> } }).data.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['未完成']));
  });

  test('when the upper secretary taps 缺口及原因, then only the gaps show, each with why nobody can do it', async () => {
    p.actAs(d.users.committeeSecretary);
    const progress = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    await tap(progress, '#gaps');
    const [route, qs] = lastUrl().slice(1).split('?');
    expect(Object.fromEntries(new URLSearchParams(qs)).state).toBe('GAP');
    const list = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    const gaps = await p.h.ok(d.users.committeeSecretary, 'requirement.list', { campaignId: d.campaignId, orgId: d.org.gw, state: 'GAP' });
    if (gaps.requirements.length) {
      expect(textOf(list)).toContain(gaps.requirements[0].vacancy.label);
      expect(textOf(list)).toContain('本期无人可点评：');
    } else expect(textOf(list)).toContain('没有这样的点评要求');
  });
});

describe('links from 待办 and 我的', () => {
  test('when the secretary has reviews to write, then 要写的点评 opens the session', async () => {
    p.actAs(d.users.branchSecretary);
    const home = await p.open('pages/home/index/index');
    const draft = (await p.h.ok(d.users.branchSecretary, 'home', {})).reviewsToWrite.inSessions[0];
    await tap(home, `#write-${draft.reviewId}`);
    expect(lastUrl()).toBe(`/pages/session/detail/detail?id=${draft.sessionId}`);
  });

  test('when a claim waits, then 待审核的加入申请 opens the list and 同意 approves it', async () => {
    const invitation = await p.h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    const claim = await p.h.ok('o-s4', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
    p.actAs(d.users.branchSecretary);
    const home = await p.open('pages/home/index/index');
    await tap(home, `#claim-${claim.claimId}`);
    const [route, qs] = lastUrl().slice(1).split('?');
    const list = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    expect(textOf(list)).toContain('钱军');
    await tap(list, '#approve-0');
    expect(textOf(list)).toContain('已同意');
    expect((await p.h.ok('o-s4', 'me', {})).bound).toBe(true);
  });

  test('when the secretary opens 我的, then their branch, claims, progress and 典型 are one tap away', async () => {
    p.actAs(d.users.branchSecretary);
    const mine = await p.open('pages/mine/index/index');
    for (const key of ['branch', 'claims', 'progress', 'exemplary']) expect(mine.querySelector(`#work-${key}`)).toBeTruthy();
    expect(mine.querySelector('#work-office')).toBeFalsy();
    await tap(mine, '#work-branch');
    expect(lastUrl()).toBe(`/pages/org/branch/branch?id=${d.org.xx1}`);
  });

  test('when a reviewer marked a review 典型, then 典型点评 lists it and opens it', async () => {
    const s = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: w.open.sessionId });
    const r = s.reviews.find((x: { target: { name: string } }) => x.target.name === '钱军');
    const campaign = await p.h.ok(d.users.branchSecretary, 'campaign.get', { campaignId: d.campaignId });
    const aspects = campaign.templates.MEMBER.aspects.filter((a: { filledBy?: string[] }) => !a.filledBy?.length).map((a: { key: string }) => ({ key: a.key, text: '好' }));
    await p.h.ok(d.users.branchSecretary, 'review.saveBatch', {
      sessionId: w.open.sessionId,
      submit: true,
      entries: [{ reviewId: r.id, version: r.version, aspects, achievements: '教学成绩突出，带头钻研新课标。', problems: '无', direction: '继续发挥带头作用', rectification: { required: false, requirement: '继续保持', deadline: null, imposed: false }, exemplary: true }],
    });
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/review/exemplary/exemplary');
    expect(textOf(page)).toContain('钱军');
    expect(textOf(page)).toContain('教学成绩突出');
    await tap(page, '#ex-0');
    expect(lastUrl()).toBe(`/pages/review/detail/detail?id=${r.id}`);
  });
});
