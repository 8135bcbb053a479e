/**
 * cloud.openapi emulation: subscribeMessage.send (one-time subscription credits, outbox),
 * security.msgSecCheck (word list) and wxacode.getUnlimited (a real, scannable QR code of the page and
 * scene, standing in for WeChat's round 小程序码). wx-server-sdk encodes the call as a protobuf CommApiData and
 * expects a protobuf CommOpenApiResp back from the 'wx.openApi' TCB action; answering at that
 * seam keeps the SDK's own case conversion and errCode/errMsg handling in the path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as zlib from 'node:zlib';
import * as QRCode from 'qrcode';
import type * as Protobuf from 'protobufjs/minimal';
import { currentCaller } from './context';
import { handleAction, newRequestId, type TcbRequestArgs } from './seam';
import { dataPath, readJson, writeJson } from './state';
import { localClock } from '../clock';
import { addDelayedTask } from './timers';

// The protobuf runtime wx-server-sdk itself uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pb = require(require.resolve('protobufjs/minimal', {
  paths: [dirname(require.resolve('wx-server-sdk/package.json'))],
})) as typeof Protobuf;

/** One subscribe message accepted by the emulated platform. */
export interface OutboxMessage {
  msgid: number;
  sentAt: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang?: string;
  /** The cloud function that sent it, when sent from a hosted invocation. */
  fromFunction?: string;
}

/** One entry of the msgSecCheck word list. */
export interface SecWord {
  word: string;
  suggest: 'review' | 'risky';
  /** WeChat label: 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 21000 other. */
  label: number;
}

/**
 * Shipped word list: plain test words, so tests and demos can trigger each verdict on purpose.
 * Replace it with setSecWords() or the file `<dataDir>/openapi/sec-words.json` (same shape).
 */
export const DEFAULT_SEC_WORDS: readonly SecWord[] = [
  { word: '违禁测试词', suggest: 'risky', label: 21000 },
  { word: 'risky-test-word', suggest: 'risky', label: 21000 },
  { word: '赌博', suggest: 'risky', label: 20006 },
  { word: '代开发票', suggest: 'risky', label: 20006 },
  { word: '刷单返利', suggest: 'risky', label: 20008 },
  { word: '傻逼', suggest: 'risky', label: 20003 },
  { word: '待审测试词', suggest: 'review', label: 21000 },
  { word: 'review-test-word', suggest: 'review', label: 21000 },
  { word: '加微信', suggest: 'review', label: 10001 },
  { word: '兼职日结', suggest: 'review', label: 10001 },
];

type Credits = Record<string, Record<string, number>>;

const outboxFile = () => dataPath('openapi', 'outbox.json');
const creditsFile = () => dataPath('openapi', 'subscriptions.json');
const wordsFile = () => dataPath('openapi', 'sec-words.json');

/** Messages accepted by subscribeMessage.send, oldest first, optionally for one user. */
export function readOutbox(filter: { touser?: string; templateId?: string } = {}): OutboxMessage[] {
  return readJson<OutboxMessage[]>(outboxFile(), []).filter(
    (m) => (!filter.touser || m.touser === filter.touser) && (!filter.templateId || m.templateId === filter.templateId),
  );
}

/** Empties the outbox. */
export function clearOutbox(): void {
  writeJson(outboxFile(), []);
}

/** Remaining one-time send credits of a user (per template id). */
export function subscriptionCredits(openid: string): Record<string, number> {
  return { ...(readJson<Credits>(creditsFile(), {})[openid] ?? {}) };
}

/** Error of wx.requestSubscribeMessage, with its errCode as the client sees it. */
export class SubscribeRequestError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg);
  }
}

/**
 * Emulates the user answering wx.requestSubscribeMessage: each accepted template gives one send
 * credit. `accepted` lists the accepted ids (default: all). Returns what the client API returns.
 */
export function grantSubscription(
  openid: string,
  templateIds: readonly string[],
  accepted: readonly string[] = templateIds,
): Record<string, string> {
  if (!openid) throw new SubscribeRequestError(10001, 'requestSubscribeMessage:fail openid is empty');
  if (templateIds.length === 0) throw new SubscribeRequestError(10001, "requestSubscribeMessage:fail TmplIds can't be empty");
  if (templateIds.length > 5) throw new SubscribeRequestError(20003, 'requestSubscribeMessage:fail TmplIds count exceeds 5');
  const all = readJson<Credits>(creditsFile(), {});
  const mine = (all[openid] = all[openid] ?? {});
  const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
  for (const id of templateIds) {
    const ok = accepted.includes(id);
    if (ok) mine[id] = (mine[id] ?? 0) + 1;
    answer[id] = ok ? 'accept' : 'reject';
  }
  writeJson(creditsFile(), all);
  return answer;
}

/** The word list msgSecCheck uses: the data-dir file when present, else the shipped defaults. */
export function getSecWords(): SecWord[] {
  return readJson<SecWord[]>(wordsFile(), [...DEFAULT_SEC_WORDS]);
}

/** Replaces the word list (written to `<dataDir>/openapi/sec-words.json`). */
export function setSecWords(words: readonly SecWord[]): void {
  writeJson(wordsFile(), words);
}

type WxAnswer = { errcode: number; errmsg: string; [key: string]: unknown };

const rid = () => `rid: ${Math.floor(localClock().now() / 1000).toString(16)}-${newRequestId()}`;
const fail = (errcode: number, errmsg: string): WxAnswer => ({ errcode, errmsg: `${errmsg} ${rid()}` });

/** Max length of a subscribe message value by keyword type (official table). */
const VALUE_LIMITS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 10,
  phrase: 5,
};

function subscribeSend(req: Record<string, unknown>): WxAnswer {
  const { touser, template_id: templateId, page, data, miniprogram_state: state = 'formal', lang } = req;
  if (typeof touser !== 'string' || !touser) return fail(40003, 'invalid openid');
  if (typeof templateId !== 'string' || !templateId) return fail(40037, 'invalid template_id');
  if (!data || typeof data !== 'object') return fail(47003, 'argument invalid! data is empty');
  if (!['developer', 'trial', 'formal'].includes(state as string)) {
    return fail(47003, 'argument invalid! miniprogram_state is invalid');
  }
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'string' || value === '') return fail(47003, `argument invalid! data.${key}.value is empty`);
    const limit = VALUE_LIMITS[key.replace(/\d+$/, '')];
    if (limit !== undefined && [...value].length > limit) {
      return fail(47003, `argument invalid! data.${key}.value exceeds ${limit} characters`);
    }
  }
  const all = readJson<Credits>(creditsFile(), {});
  const left = all[touser]?.[templateId] ?? 0;
  if (left <= 0) return fail(43101, 'user refuse to accept the msg');
  all[touser][templateId] = left - 1;
  writeJson(creditsFile(), all);
  const outbox = readJson<OutboxMessage[]>(outboxFile(), []);
  // Small enough that the SDK's JSONBigInt parses it as a plain number.
  const msgid = 2_000_000_000 + outbox.length + 1;
  outbox.push({
    msgid,
    sentAt: new Date(localClock().now()).toISOString(),
    touser,
    templateId,
    ...(typeof page === 'string' ? { page } : {}),
    data: data as OutboxMessage['data'],
    miniprogramState: state as string,
    ...(typeof lang === 'string' ? { lang } : {}),
    ...(currentCaller()?.functionName ? { fromFunction: currentCaller()?.functionName } : {}),
  });
  writeJson(outboxFile(), outbox);
  return { errcode: 0, errmsg: 'ok', msgid };
}

const RANK = { pass: 0, review: 1, risky: 2 } as const;

/** The msgSecCheck verdict of a text against the word list (substring, case-insensitive). */
export function checkText(content: string): { suggest: 'pass' | 'review' | 'risky'; label: number; hits: SecWord[] } {
  const text = content.toLowerCase();
  const hits = getSecWords().filter((w) => w.word && text.includes(w.word.toLowerCase()));
  let worst: SecWord | undefined;
  for (const h of hits) if (!worst || RANK[h.suggest] > RANK[worst.suggest]) worst = h;
  return worst ? { suggest: worst.suggest, label: worst.label, hits } : { suggest: 'pass', label: 100, hits };
}

function msgSecCheck(req: Record<string, unknown>): WxAnswer {
  const { content, version, openid, scene } = req;
  if (typeof content !== 'string' || content === '') return fail(47001, 'data format error: content is empty');
  if ([...content].length > 2500) return fail(47003, 'argument invalid! content exceeds 2500 characters');
  const verdict = checkText(content);
  if (version !== 2) {
    // Version 1 (deprecated) only says yes or no.
    return verdict.suggest === 'pass' ? { errcode: 0, errmsg: 'ok' } : fail(87014, 'risky content');
  }
  if (typeof openid !== 'string' || !openid) return fail(40003, 'invalid openid');
  if (![1, 2, 3, 4].includes(scene as number)) return fail(47003, 'argument invalid! scene must be 1, 2, 3 or 4');
  const detail = [
    { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.suggest === 'pass' ? 0 : 90 },
    ...verdict.hits.map((h) => ({
      strategy: 'keyword',
      errcode: 0,
      suggest: h.suggest,
      label: h.label,
      level: h.suggest === 'risky' ? 90 : 50,
      keyword: h.word,
    })),
  ];
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: verdict.suggest, label: verdict.label },
    detail,
    trace_id: newRequestId(),
  };
}

/** An image the platform answers with instead of JSON (wxacode). */
interface BinaryAnswer {
  contentType: string;
  bytes: Buffer;
}

/** What wxacode.getUnlimited's emulated code encodes: the page and its scene, as a scan opens them. */
export function wxacodePayload(page: string, scene: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

// The official limits: scene ≤ 32 visible characters of [0-9A-Za-z] and !#$&'()*+,/:;=?@-._~.
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

function wxacodeUnlimited(req: Record<string, unknown>): WxAnswer | BinaryAnswer {
  const { scene, page = '', width = 430, check_path: checkPath = true } = req;
  if (typeof scene !== 'string' || !SCENE.test(scene)) return fail(40169, 'invalid length for scene, or the data is not json string');
  if (typeof page !== 'string' || page.startsWith('/') || (page && !/^[\w\-/]+$/.test(page))) return fail(41030, 'invalid page hint');
  // With check_path the page must be published; the local cloud knows no releases, so any well-formed page passes.
  void checkPath;
  const size = Math.min(1280, Math.max(280, Number(width) || 430));
  const qr = QRCode.create(wxacodePayload(page || 'pages/index/index', scene), { errorCorrectionLevel: 'M' });
  return { contentType: 'image/png', bytes: qrPng(qr.modules, size) };
}

/**
 * A grey-scale PNG of a QR matrix, about `width` pixels wide with a quiet zone of 4 modules. Written by
 * hand with node's zlib: the QR library's own PNG path (pngjs) takes seconds a code inside jest.
 */
function qrPng(modules: { size: number; get(row: number, col: number): number | boolean }, width: number): Buffer {
  const quiet = 4;
  const scale = Math.max(1, Math.floor(width / (modules.size + 2 * quiet)));
  const side = (modules.size + 2 * quiet) * scale;
  const raw = Buffer.alloc((side + 1) * side, 255);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0; // filter: none
    const row = Math.floor(y / scale) - quiet;
    if (row < 0 || row >= modules.size) continue;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / scale) - quiet;
      if (col >= 0 && col < modules.size && modules.get(row, col)) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey-scale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// ---- Updatable messages (动态消息): developers.weixin.qq.com/miniprogram/dev/framework/open-ability/share/updatable-message.html

/** WeChat's two templates of updatable messages and what the card reads in each state. */
export const UPDATABLE_TEMPLATES: Record<string, { name: string; texts: [string, string, string]; colors: [string, string, string] }> = {
  '21B034D08C5615B9889CE362BB957B1EE69A584B': { name: '开始时', texts: ['成员正在加入，当前 {member_count}/{room_limit} 人', '已开始', '已结束'], colors: ['#10AEFF', '#07C160', '#CCCCCC'] },
  '666F374D69D16C932E45D7E7D9F10CEF6177F5F5': { name: '到齐时', texts: ['成员正在加入，当前 {member_count}/{room_limit} 人', '已到齐', '已结束'], colors: ['#10AEFF', '#07C160', '#CCCCCC'] },
};

/** How long an activity lives (createActivityId: 「默认24小时后过期」). */
const ACTIVITY_LIFETIME_MS = 24 * 3600_000;

/** One call made about an activity, with its arguments as WeChat received them. */
export interface UpdatableCall {
  api: 'updatableMessage.createActivityId' | 'updatableMessage.setUpdatableMsg' | 'share';
  at: string;
  args: Record<string, unknown>;
  fromFunction?: string;
}

/** An activity as the emulated platform keeps it: its calls, the template it was shared with and its state. */
export interface UpdatableActivity {
  activityId: string;
  createdAt: number;
  expiresAt: number;
  /** Set by the first share (wx.updateShareMenu's templateInfo.templateId). */
  templateId: string | null;
  state: 0 | 1;
  parameters: Record<string, string>;
  calls: UpdatableCall[];
}

const activitiesFile = () => dataPath('openapi', 'updatable-messages.json');
type Activities = Record<string, UpdatableActivity>;

/** Every activity made, by id (each with the calls and arguments made about it). */
export function readUpdatableActivities(): Activities {
  return readJson<Activities>(activitiesFile(), {});
}

/** Forgets every activity (tests). */
export function clearUpdatableActivities(): void {
  writeJson(activitiesFile(), {});
}

const callOf = (api: UpdatableCall['api'], args: Record<string, unknown>): UpdatableCall => ({
  api,
  at: new Date(localClock().now()).toISOString(),
  args,
  ...(currentCaller()?.functionName ? { fromFunction: currentCaller()?.functionName } : {}),
});

let refuseActivities = 0;

/** Test control: the next `count` createActivityId calls answer WeChat's "system busy" (-1). */
export function refuseNextActivities(count = 1): void {
  refuseActivities = count;
}

function createActivityId(req: Record<string, unknown>): WxAnswer {
  if (refuseActivities > 0) {
    refuseActivities -= 1;
    return fail(-1, 'system error');
  }
  // The openid/unionid parameters are for private messages, which cloud calls cannot make (documented).
  if (req.openid !== undefined || req.unionid !== undefined) return fail(47003, 'argument invalid! private message activity_id is not supported by cloud call');
  const all = readUpdatableActivities();
  const now = localClock().now();
  const activityId = `local-activity-${Object.keys(all).length + 1}-${newRequestId().slice(0, 8)}`;
  const expiresAt = now + ACTIVITY_LIFETIME_MS;
  all[activityId] = { activityId, createdAt: now, expiresAt, templateId: null, state: 0, parameters: {}, calls: [callOf('updatableMessage.createActivityId', req)] };
  writeJson(activitiesFile(), all);
  return { errcode: 0, errmsg: 'ok', activity_id: activityId, expiration_time: Math.floor(expiresAt / 1000) };
}

const PARAMETER_NAMES = ['member_count', 'room_limit', 'path', 'version_type'];

/** The parameter list of a templateInfo/template_info, or an error message. */
function parameterListOf(info: unknown): Record<string, string> | string {
  const list = (info as { parameter_list?: unknown; parameterList?: unknown } | null)?.parameter_list ?? (info as { parameterList?: unknown } | null)?.parameterList;
  if (!Array.isArray(list)) return 'template_info.parameter_list is required';
  const out: Record<string, string> = {};
  for (const p of list as Array<{ name?: unknown; value?: unknown }>) {
    if (typeof p?.name !== 'string' || !PARAMETER_NAMES.includes(p.name)) return `template_info.parameter_list: unknown name ${String(p?.name)}`;
    if (typeof p.value !== 'string') return `template_info.parameter_list: value of ${p.name} must be a string`;
    out[p.name] = p.value;
  }
  return out;
}

/** What state `target` needs (setUpdatableMsg's table), or an error message. */
function stateParameters(target: number, params: Record<string, string>): string | null {
  if (target === 0) {
    for (const n of ['member_count', 'room_limit']) if (!(n in params)) return `${n} is required when target_state = 0`;
    const [count, limit] = [Number(params.member_count), Number(params.room_limit)];
    if (!Number.isInteger(count) || !Number.isInteger(limit) || count < 0 || limit < 1 || count > limit) return 'member_count/room_limit must be counts with member_count ≤ room_limit';
    return null;
  }
  for (const n of ['path', 'version_type']) if (!(n in params)) return `${n} is required when target_state = 1`;
  if (!['develop', 'trial', 'release'].includes(params.version_type)) return 'version_type must be develop, trial or release';
  return null;
}

function setUpdatableMsg(req: Record<string, unknown>): WxAnswer {
  const activityId = req.activity_id ?? req.activityId;
  const target = req.target_state ?? req.targetState;
  const all = readUpdatableActivities();
  const activity = typeof activityId === 'string' ? all[activityId] : undefined;
  if (!activity) return fail(47003, 'argument invalid! activity_id');
  if (target !== 0 && target !== 1) return fail(47003, 'argument invalid! target_state must be 0 or 1');
  const params = parameterListOf(req.template_info ?? req.templateInfo);
  if (typeof params === 'string') return fail(47003, `argument invalid! ${params}`);
  const problem = stateParameters(target, params);
  if (problem) return fail(47003, `argument invalid! ${problem}`);
  if (localClock().now() >= activity.expiresAt) return fail(47003, 'argument invalid! activity_id expired');
  // State 1 moves on only to the end; nothing returns to state 0.
  if (activity.state === 1) return fail(47003, 'argument invalid! target_state cannot change from 1');
  activity.calls.push(callOf('updatableMessage.setUpdatableMsg', req));
  activity.state = target;
  activity.parameters = params;
  writeJson(activitiesFile(), all);
  return { errcode: 0, errmsg: 'ok' };
}

/**
 * The client's part (wx.updateShareMenu, then a share): the card goes out in state 0 with the templateInfo
 * the page gave. Refuses an unknown activity or template, or parameters state 0 cannot show.
 */
export function shareUpdatableCard(activityId: string, templateInfo: { templateId?: unknown; parameterList?: unknown }): { ok: true } | { ok: false; errMsg: string } {
  const all = readUpdatableActivities();
  const activity = all[activityId];
  if (!activity) return { ok: false, errMsg: 'updateShareMenu:fail invalid activityId' };
  if (typeof templateInfo.templateId !== 'string' || !UPDATABLE_TEMPLATES[templateInfo.templateId]) return { ok: false, errMsg: 'updateShareMenu:fail invalid templateId' };
  if (activity.templateId && activity.templateId !== templateInfo.templateId) return { ok: false, errMsg: 'updateShareMenu:fail the activity was shared with another template' };
  const params = parameterListOf(templateInfo);
  if (typeof params === 'string') return { ok: false, errMsg: `updateShareMenu:fail ${params}` };
  const problem = stateParameters(0, params);
  if (problem) return { ok: false, errMsg: `updateShareMenu:fail ${problem}` };
  if (localClock().now() >= activity.expiresAt) return { ok: false, errMsg: 'updateShareMenu:fail activityId expired' };
  activity.calls.push({ api: 'share', at: new Date(localClock().now()).toISOString(), args: { templateInfo } });
  // A second share of the same activity shows what the card shows now; the first sets state 0's numbers.
  if (!activity.templateId) activity.parameters = params;
  activity.templateId = templateInfo.templateId;
  writeJson(activitiesFile(), all);
  return { ok: true };
}

/** What a shared updatable card shows now, in WeChat's words: 已结束 once its 24 hours are over. */
export function updatableCardFace(activityId: string): { state: 0 | 1 | 2; text: string; color: string } | null {
  const activity = readUpdatableActivities()[activityId];
  const template = activity?.templateId ? UPDATABLE_TEMPLATES[activity.templateId] : undefined;
  if (!activity || !template) return null;
  const state = localClock().now() >= activity.expiresAt ? 2 : activity.state;
  const text = template.texts[state].replace(/\{(\w+)\}/g, (_, k: string) => activity.parameters[k] ?? '');
  return { state, text, color: template.colors[state] };
}

const OPENAPIS: Record<string, (req: Record<string, unknown>) => WxAnswer | BinaryAnswer> = {
  'updatableMessage.createActivityId': createActivityId,
  'updatableMessage.setUpdatableMsg': setUpdatableMsg,
  'subscribeMessage.send': subscribeSend,
  'security.msgSecCheck': msgSecCheck,
  'wxacode.getUnlimited': wxacodeUnlimited,
  'cloudbase.addDelayedFunctionTask': addDelayedTask,
};

/** Reads the key/JSON-value pairs of a CommApiData message (field 2 openapiData → field 1 pairs). */
function decodeRequest(buf: Buffer): { pairs: Record<string, unknown>; appid?: string } {
  const reader = pb.Reader.create(buf);
  const pairs: Record<string, unknown> = {};
  let appid: string | undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2) {
      const sub = pb.Reader.create(reader.bytes());
      while (sub.pos < sub.len) {
        const t = sub.uint32();
        if (t >>> 3 !== 1) {
          sub.skipType(t & 7);
          continue;
        }
        const kv = pb.Reader.create(sub.bytes());
        let key = '';
        let value: Uint8Array = new Uint8Array();
        while (kv.pos < kv.len) {
          const k = kv.uint32();
          if (k >>> 3 === 1) key = kv.string();
          else if (k >>> 3 === 2) value = kv.bytes();
          else kv.skipType(k & 7);
        }
        const text = Buffer.from(value).toString();
        try {
          pairs[key] = JSON.parse(text);
        } catch {
          pairs[key] = text;
        }
      }
    } else if (tag >>> 3 === 6) {
      appid = reader.string();
    } else {
      reader.skipType(tag & 7);
    }
  }
  return { pairs, appid };
}

/** Encodes a CommOpenApiResp: respData (1), contentType (2), errorCode (3). */
function encodeResponse(resp: { json?: unknown; binary?: BinaryAnswer; errorCode?: number }): Buffer {
  const w = pb.Writer.create();
  if (resp.json !== undefined) {
    w.uint32(10).bytes(Buffer.from(JSON.stringify(resp.json)));
    w.uint32(18).string('application/json; charset=utf-8');
  }
  if (resp.binary) {
    w.uint32(10).bytes(resp.binary.bytes);
    w.uint32(18).string(resp.binary.contentType);
  }
  if (resp.errorCode) w.uint32(24).int32(resp.errorCode);
  return Buffer.from(w.finish());
}

/** Platform rule: a function may only call the openapis listed in its config.json. */
function hasOpenapiPermission(functionDir: string | undefined, api: string): boolean {
  if (!functionDir) return true;
  const file = join(functionDir, 'config.json');
  if (!existsSync(file)) return false;
  const config = JSON.parse(readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } };
  return (config.permissions?.openapi ?? []).includes(api);
}

/** Sends still to be held without an answer, and whom to tell when one is. */
const halted: Array<() => void> = [];

/**
 * Test control: the next `count` subscribeMessage.send calls never answer, as when the platform kills
 * the calling function while it waits (its code after the send never runs). `reached` resolves when the
 * last of them has been entered.
 */
export function haltNextSends(count = 1): { reached: Promise<void> } {
  let tell: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (tell = resolve));
  for (let i = 0; i < count; i++) halted.push(i === count - 1 ? tell : () => undefined);
  return { reached };
}

async function answerOpenApi(args: TcbRequestArgs): Promise<unknown> {
  const api = String(args.params.apiName);
  if (api === 'subscribeMessage.send' && halted.length) {
    (halted.shift() as () => void)();
    return new Promise<never>(() => undefined);
  }
  const requestId = newRequestId();
  const impl = OPENAPIS[api];
  if (!impl) {
    return { code: 'SYS_ERR', message: `local cloud: openapi.${api} is not emulated`, requestId };
  }
  if (!hasOpenapiPermission(currentCaller()?.functionDir, api)) {
    return encodeResponse({ errorCode: -604101 });
  }
  const { pairs } = decodeRequest(args.params.requestData as Buffer);
  const answer = impl(pairs);
  return encodeResponse('bytes' in answer ? { binary: answer as BinaryAnswer } : { json: answer });
}

/** Registers the openapi answers on the TCB seam. */
export function installOpenapi(): void {
  handleAction('wx.openApi', answerOpenApi);
}
