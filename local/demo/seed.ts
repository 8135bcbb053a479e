/**
 * The demo that `npm start` brings up: two tenants written through the `api` function itself —
 * a district work committee shaped like seed 000 and a national body shaped like seed 003 — each
 * with a campaign mid-way. The demo is laid out around the day it is first seeded (its anchor, kept in
 * the data dir), and each step is taken with the local cloud's clock set to when it happened — last
 * week's meeting really happened last week — so on any date every role has current work. Every
 * mutation carries a fixed requestId and the anchor is reused, so a second start replays the stored
 * replies and changes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localClock } from '../src/clock';
import { getDataDir } from '../src/services/state';
import { seed000Input } from '../../miniprogram/core/domain/fixtures/seed000';
import { seed003Input } from '../../miniprogram/core/domain/fixtures/seed003';
import { rosterRowsOf } from '../../miniprogram/core/domain/fixtures/roster-rows';
import type { TreeInput } from '../../miniprogram/core/contracts/org';
import type { Campaign } from '../../miniprogram/core/contracts/campaign';
import { cyclesOf, usedFrequencies } from '../../miniprogram/core/domain/cycles';
import { stableJson } from '../../cloudfunctions/api/src/frame/request-record';

type CallFunction = (o: { name: string; openid: string; data: Record<string, unknown> }) => Promise<{ result?: unknown; errCode?: number; errMsg?: string }>;

interface Reply {
  ok: boolean;
  data?: Record<string, unknown> & { [k: string]: unknown };
  error?: { code: string; message: string; issues?: unknown };
}

interface SessionPlan {
  reviewer: string;
  from: string;
  mode: 'CENTRAL' | 'INDIVIDUAL' | 'TALK';
  meetingType: string | null;
  targets: string[];
  place: string;
}

/** One demo tenant: its fixture, the openids that act as its named roles, and its campaign. */
export interface TenantPlan {
  tenantId: string;
  name: string;
  admin: string;
  input: TreeInput;
  /** Fixture person key → demo openid, with the role it plays. */
  users: Array<{ key: string; openid: string; role: string }>;
  campaign: { name: string; templateOptions?: { integrity?: boolean; windowService?: boolean } };
  /** The review session held last week and published: reviewer, the org reviewed from, members reviewed. */
  session: SessionPlan;
  /** Sessions under way: reports and opinions still open. */
  open: SessionPlan[];
  /** A second published session of the same reviewer (a 谈话点评 three days ago), so two sessions can be compiled into one 通报. */
  talk?: SessionPlan;
  /** Who makes a personal commitment, and which secretary makes their branch's. */
  commitments: { member: string; secretary: string; branch: string };
  /** Roster phone numbers by person key (the 手机号 column), for the newcomer's claim to be checked against. */
  phones?: Record<string, string>;
}

/** The demo tenants and who plays whom. */
export const PLANS: TenantPlan[] = [
  {
    tenantId: 'demo-district',
    name: '常州市新北区社会事业局（演示）',
    admin: 'o-demo-admin',
    input: seed000Input(),
    users: [
      { key: 'g1', openid: 'o-demo-g1', role: '工委书记 周建国（点评各支部及书记）' },
      { key: 'g2', openid: 'o-demo-g2', role: '工委副书记 陈立（联系点领导：卫生院、初级中学）' },
      { key: 's1', openid: 'o-demo-s1', role: '实验小学党支部书记 吴敏（点评本支部党员）' },
      { key: 's3', openid: 'o-demo-s3', role: '实验小学党员 李娜' },
      { key: 'w1', openid: 'o-demo-w1', role: '卫生院党支部书记 何平' },
      { key: 'w3', openid: 'o-demo-w3', role: '卫生院退休党员 罗德福（年老体弱）' },
      { key: 'w4', openid: 'o-demo-w4', role: '流动党员 梁勇（流入实验小学党支部）' },
    ],
    campaign: { name: '年度创先争优活动领导点评' },
    // 钱军 is the newcomer the preview invites: his claim is checked against these last four digits (2468).
    phones: { s4: '138 0519 2468' },
    session: { reviewer: 's1', from: 'xx1', mode: 'CENTRAL', meetingType: 'PARTY_MEMBERS_MEETING', targets: ['s3', 's4'], place: '实验小学党员活动室' },
    open: [
      { reviewer: 's1', from: 'xx1', mode: 'CENTRAL', meetingType: 'PARTY_MEMBERS_MEETING', targets: ['s5', 'w4'], place: '实验小学党员活动室' },
      { reviewer: 'w1', from: 'wsy', mode: 'INDIVIDUAL', meetingType: null, targets: ['w3'], place: '罗德福同志家中' },
    ],
    talk: { reviewer: 's1', from: 'xx1', mode: 'TALK', meetingType: null, targets: ['s4'], place: '实验小学校长办公室' },
    commitments: { member: 's3', secretary: 's1', branch: 'xx1' },
  },
  {
    tenantId: 'demo-national',
    name: '国家质检总局（演示）',
    admin: 'o-demo3-admin',
    input: seed003Input(),
    users: [
      { key: 'a1', openid: 'o-demo3-a1', role: '总局党组书记 王局长' },
      { key: 'd1', openid: 'o-demo3-d1', role: '直属机关党委书记 郑书记' },
      { key: 'e1', openid: 'o-demo3-e1', role: '机关第一党支部书记 冯司长' },
      { key: 'e3', openid: 'o-demo3-e3', role: '机关第一党支部党员 褚科员' },
      { key: 'h1', openid: 'o-demo3-h1', role: '检科院党委书记 蒋院长' },
    ],
    campaign: { name: '“以质取胜、创先争优”领导点评', templateOptions: { integrity: true, windowService: true } },
    session: { reviewer: 'e1', from: 'jb1', mode: 'CENTRAL', meetingType: 'ORGANISATIONAL_LIFE', targets: ['e3', 'e2'], place: '总局机关第一会议室' },
    open: [{ reviewer: 'e1', from: 'jb1', mode: 'CENTRAL', meetingType: 'ORGANISATIONAL_LIFE', targets: ['a2'], place: '总局机关第一会议室' }],
    commitments: { member: 'e3', secretary: 'e1', branch: 'jb1' },
  },
];

export interface DemoContext {
  callFunction: CallFunction;
  log?: (line: string) => void;
  /** Where the demo's anchor day is kept (default: the local cloud's data dir). */
  dataDir?: string;
}

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` in China Standard Time of an instant. */
const cstDay = (ms: number) => new Date(ms + CST_MS).toISOString().slice(0, 10);
/** The instant of `hour`:00 CST on a `YYYY-MM-DD` day. */
const cstAt = (day: string, hour: number) => Date.parse(`${day}T00:00:00+08:00`) + hour * 3_600_000;

/** The demo's dates, all relative to its anchor day. */
export interface Timeline {
  anchor: string;
  /** The anchor day shifted by whole days. */
  day(offset: number): string;
  /** An instant on the shifted day at `hour` CST. */
  at(offset: number, hour: number): number;
  campaign: { start: string; end: string; reportDeadlines: string[]; cycleDueDates: Record<string, string> };
}

/** The timeline of a demo anchored on `anchor`: a year-long campaign begun in the quarter of two weeks ago. */
export function timeline(anchor: string): Timeline {
  const day = (offset: number) => cstDay(Date.parse(`${anchor}T00:00:00+08:00`) + offset * DAY_MS);
  const twoWeeksAgo = day(-14);
  const [y, m] = twoWeeksAgo.split('-').map(Number);
  const quarterMonth = m - ((m - 1) % 3);
  const start = `${y}-${String(quarterMonth).padStart(2, '0')}-01`;
  // A year from the start, less a day: the same month a year on, first day, minus one day.
  const end = cstDay(Date.parse(`${y + 1}-${String(quarterMonth).padStart(2, '0')}-01T00:00:00+08:00`) - DAY_MS);
  // As seed 000 does for its second half-year (due 1月28日), a cycle that has just ended is due on the
  // 28th day after it: a demo anchored early in a quarter then shows last quarter's reviews as due, not overdue.
  const period: Campaign = { id: 'demo', tenantId: 'demo', name: 'demo', start, end };
  const cycleDueDates = Object.fromEntries(
    usedFrequencies(period)
      .flatMap((f) => cyclesOf(period, f))
      .filter((c) => c.dueDate < day(7))
      .map((c) => [c.key, cstDay(c.end + 27 * DAY_MS)]),
  );
  return { anchor, day, at: (offset, hour) => cstAt(day(offset), hour), campaign: { start, end, reportDeadlines: [day(21), end], cycleDueDates } };
}

/** The anchor day of this data dir's demo: the day it was first seeded, or today on the local clock. */
function demoAnchor(dataDir: string): string {
  const file = join(dataDir, 'demo.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { anchor?: unknown };
    if (typeof kept.anchor === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(kept.anchor)) return kept.anchor;
  }
  const anchor = cstDay(localClock().now());
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ anchor }, null, 2));
  return anchor;
}

/** Seeds both demo tenants through the API; safe to run on every start. */
export async function seed({ callFunction, log = console.log, dataDir = getDataDir() }: DemoContext): Promise<void> {
  const clock = localClock();
  const t = timeline(demoAnchor(dataDir));
  // Each step runs at its own time; afterwards the clock goes on from where it was.
  const [resumeAt, resumedFrom] = [clock.now(), Date.now()];
  try {
    await seedAll({ callFunction, log, t, travel: (ms) => clock.set(ms) });
  } finally {
    clock.set(resumeAt + (Date.now() - resumedFrom));
  }
  log(`[demo] laid out around ${t.anchor} (campaign ${t.campaign.start} – ${t.campaign.end}); remove ${join(dataDir, 'demo.json')} and the data dir to lay it out around another day`);
}

type Travel = (ms: number) => void;

async function seedAll({ callFunction, log, t, travel }: { callFunction: CallFunction; log: (line: string) => void; t: Timeline; travel: Travel }): Promise<void> {
  const pairs = PLANS.map((p) => `${p.tenantId}=${p.admin}`);
  const configured = (process.env.BOOTSTRAP_ADMINS ?? '').split(',').filter(Boolean);
  process.env.BOOTSTRAP_ADMINS = [...new Set([...configured, ...pairs])].join(',');

  const shown: Array<{ plan: TenantPlan; campaignId: string; topOrgId: string }> = [];
  for (const plan of PLANS) {
    const api = async (openid: string, action: string, payload: unknown, step?: string): Promise<Record<string, unknown> & { [k: string]: unknown }> => {
      const data: Record<string, unknown> = { action, payload };
      if (step) data.requestId = `demo-${plan.tenantId}-${step}`.slice(0, 64);
      const res = await callFunction({ name: 'api', openid, data });
      const reply = res.result as Reply | undefined;
      if (!reply?.ok) throw new Error(`demo seed: ${action} as ${openid} failed: ${JSON.stringify(reply?.error ?? res)}`);
      return reply.data ?? {};
    };
    const made = await seedTenant(plan, api, t, travel);
    shown.push({ plan, ...made });
    log(`[demo] ${plan.name} (${plan.tenantId})`);
    log(`  ${plan.admin.padEnd(16)} 单位管理员（活动办公室）`);
    for (const u of plan.users) log(`  ${u.openid.padEnd(16)} ${u.role}`);
  }
  const base = `http://127.0.0.1:${process.env.PORT || 8787}/functions/api`;
  log('[demo] try, for example:');
  log(`  curl -s ${base} -H 'content-type: application/json' -d '{"openid":"o-demo-s3","data":{"action":"home","payload":{}}}'`);
  for (const { plan, campaignId, topOrgId } of shown) {
    const top = plan.users[0].openid;
    const payload = JSON.stringify({ campaignId, orgId: topOrgId });
    log(`  curl -s ${base} -H 'content-type: application/json' -d '{"openid":"${top}","data":{"action":"progress.get","payload":${payload}}}'`);
    log(`  curl -s ${base} -H 'content-type: application/json' -d '{"openid":"${top}","data":{"action":"progress.gaps","payload":${payload}}}'`);
  }
}

type Api = (openid: string, action: string, payload: unknown, step?: string) => Promise<Record<string, unknown> & { [k: string]: unknown }>;

async function seedTenant(plan: TenantPlan, api: Api, t: Timeline, travel: Travel): Promise<{ campaignId: string; topOrgId: string }> {
  const { admin, input } = plan;
  travel(t.at(-13, 9));
  await api(admin, 'tenant.bootstrap', { tenantId: plan.tenantId, name: plan.name }, 'bootstrap');
  const rows = rosterRowsOf(input);
  const phones = plan.phones ?? {};
  const roster = { ...rows, persons: rows.persons.map((row, i) => (phones[input.persons[i].id] ? { ...(row as object), phone: phones[input.persons[i].id] } : row)) };
  const imported = (await api(admin, 'roster.import', roster, 'roster')) as { orgIds: Record<string, string>; personIds: string[] };
  const personId = (key: string) => imported.personIds[input.persons.findIndex((p) => p.id === key)];
  const orgId = (key: string) => imported.orgIds[key];
  const tenant = await api(admin, 'tenant.get', {});
  const assistances = input.assistances.map((a) => ({ ...a, assistingOrgId: orgId(a.assistingOrgId) }));
  // Seeded already: the update is not sent again (its payload's version has moved on, so it would be REQUEST.REUSED).
  const settings = { topReviewer: input.tenant.topReviewer ?? null, assistances };
  const current = tenant as { version: number; topReviewer?: unknown; assistances?: unknown };
  if (stableJson({ topReviewer: current.topReviewer ?? null, assistances: current.assistances ?? [] }) !== stableJson(settings)) {
    await api(admin, 'tenant.update', { version: current.version, ...settings }, 'tenant-update');
  }

  // Bind the named users the way real users join: invitation → claim → approval.
  for (const u of plan.users) {
    const person = input.persons.find((p) => p.id === u.key);
    if (!person) throw new Error(`demo seed: no person ${u.key}`);
    const invitation = await api(admin, 'invitation.create', { orgId: orgId(person.orgId) }, `inv-${u.key}`);
    const claim = await api(u.openid, 'claim.submit', { invitationId: invitation.invitationId, personId: personId(u.key) }, `claim-${u.key}`);
    await api(admin, 'claim.decide', { claimId: claim.claimId, approve: true }, `approve-${u.key}`);
  }

  const campaign = await api(admin, 'campaign.create', { ...plan.campaign, ...t.campaign }, 'campaign');
  await seedWork(plan, api, t, travel, { campaignId: campaign.id as string, orgId, personId });
  const root = input.orgs.find((o) => o.parentId === null);
  return { campaignId: campaign.id as string, topOrgId: orgId(root?.id ?? '') };
}

/** Fills every aspect of a template and the four required sections, as a reviewer would. */
function reviewContent(template: { aspects: Array<{ key: string; title: string; filledBy?: string[] }> }, name: string, rectify: boolean, deadline: string) {
  return {
    aspects: template.aspects.filter((a) => !a.filledBy?.length).map((a) => ({ key: a.key, text: `${name}在“${a.title}”方面表现较好，能够立足岗位发挥作用。` })),
    achievements: `${name}立足本职，公开承诺事项大部分已兑现，群众评价较好。`,
    problems: '理论学习的系统性还不够，联系服务群众的方式需要拓展。',
    direction: '加强理论学习，结合岗位多为群众办实事。',
    rectification: rectify
      ? { required: true, requirement: '制定个人学习计划，每月至少开展一次为民服务活动，一个月内书面回复整改情况。', deadline, imposed: false }
      : { required: false, requirement: '继续保持。', deadline: null, imposed: false },
  };
}

/** The campaign mid-way: commitments, a plan, last week's published session, one rectification in progress, sessions under way; other reviews still open. */
async function seedWork(plan: TenantPlan, api: Api, t: Timeline, travel: Travel, ids: { campaignId: string; orgId: (k: string) => string; personId: (k: string) => string }): Promise<void> {
  const openid = (key: string) => plan.users.find((u) => u.key === key)?.openid;
  const { campaignId } = ids;
  const c = plan.commitments;
  travel(t.at(-12, 10));
  await api(
    openid(c.member) as string,
    'commitment.saveMine',
    {
      campaignId,
      date: t.day(-12),
      items: [
        { content: '立足岗位争创一流业绩，年内完成一项业务创新', progress: 60, fulfilmentNotes: '已完成方案并试行' },
        { content: '每月至少为群众办一件实事', progress: 50, fulfilmentNotes: '已开展志愿服务5次' },
      ],
    },
    'commit-member',
  );
  await api(
    openid(c.secretary) as string,
    'commitment.saveOrg',
    {
      campaignId,
      orgId: ids.orgId(c.branch),
      date: t.day(-12),
      items: [
        { content: '创建“五个好”先进基层党组织', progress: 40, fulfilmentNotes: '已完成组织生活制度修订' },
        { content: '党员公开承诺全覆盖，每季度公示兑现情况', progress: 70, fulfilmentNotes: '第三季度已公示' },
      ],
    },
    'commit-org',
  );
  travel(t.at(-12, 11));
  await api(plan.admin, 'campaign.plan', { campaignId }, 'plan');

  // Last week's meeting: started ten days ago, reports in, reviews entered at the meeting and published.
  const s = plan.session;
  const reviewer = openid(s.reviewer) as string;
  const start = (session: SessionPlan, step: string, dates: { date: string; reportDeadline: string; opinionDeadline: string }) =>
    api(
      openid(session.reviewer) as string,
      'session.start',
      {
        campaignId,
        orgId: ids.orgId(session.from),
        mode: session.mode,
        meetingType: session.meetingType,
        topic: null,
        targets: { by: 'PICKED', picks: session.targets.map((k) => ({ kind: 'MEMBER', id: ids.personId(k) })) },
        place: session.place,
        opinionsAnonymous: true,
        ...dates,
      },
      step,
    ) as Promise<{ sessionId: string; reviews: Array<{ reviewId: string; target: { personId: string } }> }>;
  travel(t.at(-10, 9));
  const started = await start(s, 'session', { date: t.day(-7), reportDeadline: t.day(-8), opinionDeadline: t.day(-8) });
  const reporter = s.targets[0];
  travel(t.at(-9, 10));
  await api(
    openid(reporter) as string,
    'report.save',
    { sessionId: started.sessionId, target: { kind: 'MEMBER', id: ids.personId(reporter) }, fulfilment: '两项承诺均在推进，完成过半。', work: '参加志愿服务，完成本职任务。', plans: '下阶段抓好学习计划落实。', submit: true },
    'report',
  );
  travel(t.at(-7, 16));
  const campaign = (await api(reviewer, 'campaign.get', { campaignId })) as { templates: Record<string, { aspects: Array<{ key: string; title: string; filledBy?: string[] }> }> };
  const nameOf = (personId: string) => plan.input.persons[plan.input.persons.findIndex((p) => ids.personId(p.id) === personId)]?.name ?? '';
  await api(
    reviewer,
    'review.saveBatch',
    {
      sessionId: started.sessionId,
      submit: true,
      entries: started.reviews.map((r, i) => ({ reviewId: r.reviewId, version: 1, ...reviewContent(campaign.templates.MEMBER, nameOf(r.target.personId), i === 0, t.day(30)), exemplary: i === 0 })),
    },
    'reviews',
  );
  const draft = (await api(
    reviewer,
    'publication.draft',
    { sessionId: started.sessionId, title: '领导点评情况通报', summary: '本次集中点评覆盖支部部分党员，点评意见已逐一反馈，请被点评党员认真整改并书面回复。', scope: { kind: 'TARGET_ORG', orgId: ids.orgId(s.from) } },
    'publication',
  )) as { publicationId: string; version: number };
  const published = (await api(reviewer, 'publication.publish', { publicationId: draft.publicationId, version: draft.version }, 'publish')) as { rectificationIds: string[] };

  // The first target has drafted measures: a rectification in progress.
  const [rectificationId] = published.rectificationIds;
  if (rectificationId) {
    travel(t.at(-5, 10));
    await api(openid(reporter) as string, 'rectification.act', { event: 'PLAN', rectificationId, version: 1, plan: '每周集中学习两次，每月参加一次社区志愿服务。' }, 'rect-plan');
  }

  // Three days ago: a 谈话点评 of one member, published to the branch, with nothing to rectify.
  if (plan.talk) {
    travel(t.at(-5, 11));
    const talk = await start(plan.talk, 'session-talk', { date: t.day(-3), reportDeadline: t.day(-4), opinionDeadline: t.day(-4) });
    travel(t.at(-3, 16));
    await api(
      openid(plan.talk.reviewer) as string,
      'review.saveBatch',
      { sessionId: talk.sessionId, submit: true, entries: talk.reviews.map((r) => ({ reviewId: r.reviewId, version: 1, ...reviewContent(campaign.templates.MEMBER, nameOf(r.target.personId), false, t.day(30)), exemplary: false })) },
      'reviews-talk',
    );
    const talkDraft = (await api(
      openid(plan.talk.reviewer) as string,
      'publication.draft',
      { sessionId: talk.sessionId, title: '谈话点评情况通报', summary: '谈话点评意见已当面反馈，请认真对照改进。', scope: { kind: 'TARGET_ORG', orgId: ids.orgId(plan.talk.from) } },
      'publication-talk',
    )) as { publicationId: string; version: number };
    await api(openid(plan.talk.reviewer) as string, 'publication.publish', { publicationId: talkDraft.publicationId, version: talkDraft.version }, 'publish-talk');
  }

  // Sessions under way since yesterday: members report and give opinions this week.
  travel(t.at(-1, 9));
  for (const [i, session] of plan.open.entries()) {
    await start(session, `session-open-${i}`, { date: t.day(6), reportDeadline: t.day(4), opinionDeadline: t.day(5) });
  }
}
