/**
 * Fuzzing main(event): random and malformed payloads to every action of PERMISSIONS, by every kind
 * of caller, and malformed envelopes. Whatever comes in, the reply is well formed, never INTERNAL,
 * and a refusal writes nothing. Payloads are drawn three ways: anything at all, shaped after the
 * action's input contract (its JSON Schema, with real ids of the tenant mixed in so that calls get
 * past validation into the use cases), and the action's known-good payload with one part broken.
 * (zod-fast-check does not read zod 4 schemas, so the contract is walked here through z.toJSONSchema.)
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { PERMISSIONS, type ActionName } from '../../../miniprogram/core/domain/permissions';
import { ERROR_MESSAGES } from '../../../miniprogram/core/errors';
import { RosterOrgRow, RosterPersonRow } from '../../../miniprogram/core/contracts/api/org';
import type { Reply } from '../../../miniprogram/core/contracts/envelope';
import { DEFAULT_APPID, runAsCaller } from '../../../local/src/services';
import { actions } from '../src/actions';
import type { ActionTable } from '../src/frame/router';
import { apiHarness, buildDistrict, type Data, type District, type Main } from './harness';
import { FRAME_BOOTSTRAP, FRAME_CASES } from './frame-cases';

// A fixed seed: the same payloads every run, so a failure reproduces and CI never flakes.
fc.configureGlobal({ seed: 20261121 });

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const main = (require('../src/index') as { main: Main }).main;
const ACTION_NAMES = Object.keys(PERMISSIONS) as ActionName[];
const RUNS = 200;
const CALLERS = ['o-admin', 'o-s1', 'o-s3', 'o-g1', 'o-stranger', 'o-other-admin'];
const CHINESE = /[\u4e00-\u9fa5]/;
const LATIN = /[A-Za-z]/;
// `<字段>：<怎么改>`, or a date field's `<字段> 2026-02-30 不存在`.
const FIELD_LEVEL = /^[\u4e00-\u9fa5（）0-9]+(：| \d{4}-\d{2}-\d{2} )/;

type Json = Record<string, unknown>;

let d: District;
let ids: string[] = [];
let seq = 0;

beforeAll(async () => {
  d = await buildDistrict(h);
  // Documents of every kind for the fuzzer to name: an invitation, a pending claim, commitments (one held).
  const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
  const claim = await h.ok('o-newcomer', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
  const held = await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, items: [{ content: '待审测试词', progress: 0 }], date: '2026-11-20' });
  const org = await h.ok(d.users.branchSecretary, 'commitment.saveOrg', { orgId: d.org.xx1, campaignId: d.campaignId, items: [{ content: '每月主题党日', progress: 50 }], date: '2026-11-20' });
  ids = [...Object.values(d.org), ...Object.values(d.person), d.campaignId, invitation.invitationId, claim.claimId, held.id, org.id, 't000', 'tother'];
});

/** A message without the user's own data it quotes (“xx9”, （编号 org_1）), which may be in any script. */
const withoutQuotedData = (message: string) => message.replace(/“[^”]*”/g, '').replace(/（(编号 )?[A-Za-z0-9_-]+）/g, '');

/** Checks one reply: well formed, a known code with a Chinese message, never INTERNAL. */
function checkReply(reply: Reply<unknown>): void {
  expect(reply).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  if (reply.ok) {
    expect(Object.keys(reply).sort()).toEqual(['data', 'ok']);
    return;
  }
  expect(Object.keys(reply).sort()).toEqual(['error', 'ok']);
  const { code, message, issues } = reply.error;
  expect(code).not.toBe('INTERNAL');
  expect(Object.keys(ERROR_MESSAGES)).toContain(code);
  expect(message).toMatch(CHINESE);
  if (issues !== undefined) {
    expect(Array.isArray(issues)).toBe(true);
    for (const issue of issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      // Field-level: the field's Chinese name, then what to do; no type names, patterns or English.
      expect({ issue, latin: LATIN.test(withoutQuotedData(issue.message)), named: FIELD_LEVEL.test(withoutQuotedData(issue.message)) }).toEqual({ issue, latin: false, named: true });
    }
  }
}

/** Sends one event as `openid`; asserts the reply is well formed and that a refusal wrote nothing. */
async function send(openid: string, event: unknown): Promise<Reply<unknown>> {
  const before = h.local.store.seq();
  const reply = await runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `fz${++seq}` }, () => main(event));
  checkReply(reply);
  if (!reply.ok) expect({ event, reply, written: h.local.store.seq() !== before }).toEqual({ event, reply, written: false });
  return reply;
}

// ---- payloads shaped after a JSON Schema ---------------------------------------------------------

const DATE = /\\d\{4\}-\(0\[1-9\]/;
const anyJson = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown>;
const idLike = () => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.string({ maxLength: 70 }) }, { weight: 1, arbitrary: fc.constantFrom('', ' ', 'org_x', '../users', '{"$ne":null}') });
const dateLike = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((t) => t.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-1-1', '20261121', ''),
  fc.string({ maxLength: 12 }),
);
const textLike = (max: number) =>
  fc.oneof(fc.string({ maxLength: Math.min(max + 5, 60) }), fc.constantFrom('认真学习党的二十大精神', '待审测试词', '违禁测试词', ' ', '\u0000', 'x'.repeat(max + 1)));

/** An arbitrary for a JSON Schema node, mostly valid, sometimes off by a little. */
function fromSchema(node: Json | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!node || depth > 5 || Object.keys(node).length === 0) return anyJson;
  if (Array.isArray(node.anyOf) || Array.isArray(node.oneOf)) {
    const options = ((node.anyOf ?? node.oneOf) as Json[]).map((n) => fromSchema(n, depth + 1));
    return fc.oneof(...options);
  }
  if ('const' in node) return fc.oneof({ weight: 5, arbitrary: fc.constant(node.const) }, { weight: 1, arbitrary: anyJson });
  if (Array.isArray(node.enum)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(node.enum as unknown[])) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
  switch (node.type) {
    case 'string': {
      if (typeof node.pattern === 'string' && DATE.test(node.pattern)) return dateLike;
      if (typeof node.pattern === 'string') return fc.oneof(fc.constantFrom('t-new', 'tnew', '2026', '2026-Q1', '2026-H1', '2026-03'), fc.string({ maxLength: 34 }));
      if (node.maxLength === 64 && node.minLength === 1) return idLike();
      return textLike(typeof node.maxLength === 'number' ? node.maxLength : 50);
    }
    case 'integer':
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: typeof node.minimum === 'number' ? node.minimum : -5, max: Math.min(typeof node.maximum === 'number' ? node.maximum : 200, 200) }) },
        { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 1e21, Number.MAX_SAFE_INTEGER, 101) },
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const max = Math.min(typeof node.maxItems === 'number' ? node.maxItems : 4, 4);
      return fc.array(fromSchema(node.items as Json | undefined, depth + 1), { maxLength: max });
    }
    case 'object': {
      const props = (node.properties ?? {}) as Record<string, Json>;
      const required = new Set((node.required ?? []) as string[]);
      if (Object.keys(props).length === 0 && node.additionalProperties && typeof node.additionalProperties === 'object') {
        const keys = (node.propertyNames as Json | undefined) ?? { type: 'string' };
        return fc.dictionary(fromSchema(keys, depth + 1).map(String), fromSchema(node.additionalProperties as Json, depth + 1), { maxKeys: 3 });
      }
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, schema] of Object.entries(props)) fields[key] = fromSchema(schema, depth + 1);
      const requiredKeys = Object.keys(props).filter((k) => required.has(k));
      // Usually every required key; sometimes one missing (fast-check's requiredKeys decides).
      return fc.oneof({ weight: 6, arbitrary: fc.record(fields, { requiredKeys }) }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) });
    }
    default:
      return anyJson;
  }
}

const schemaOf = (schema: z.ZodMiniType<unknown>): Json => {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Json;
  } catch {
    return {};
  }
};

/** The contract of an action as JSON Schema; roster rows are described by their own row contracts. */
function shapedPayload(action: ActionName): fc.Arbitrary<unknown> {
  const schema = schemaOf((actions as ActionTable)[action].input);
  if (action === 'roster.import') {
    return fc.record({
      orgs: fc.array(fc.oneof(fromSchema(schemaOf(RosterOrgRow)), anyJson), { maxLength: 4 }),
      persons: fc.array(fc.oneof(fromSchema(schemaOf(RosterPersonRow)), anyJson), { maxLength: 4 }),
    });
  }
  return fromSchema(schema);
}

/** The known-good payload with one field dropped, replaced by anything, or an extra field added. */
function brokenPayload(action: ActionName): fc.Arbitrary<() => Promise<unknown>> {
  return fc.tuple(fc.nat(), fc.constantFrom('drop', 'replace', 'extra'), anyJson).map(([n, how, value]) => async () => {
    const c = FRAME_CASES[action];
    if (!c) return value;
    const good = (await c.payload({ h, d, s: {} })) as Json;
    if (typeof good !== 'object' || good === null) return value;
    const keys = Object.keys(good);
    const key = keys.length ? keys[n % keys.length] : 'x';
    if (how === 'drop') return Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));
    if (how === 'replace') return { ...good, [key]: value };
    return { ...good, [`extra${n % 3}`]: value, openid: 'o-admin' };
  });
}

const requestIds = fc.oneof(
  { weight: 8, arbitrary: fc.constant('fresh') },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'short', 'has space in it', 'x'.repeat(65), 12345678) },
);

describe.each(ACTION_NAMES)('fuzzing %s', (action) => {
  it(`when ${RUNS} random or malformed payloads are sent to ${action} by any caller, then every reply is well formed, none is INTERNAL, and no refusal writes`, async () => {
    const payloads = fc.oneof(
      { weight: 1, arbitrary: anyJson.map((p) => async () => p) },
      { weight: 3, arbitrary: shapedPayload(action).map((p) => async () => p) },
      { weight: 2, arbitrary: brokenPayload(action) },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALLERS), payloads, requestIds, async (openid, payload, rid) => {
        const requestId = rid === 'fresh' ? `fz-${Date.now().toString(36)}-${++seq}` : rid;
        await send(openid, { action, payload: await payload(), ...(requestId === undefined ? {} : { requestId }) });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the envelope', () => {
  it('when events of any shape arrive, then every reply is well formed, none is INTERNAL, and nothing is written', async () => {
    const events = fc.oneof(
      anyJson,
      fc.record({ action: fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom(...ACTION_NAMES), anyJson), payload: anyJson, requestId: fc.oneof(fc.string(), anyJson) }, { requiredKeys: [] }),
      fc.constantFrom(undefined, null, 'me', ['me'], { action: '__proto__' }, { action: 'constructor' }, { action: 'toString' }, { action: 'hasOwnProperty' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALLERS), events, async (openid, event) => {
        const before = h.local.store.seq();
        const reply = await send(openid, event);
        // Only a well-formed call to a real action may write.
        const e = event as Data;
        const wellFormed = typeof e === 'object' && e !== null && typeof e.action === 'string' && Object.prototype.hasOwnProperty.call(PERMISSIONS, e.action);
        if (!wellFormed) expect({ event, reply, written: h.local.store.seq() !== before }).toEqual({ event, reply, written: false });
      }),
      { numRuns: 400 },
    );
  });

  it('when an action names an Object.prototype member, then it is ACTION.UNKNOWN', async () => {
    for (const action of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const reply = await send('o-admin', { action, payload: {}, requestId: 'proto-request-1' });
      expect(reply).toEqual({ ok: false, error: { code: 'ACTION.UNKNOWN', message: ERROR_MESSAGES['ACTION.UNKNOWN'] } });
    }
  });
});
