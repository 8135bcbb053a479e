/**
 * Generates docs/api.md from the code: every action of the `api` function with its input (the zod
 * contract as JSON Schema), what it answers, who may call it (PERMISSIONS), the error codes it can
 * return (the frame's, plus those its use case throws, found in the handler source) and its round
 * trips (docs/api-round-trips.json, measured by cloudfunctions/api/test/cost.test.ts).
 * Run: `npm run docs:api` (or `npx tsx scripts/api-docs.ts`); the cost test checks the page is current.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import * as z from 'zod/mini';
import { RosterOrgRow, RosterPersonRow } from '../miniprogram/core/contracts/api/org';
import { PERMISSIONS, type ActionName, type Role } from '../miniprogram/core/domain/permissions';
import { ERROR_MESSAGES } from '../miniprogram/core/errors';
import { actions } from '../cloudfunctions/api/src/actions';
import type { ActionTable } from '../cloudfunctions/api/src/frame/router';
import { noScope, tenantScope } from '../cloudfunctions/api/src/shared/scope';

const ROOT = path.resolve(__dirname, '..');
export const DOCS_FILE = path.join(ROOT, 'docs', 'api.md');
export const TRIPS_FILE = path.join(ROOT, 'docs', 'api-round-trips.json');
/** The use cases and the modules they share: the error codes an action may answer are found in both. */
const SOURCES = ['handlers', 'shared', 'plan'].map((dir) => path.join(ROOT, 'cloudfunctions', 'api', 'src', dir));
/** Core rules whose refusals a handler throws as they come (AppError(refusal.code), unwrap): their codes count for its actions. */
const CORE_SOURCES = ['posts.ts', 'review-readers.ts', 'session-card.ts', 'session-officials.ts', 'claims.ts', 'notice.ts', 'hand-ins.ts', 'report-entry.ts'].map((f) => path.join(ROOT, 'miniprogram', 'core', 'domain', f));

/** Round trips per action as the cost test measured them. */
export type TripsTable = Record<string, { small: number; large: number; reads: number; writes: number; paged: string[] | null }>;

const ROLE_LABELS: Record<Role, string> = {
  ANY_USER: '任何微信用户 (any WeChat user)',
  BOUND: '本单位已绑定用户 (any bound user of the tenant)',
  MEMBER: '本组织党员 (member)',
  SECRETARY: '本组织书记 (secretary)',
  COMMITTEE_MEMBER: '本组织班子成员 (committee member)',
  UPPER_SECRETARY: '上级组织书记 (upper-level secretary)',
  LIAISON_LEADER: '联系点领导 (liaison leader)',
  TENANT_ADMIN: '单位管理员 (tenant admin)',
};

/** What each action answers (`data` of `{ ok: true, data }`), written by hand from the handlers. */

type Json = Record<string, unknown>;

/** A one-line type of a JSON Schema node. */
function typeOf(node: Json | undefined, depth = 0): string {
  if (!node || Object.keys(node).length === 0) return 'any';
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(node[key])) return (node[key] as Json[]).map((n) => typeOf(n, depth)).join(' \\| ');
  if (Array.isArray(node.type)) return (node.type as string[]).map((t) => typeOf({ ...node, type: t }, depth)).join(' \\| ');
  if (Array.isArray(node.enum)) return (node.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ');
  if ('const' in node) return JSON.stringify(node.const);
  const limits: string[] = [];
  for (const [key, label] of [
    ['minLength', 'min'],
    ['maxLength', 'max'],
    ['minItems', 'min'],
    ['maxItems', 'max'],
    ['minimum', '≥'],
    ['maximum', '≤'],
  ] as const) {
    const v = node[key];
    if (typeof v === 'number' && v < Number.MAX_SAFE_INTEGER) limits.push(`${label} ${v}`);
  }
  if (node.format === 'date') limits.push(`YYYY-MM-DD, a day that exists${typeof node.title === 'string' ? `: ${node.title}` : ''}`);
  else if (typeof node.pattern === 'string') limits.push(`/${node.pattern}/`);
  const suffix = limits.length ? ` (${limits.join(', ')})` : '';
  switch (node.type) {
    case 'array':
      return `${typeOf(node.items as Json, depth + 1)}[]${suffix}`;
    case 'object': {
      const props = node.properties as Record<string, Json> | undefined;
      if (!props) return node.additionalProperties ? `{ [${typeOf(node.propertyNames as Json, depth + 1)}]: ${typeOf(node.additionalProperties as Json, depth + 1)} }` : 'object';
      if (depth >= 2) return `{ ${Object.keys(props).join(', ')} }`;
      const required = new Set((node.required ?? []) as string[]);
      return `{ ${Object.entries(props).map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${typeOf(v, depth + 1)}`).join('; ')} }`;
    }
    default:
      return `${String(node.type)}${suffix}`;
  }
}

/** The reply type, rendered from the action's output contract (every action declares one). */
function answers(name: string, spec: ActionTable[string]): string {
  if (!spec.output) throw new Error(`${name} declares no output contract: docs/api.md renders every reply from one`);
  return `\`${typeOf(z.toJSONSchema(spec.output, { unrepresentable: 'any', io: 'output' }) as Json).replace(/\n/g, ' ').replace(/\\\|/g, '|')}\``;
}

/**
 * Inputs whose rows are parsed one by one in the use case (so a bad row is named, not the whole
 * payload refused): the contract of each row, rendered under the input.
 */
const ROW_CONTRACTS: Partial<Record<string, Record<string, z.ZodMiniType>>> = {
  'roster.import': { orgs: RosterOrgRow, persons: RosterPersonRow },
};

function rowTables(name: string): string[] {
  return Object.entries(ROW_CONTRACTS[name] ?? {}).flatMap(([field, schema]) => ['', `Each row of \`${field}\` (checked row by row; a bad row is named by its index):`, '', inputTable(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Json)]);
}

function inputTable(schema: Json): string {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  if (Object.keys(props).length === 0) return 'none (`{}`)';
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(props).map(([k, v]) => `| \`${k}\` | ${required.has(k) ? 'yes' : 'no'} | ${typeOf(v).replace(/\n/g, ' ').replace(/^any\[\]/, 'row[]')} |`);
  return ['| field | required | type |', '| --- | --- | --- |', ...rows].join('\n');
}

// ---- error codes thrown by each use case, found in the handler source ---------------------------

interface Source {
  file: string;
  /** A core rule (CORE_SOURCES) rather than server code. */
  core: boolean;
  functions: Map<string, ts.Node>;
  actions: Map<string, ts.Node>;
}

function parseHandlers(): Source[] {
  return [...SOURCES.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(dir, f))), ...CORE_SOURCES]
    .map((file) => {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const functions = new Map<string, ts.Node>();
      const found = new Map<string, ts.Node>();
      const visit = (node: ts.Node) => {
        if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
        // Arrow functions, and module-level consts built by a call (a scope resolver made by entityScope(…)), whose calls are followed too.
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer) || (ts.isCallExpression(node.initializer) && ts.isSourceFile(node.parent.parent.parent)))) {
          functions.set(node.name.text, node.initializer);
        }
        if (ts.isPropertyAssignment(node) && (ts.isStringLiteral(node.name) || ts.isIdentifier(node.name)) && ts.isCallExpression(node.initializer) && node.initializer.expression.getText() === 'defineAction') {
          found.set(node.name.text, node.initializer);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      return { file, core: CORE_SOURCES.includes(file), functions, actions: found };
    });
}

/**
 * The codes a use case may answer. A core rule's refusals count only for a use case that answers them as
 * they come (`new AppError(refusal.code, …)` or `unwrap(…)`), not for one that reports them in its own words.
 */
function codesOf(node: ts.Node, here: Source, all: Source[], seen = new Set<ts.Node>(), takesCore = /new AppError\(\w+\.code\b|\bunwrap\(/.test(node.getText())): Set<string> {
  const codes = new Set<string>();
  if (seen.has(node)) return codes;
  seen.add(node);
  const walk = (n: ts.Node) => {
    if (ts.isNewExpression(n) && n.expression.getText() === 'AppError' && n.arguments?.[0]) {
      const arg = n.arguments[0];
      if (ts.isStringLiteral(arg)) codes.add(arg.text);
      // `cond ? 'A' : 'B'`
      if (ts.isConditionalExpression(arg)) for (const side of [arg.whenTrue, arg.whenFalse]) if (ts.isStringLiteral(side)) codes.add(side.text);
    }
    // A core rule's refusal: `fail('A', …)` or `domainError('A', …)`, or a `{ code: 'A', … }` it returns for the handler to throw.
    if (here.core && takesCore && ts.isCallExpression(n) && ['fail', 'domainError'].includes(n.expression.getText()) && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) codes.add(n.arguments[0].text);
    if (here.core && takesCore && ts.isPropertyAssignment(n) && n.name.getText() === 'code' && ts.isStringLiteral(n.initializer)) codes.add(n.initializer.text);
    if (ts.isIdentifier(n)) {
      const local = here.functions.get(n.text);
      const target = local ? { node: local, src: here } : all.map((src) => ({ node: src.functions.get(n.text), src })).find((x) => x.node);
      if (target?.node && !(ts.isFunctionDeclaration(n.parent) && n.parent.name === n)) for (const c of codesOf(target.node, target.src, all, seen, takesCore)) codes.add(c);
    }
    ts.forEachChild(n, walk);
  };
  walk(node);
  return codes;
}

function handlerCodes(): Map<string, Set<string>> {
  const sources = parseHandlers();
  const out = new Map<string, Set<string>>();
  for (const src of sources) for (const [name, node] of src.actions) out.set(name, codesOf(node, src, sources));
  return out;
}

function frameCodes(name: ActionName): string[] {
  const spec = (actions as ActionTable)[name];
  const allowed: readonly Role[] = PERMISSIONS[name];
  const codes = ['INPUT.INVALID'];
  if (!allowed.includes('ANY_USER')) {
    codes.push('AUTH.UNBOUND');
    if (spec.scope !== tenantScope && spec.scope !== noScope) codes.push('AUTH.OTHER_TENANT');
    if (!allowed.includes('BOUND')) codes.push('AUTH.FORBIDDEN');
  }
  if (spec.texts) codes.push('CONTENT.RISKY');
  if (spec.mutating) codes.push('CONFLICT');
  return codes;
}

function growthNote(paged: string[] | null): string {
  if (!paged) return 'constant';
  if (paged.some((p) => p.includes('job'))) return 'job: reads the whole tenant, writes in batches (≤ 1 request per 100 persons)';
  return `paged: +1 per 1,000 ${paged.join(' / ')}`;
}

function readTrips(): TripsTable {
  return fs.existsSync(TRIPS_FILE) ? (JSON.parse(fs.readFileSync(TRIPS_FILE, 'utf8')) as TripsTable) : {};
}

/** The whole of docs/api.md. */
export function renderApiDocs(): string {
  const names = Object.keys(PERMISSIONS) as ActionName[];
  const trips = readTrips();
  const thrown = handlerCodes();
  const out: string[] = [
    '# The `api` cloud function',
    '',
    '<!-- Generated by scripts/api-docs.ts from the contracts, PERMISSIONS, the handlers and docs/api-round-trips.json. Do not edit by hand: run `npm run docs:api`. -->',
    '',
    'One cloud function serves every action of the mini program. A call is `wx.cloud.callFunction({ name: \'api\', data: { action, payload, requestId } })`;',
    'the reply is `{ ok: true, data }` or `{ ok: false, error: { code, message, issues? } }`, where `message` is Chinese and tells the member what to do.',
    '',
    '## The frame (every action)',
    '- **Caller**: always `cloud.getWXContext().OPENID`; an `openid`, `personId` or `userInfo` in the payload or event changes nothing.',
    '- **Group CloudID**: an action whose contract has `group` (a WeChat group\'s CloudID from `wx.getGroupEnterInfo`) receives it as the top-level field `g` of the data, the only place WeChat resolves a CloudID; the router puts it back as `payload.group` before parsing. A CloudID inside the payload arrives unresolved and is refused.',
    '- **Input**: parsed with the action\'s zod contract (unknown fields are dropped); a bad payload is `INPUT.INVALID` with `issues` (path and message per fault).',
    '- **Permission**: the caller\'s roles at the org the action concerns (or at their tenant) are checked against `PERMISSIONS` (`miniprogram/core/domain/permissions.ts`); refusals are `AUTH.UNBOUND` (no binding), `AUTH.OTHER_TENANT` (the org belongs to another tenant) or `AUTH.FORBIDDEN`. Use cases add only ownership checks.',
    '- **User text** passes `security.msgSecCheck` v2 first: `risky` → `CONTENT.RISKY`, `review` → stored but held (`moderation: "HELD"`) until an admin releases it.',
    '- **Mutations** need a `requestId` (8–64 of `A-Za-z0-9_-`). Writes, the version checks and an audit row keyed `<openid>:<requestId>` (who, action, each target with its version before/after, time, and the reply) commit in one transaction. The same requestId again replays the first reply and writes nothing; an edit based on an old `version` is `CONFLICT`.',
    '- **Unexpected errors** are logged and answered as `INTERNAL` with nothing internal in them. `ACTION.UNKNOWN` for an action not in the table.',
    '',
    '## Round trips',
    'Database requests per call, measured by `cloudfunctions/api/test/cost.test.ts` on the seed-000 tenant with 23 persons and with 2,023, as each action succeeds.',
    'A transaction counts its start, every read and write inside it, and its commit. Every action costs the same at both sizes except the listings marked *paged*, which read whole collections 1,000 documents a page.',
    '',
    '| action | 23 persons | 2,023 persons | reads outside the transaction | writes and transaction requests | note |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...names.map((n) => {
      const t = trips[n];
      if (!t) return `| \`${n}\` | – | – | – | – | not measured yet |`;
      return `| \`${n}\` | ${t.small} | ${t.large} | ${t.reads} | ${t.writes} | ${growthNote(t.paged)} |`;
    }),
    '',
    '## Actions',
  ];
  for (const name of names) {
    const spec = (actions as ActionTable)[name];
    let schema: Json = {};
    try {
      schema = z.toJSONSchema(spec.input, { unrepresentable: 'any', io: 'input' }) as Json;
    } catch {
      schema = {};
    }
    const codes = [...new Set([...frameCodes(name), ...[...(thrown.get(name) ?? [])].sort()])].filter((c) => c in ERROR_MESSAGES);
    const t = trips[name];
    out.push(
      '',
      `### \`${name}\``,
      '',
      `- **Kind**: ${spec.mutating ? 'mutation (needs `requestId`; idempotent; audited)' : 'read'}${spec.texts ? '; its text passes msgSecCheck' : ''}`,
      `- **Who may call it**: ${(PERMISSIONS[name] as readonly Role[]).map((r) => ROLE_LABELS[r]).join('; ')}`,
      `- **Answers**: ${answers(name, spec)}`,
      `- **Round trips**: ${t ? `${t.small}${t.paged ? ` at 23 persons, ${t.large} at 2,023 (${growthNote(t.paged)})` : ''}` : 'not measured yet'}`,
      '- **Errors**:',
      ...codes.map((c) => `  - \`${c}\`: ${ERROR_MESSAGES[c as keyof typeof ERROR_MESSAGES]}`),
      '- **Input**:',
      '',
      inputTable(schema),
      ...rowTables(name),
    );
  }
  return `${out.join('\n')}\n`;
}

if (require.main === module) {
  fs.writeFileSync(DOCS_FILE, renderApiDocs());
  console.log(`wrote ${path.relative(ROOT, DOCS_FILE)}`);
}
