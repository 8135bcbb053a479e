/**
 * `/preview/`: the mini program's pages in a real browser (miniprogram-simulate's browser build), in a
 * phone frame with WeChat-like navigation and tab bar, calling the api on this local cloud as whichever
 * demo user is picked. A developer's and reviewer's window onto the app, not a second app.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PLANS } from '../../demo/seed';
import { callFunction } from '../services/functions';
import { PROJECT_ROOT } from '../services/state';
import { localClock } from '../clock';
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { REMINDER_LABELS } from '../../../miniprogram/core/domain/reminders';
import { buildPreview, type PreviewBundle } from './build';
import { PREVIEW_FOUNDER, PREVIEW_NEWCOMER, PREVIEW_VISITOR, chatFile, chatsOf, post, sampleFiles, seedCards, uploadAs, type UpdatableShare } from './chat';

const STATIC: Record<string, [file: string, type: string]> = {
  '/preview/': [join(PROJECT_ROOT, 'local', 'preview', 'index.html'), 'text/html; charset=utf-8'],
  '/preview/index.html': [join(PROJECT_ROOT, 'local', 'preview', 'index.html'), 'text/html; charset=utf-8'],
  '/preview/shell.js': [join(PROJECT_ROOT, 'local', 'preview', 'shell.js'), 'text/javascript; charset=utf-8'],
  '/preview/wx.js': [join(PROJECT_ROOT, 'local', 'preview', 'wx.js'), 'text/javascript; charset=utf-8'],
  '/preview/builtins.js': [join(PROJECT_ROOT, 'local', 'preview', 'builtins.js'), 'text/javascript; charset=utf-8'],
  '/preview/panels.js': [join(PROJECT_ROOT, 'local', 'preview', 'panels.js'), 'text/javascript; charset=utf-8'],
  '/preview/shell.css': [join(PROJECT_ROOT, 'local', 'preview', 'shell.css'), 'text/css; charset=utf-8'],
  '/preview/simulate.js': [join(PROJECT_ROOT, 'node_modules', 'miniprogram-simulate', 'build.js'), 'text/javascript; charset=utf-8'],
};

export { PREVIEW_NEWCOMER, PREVIEW_VISITOR };

let cached: PreviewBundle | null = null;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendBody(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** The demo roles the "act as" switcher lists, plus a newcomer and a member of the public. */
export function previewRoles(): Array<{ openid: string; label: string; tenant: string }> {
  return [
    ...PLANS.flatMap((p) => [...p.users.map((u) => ({ openid: u.openid, label: u.role, tenant: p.name })), { openid: p.admin, label: '单位管理员（活动办公室）', tenant: p.name }]),
    { openid: PREVIEW_NEWCOMER, label: '新党员（凭邀请加入）', tenant: '' },
    { openid: PREVIEW_VISITOR, label: '群众代表（凭链接提意见）', tenant: '' },
    { openid: PREVIEW_FOUNDER, label: '新单位的第一位管理员（创建单位）', tenant: '' },
  ];
}

interface Reply {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

async function api(openid: string, action: string, payload: unknown, requestId?: string): Promise<Reply> {
  const out = await callFunction({ name: 'api', openid, data: { action, payload, ...(requestId ? { requestId } : {}) } });
  return ('result' in out ? out.result : { ok: false, error: { code: 'INTERNAL', message: out.errMsg } }) as Reply;
}

/**
 * Links the preview opens for the two roles without a binding: a join invitation to the first demo
 * branch and a 群众意见 invitation to its open session. Made through the api (fixed request ids per day).
 */
export async function previewLinks(): Promise<{ join: string | null; invited: string | null }> {
  const plan = PLANS[0];
  const day = new Date(localClock().now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const branchKey = plan.users.find((u) => u.key === 's1')?.key ?? plan.users[0].key;
  const secretary = plan.users.find((u) => u.key === branchKey)?.openid ?? plan.users[0].openid;
  const tree = await api(plan.admin, 'org.tree', {});
  const branch = plan.input.persons.find((p) => p.id === branchKey)?.orgId;
  const branchName = plan.input.orgs.find((o) => o.id === branch)?.name;
  const orgs = (tree.data?.orgs ?? []) as Array<{ id: string; name: string }>;
  const orgId = orgs.find((o) => o.name === branchName)?.id;
  const join = orgId ? await api(plan.admin, 'invitation.create', { orgId, days: 7 }, `preview-join-${day}`) : null;
  const home = await api(secretary, 'home', {});
  const sessions = await api(secretary, 'session.list', {});
  const open = ((sessions.data?.sessions ?? []) as Array<{ id: string; opinionsOpen: boolean; reviewerId: string }>).find((s) => s.opinionsOpen);
  void home;
  const invited = open ? await api(secretary, 'opinion.invite', { sessionId: open.id, giverKind: 'MASSES', days: 7 }, `preview-masses-${day}`) : null;
  return { join: (join?.data?.invitationId as string) ?? null, invited: (invited?.data?.invitationId as string) ?? null };
}

/** Answers /preview/* ; returns false when the path is not the preview's. */
export async function answerPreview(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname === '/preview' ? '/preview/' : url.pathname;
  if (!path.startsWith('/preview/')) return false;
  const file = STATIC[path];
  if (file) {
    if (!existsSync(file[0])) sendBody(res, 404, 'text/plain', `missing ${file[0]}`);
    else sendBody(res, 200, file[1], readFileSync(file[0]));
    return true;
  }
  if (path === '/preview/bundle.json') {
    // Built once per server; ?rebuild picks up edits to the mini program without a restart.
    if (!cached || url.searchParams.has('rebuild')) cached = buildPreview();
    // The subscribe sheet names each template as the 消息提醒 page does.
    const templates = Object.fromEntries(Object.entries(REMINDER_TEMPLATE_IDS).map(([kind, id]) => [id, REMINDER_LABELS[kind as keyof typeof REMINDER_TEMPLATE_IDS]]));
    sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ...cached, templates }));
    return true;
  }
  if (path === '/preview/roles.json') {
    sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify({ roles: previewRoles() }));
    return true;
  }
  if (path === '/preview/now.json') {
    // The one clock: the phone in the preview reads the local cloud's time, as the page tests do.
    sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify({ now: localClock().now() }));
    return true;
  }
  if (path === '/preview/links.json') {
    const links = await previewLinks();
    seedCards(links);
    sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify(links));
    return true;
  }
  const json = (status: number, body: unknown) => sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  if (path === '/preview/chats.json' && req.method === 'GET') {
    json(200, { chats: chatsOf(url.searchParams.get('as') ?? '') });
    return true;
  }
  if (path === '/preview/chats' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { openid?: string; opengid?: string; title?: string; path?: string; name?: string; base64?: string; updatable?: UpdatableShare };
    const openid = String(body.openid ?? '');
    const opengid = String(body.opengid ?? '');
    try {
      const message =
        typeof body.base64 === 'string'
          ? post(opengid, openid, { kind: 'file', name: String(body.name ?? 'file'), content: Buffer.from(body.base64, 'base64') })
          : post(opengid, openid, { kind: 'card', title: String(body.title ?? ''), path: String(body.path ?? ''), ...(body.updatable ? { updatable: body.updatable } : {}) });
      json(200, { message });
    } catch (e) {
      json(403, { errMsg: e instanceof Error ? e.message : String(e) });
    }
    return true;
  }
  const sent = /^\/preview\/chats\/files\/(m\d+)$/.exec(path);
  if (sent) {
    const content = chatFile(sent[1]);
    if (content) sendBody(res, 200, 'application/octet-stream', content);
    else sendBody(res, 404, 'text/plain; charset=utf-8', 'no such file');
    return true;
  }
  if (path === '/preview/files.json') {
    json(200, { files: (await sampleFiles()).map((f) => ({ name: f.name, note: f.note, bytes: f.content.length })) });
    return true;
  }
  if (path.startsWith('/preview/files/')) {
    const name = decodeURIComponent(path.slice('/preview/files/'.length));
    const file = (await sampleFiles()).find((f) => f.name === name);
    if (file) sendBody(res, 200, 'application/octet-stream', file.content);
    else sendBody(res, 404, 'text/plain; charset=utf-8', 'no such sample file');
    return true;
  }
  if (path === '/preview/upload' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { openid?: string; cloudPath?: string; base64?: string };
    if (!body.openid || !body.cloudPath || typeof body.base64 !== 'string') {
      json(400, { errMsg: 'expected { openid, cloudPath, base64 }' });
      return true;
    }
    try {
      json(200, { fileID: await uploadAs(body.openid, body.cloudPath, Buffer.from(body.base64, 'base64')) });
    } catch (e) {
      json(400, { errMsg: e instanceof Error ? e.message : String(e) });
    }
    return true;
  }
  sendBody(res, 404, 'text/plain; charset=utf-8', `no preview file ${path}`);
  return true;
}
