/**
 * What stands beside the phone in the preview: the person's WeChat group chats (cards shared into them and
 * files sent to them), the files they could pick from a chat (sample rosters), and the phone's uploads to
 * the cloud's storage. Groups are the demo's branches with the demo people registered or flowing into
 * them, one work group per tenant, and a parents' group where a member of the public is asked for opinions.
 * Kept in memory: a restart of the dev server empties the chats (the seeded cards come back).
 */
import type { TreeInput } from '../../../miniprogram/core/contracts/org';
import { PLANS } from '../../demo/seed';
import { filledRoster } from '../../../cloudfunctions/export/test/roster-files';
import { runAsCaller, DEFAULT_APPID, shareUpdatableCard, updatableCardFace } from '../services';
import { localClock } from '../clock';

/** A message in a group: a mini program card or a file. */
export type ChatMessage =
  | { id: string; kind: 'card'; from: string; fromName: string; title: string; path: string; at: number; activityId?: string }
  | { id: string; kind: 'file'; from: string; fromName: string; name: string; bytes: number; at: number };

/** A WeChat group chat as the preview plays it. */
export interface ChatGroup {
  opengid: string;
  name: string;
  members: Array<{ openid: string; name: string }>;
  messages: ChatMessage[];
}

/** Openids of the preview's own visitors (not on any roster). */
export const PREVIEW_NEWCOMER = 'o-preview-newcomer';
export const PREVIEW_VISITOR = 'o-preview-masses';
/** A first administrator with no unit yet: `npm start` names them in BOOTSTRAP_ADMINS (unless it is set) to try 「创建我的单位」. */
export const PREVIEW_FOUNDER = 'o-preview-founder';
/** The unit id the preview's first administrator may create. */
export const PREVIEW_FOUNDER_TENANT = 'preview-unit';

type Person = TreeInput['persons'][number];

const groups: ChatGroup[] = [];
const files = new Map<string, Buffer>();
let seq = 0;

/** The group of an org of a demo tenant: `G-demo-xx1` for the district's 实验小学. */
export function demoGroupId(admin: string, orgKey: string): string {
  return `G-${admin.replace(/^o-/, '').replace(/-admin$/, '')}-${orgKey}`;
}

function buildGroups(): ChatGroup[] {
  const out: ChatGroup[] = [];
  for (const plan of PLANS) {
    const persons = new Map<string, Person>(plan.input.persons.map((p) => [p.id, p]));
    const nameOf = (key: string) => persons.get(key)?.name ?? key;
    const users = plan.users.map((u) => ({ ...u, person: persons.get(u.key) }));
    const orgKeys = new Set(users.flatMap((u) => [u.person?.orgId, u.person?.flags?.mobile?.inflowOrgId]).filter((k): k is string => !!k));
    for (const org of plan.input.orgs.filter((o) => orgKeys.has(o.id))) {
      const members = users.filter((u) => u.person?.orgId === org.id || u.person?.flags?.mobile?.inflowOrgId === org.id).map((u) => ({ openid: u.openid, name: nameOf(u.key) }));
      // The newcomer's invitation comes through the first demo branch's group.
      if (plan === PLANS[0] && org.id === 'xx1') members.push({ openid: PREVIEW_NEWCOMER, name: '新同志' });
      out.push({ opengid: demoGroupId(plan.admin, org.id), name: `${org.name}群`, members, messages: [] });
    }
    const top = plan.input.orgs.find((o) => o.parentId === null);
    out.push({
      opengid: demoGroupId(plan.admin, 'work'),
      name: `${top?.name ?? plan.name}工作群`,
      members: [...users.map((u) => ({ openid: u.openid, name: nameOf(u.key) })), { openid: plan.admin, name: '活动办公室' }],
      messages: [],
    });
  }
  const first = PLANS[0];
  out.push({
    opengid: demoGroupId(first.admin, 'parents'),
    name: '实验小学家长委员会群',
    members: [{ openid: first.users.find((u) => u.key === 's1')?.openid ?? first.admin, name: '吴敏' }, { openid: PREVIEW_VISITOR, name: '家长代表' }],
    messages: [],
  });
  return out;
}

function all(): ChatGroup[] {
  if (!groups.length) groups.push(...buildGroups());
  return groups;
}

/** Puts the demo's standing cards into their chats once: the newcomer's invitation and the masses' link. */
export function seedCards(links: { join: string | null; invited: string | null }): void {
  const first = PLANS[0];
  const secretary = first.users.find((u) => u.key === 's1')?.openid ?? first.admin;
  const put = (opengid: string, title: string, path: string) => {
    const g = all().find((x) => x.opengid === opengid);
    if (g && !g.messages.some((m) => m.kind === 'card' && m.path === path)) post(opengid, secretary, { kind: 'card', title, path });
  };
  if (links.join) put(demoGroupId(first.admin, 'xx1'), '邀请你加入新北区实验小学党支部，填写姓名申请加入', `/pages/join/join/join?id=${links.join}`);
  if (links.invited) put(demoGroupId(first.admin, 'parents'), '请家长代表对实验小学党员提意见', `/pages/opinion/invited/invited?id=${links.invited}`);
}

/** What an updatable card shows now (WeChat's wording for its state), as the chat draws it. */
export type CardFace = NonNullable<ReturnType<typeof updatableCardFace>>;

/** The chats a person is in, newest message last; an updatable card carries what it shows now (`face`). */
export function chatsOf(openid: string): Array<Omit<ChatGroup, 'messages'> & { messages: Array<ChatMessage & { face?: CardFace }> }> {
  fileHelper(openid);
  return all()
    .filter((g) => g.members.some((m) => m.openid === openid))
    .map((g) => ({
      ...g,
      messages: g.messages.map((m) => {
        const face = m.kind === 'card' && m.activityId ? updatableCardFace(m.activityId) : null;
        return face ? { ...m, face } : m;
      }),
    }));
}

/** An updatable card as the page declared it with wx.updateShareMenu. */
export interface UpdatableShare {
  activityId: string;
  templateInfo: { templateId: string; parameterList: Array<{ name: string; value: string }> };
}

/** Everyone's own 文件传输助手: where a file is sent to keep it or open it on a computer. */
function fileHelper(openid: string): ChatGroup {
  const id = `F-${openid}`;
  let g = all().find((x) => x.opengid === id);
  if (!g) {
    g = { opengid: id, name: '文件传输助手', members: [{ openid, name: '我' }], messages: [] };
    groups.push(g);
  }
  return g;
}

/**
 * Sends a card or a file into a group the person is in; refuses a group they are not in, and an updatable card
 * WeChat would refuse (unknown activity or template, parameters state 0 cannot show).
 */
export function post(
  opengid: string,
  openid: string,
  message: { kind: 'card'; title: string; path: string; updatable?: UpdatableShare } | { kind: 'file'; name: string; content: Buffer },
): ChatMessage {
  const g = all().find((x) => x.opengid === opengid);
  const member = g?.members.find((m) => m.openid === openid);
  if (!g || !member) throw new Error('不在这个群里');
  if (message.kind === 'card' && message.updatable) {
    const shared = shareUpdatableCard(message.updatable.activityId, message.updatable.templateInfo);
    if (!shared.ok) throw new Error(shared.errMsg);
  }
  seq += 1;
  const base = { id: `m${seq}`, from: openid, fromName: member.name, at: localClock().now() };
  const out: ChatMessage =
    message.kind === 'card'
      ? { ...base, kind: 'card', title: message.title, path: message.path, ...(message.updatable ? { activityId: message.updatable.activityId } : {}) }
      : { ...base, kind: 'file', name: message.name, bytes: message.content.length };
  if (message.kind === 'file') files.set(out.id, message.content);
  g.messages.push(out);
  return out;
}

/** The bytes of a file sent into a chat. */
export function chatFile(id: string): Buffer | undefined {
  return files.get(id);
}

/** The files the tray offers as if they had been received in a chat: two rosters and a file that is not one. */
export function sampleFiles(): Promise<Array<{ name: string; note: string; content: Buffer }>> {
  // Made once per server: writing the workbooks takes a second or two.
  samples ??= makeSamples();
  return samples;
}

let samples: Promise<Array<{ name: string; note: string; content: Buffer }>> | null = null;

async function makeSamples(): Promise<Array<{ name: string; note: string; content: Buffer }>> {
  const top = PLANS[0].input.orgs.find((o) => o.parentId === null)?.name ?? '';
  return [
    {
      name: '名册（新北区第三实验小学）.xlsx',
      note: '填好的名册：一个新支部和它的两名党员',
      content: await filledRoster([['新北区第三实验小学党支部', '党支部', top]], [
        ['钱学文', '新北区第三实验小学党支部', '校长', '是'],
        ['沈晓燕', '新北区第三实验小学党支部', '教师', '是'],
      ]),
    },
    {
      name: '名册（有一行写错）.xlsx',
      note: '人员表第3行的党组织在名册里没有',
      content: await filledRoster([], [['孙立', '新北区第九小学党支部', '教师', '是']]),
    },
    { name: '会议记录.txt', note: '不是 Excel 文件', content: Buffer.from('2026年11月支部党员大会会议记录（示例）\n', 'utf8') },
  ];
}

/** Uploads bytes to the local cloud's storage as the person on the phone, as wx.cloud.uploadFile does. */
export async function uploadAs(openid: string, cloudPath: string, content: Buffer): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as { uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> };
  const caller = { openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `preview-upload-${Date.now()}` };
  return (await runAsCaller(caller, () => sdk.uploadFile({ cloudPath, fileContent: content }))).fileID;
}
