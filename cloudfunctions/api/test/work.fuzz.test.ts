/**
 * Fuzzing the review-work actions through main(event): for each, ≥ 200 payloads that are anything at
 * all or the action's known-good payload (naming a real session, review, publication, rectification,
 * invitation and opinion) with one part replaced, removed or added, sent by every kind of caller.
 * Whatever comes in: the reply is well formed, never INTERNAL, and a refusal writes nothing.
 */
import fc from 'fast-check';
import { ERROR_MESSAGES } from '../../../miniprogram/core/errors';
import type { Reply } from '../../../miniprogram/core/contracts/envelope';
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { FRAME_BOOTSTRAP, FRAME_CASES } from './frame-cases';
import { draftedPublication, WORK_ACTIONS } from './work.support';

// A fixed seed: the same payloads every run, so a failure reproduces and CI never flakes.
fc.configureGlobal({ seed: 20261121 });

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });
const RUNS = 200;
const CALLERS = ['o-admin', 'o-s1', 'o-s3', 'o-g1', 'o-w3', 'o-stranger', 'o-other-admin'];

let d: District;
let s: Data;
let ids: string[] = [];

beforeAll(async () => {
  d = await buildDistrict(h);
  // The invitation and the opinion come before publication: opinions close when the session is published.
  const drafted = await draftedPublication(h, d);
  const invitation = await h.ok(d.users.branchSecretary, 'opinion.invite', { sessionId: drafted.sessionId, giverKind: 'MASSES' });
  const opinion = await h.ok(d.users.member, 'opinion.submit', { sessionId: drafted.sessionId, target: { kind: 'MEMBER', id: d.person.s4 }, giverKind: 'MEMBER', channel: 'ONLINE', content: '建议', anonymous: false });
  const published: Data = await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: drafted.publicationId, version: 1 });
  const p = { ...drafted, rectificationId: published.rectificationIds[0] as string };
  s = { ...p, invitationId: invitation.invitationId, opinionId: opinion.opinionId };
  ids = [...Object.values(d.org), ...Object.values(d.person), d.campaignId, p.sessionId, ...Object.values(p.reviews), p.publicationId, p.rectificationId, invitation.invitationId, opinion.opinionId];
});

function checkReply(reply: Reply<unknown>): void {
  if (reply.ok) {
    expect(Object.keys(reply).sort()).toEqual(['data', 'ok']);
    return;
  }
  expect(reply.error.code).not.toBe('INTERNAL');
  expect(Object.keys(ERROR_MESSAGES)).toContain(reply.error.code);
  expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/);
}

/** Every path to a value inside a JSON payload. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

/** The payload with the value at `path` replaced (or removed when `junk` is the removal marker). */
function mutate(payload: unknown, path: Array<string | number>, junk: unknown, remove: boolean): unknown {
  if (path.length === 0) return junk;
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(at)) delete at[last];
  else at[last] = junk;
  return copy;
}

/** Values to put where a good one was: any JSON, edge values, and real ids of other documents. */
const junk = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', ' ', '2026-02-30', '9999-99-99', -1, 1.5, 2 ** 53, null, [], {}, '{"$ne":null}', 'x'.repeat(3000), 'DRAFT', 'CONFIRM'),
    fc.constantFrom(...ids),
  );

describe.each(WORK_ACTIONS)('%s under fuzzing', (action) => {
  it(`when ${RUNS} malformed payloads are sent by every kind of caller, then no reply is INTERNAL and no refusal writes`, async () => {
    const good = await FRAME_CASES[action].payload({ h, d, s });
    const spots = paths(good);
    const payloads = fc.oneof(
      { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
      { weight: 4, arbitrary: fc.tuple(fc.nat({ max: spots.length - 1 }), junk(), fc.boolean()).map(([i, j, remove]) => mutate(good, spots[i], j, remove)) },
    );
    let seq = 0;
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALLERS), payloads, async (openid, payload) => {
        const before = h.local.store.seq();
        const reply = await h.call(openid, action, payload, `fz-${action.replace('.', '-')}-${++seq}`);
        checkReply(reply);
        if (reply.ok || !/^(INPUT\.INVALID|AUTH\.)/.test(reply.error.code)) reached += 1;
        if (!reply.ok) expect({ payload, reply, written: h.local.store.seq() !== before }).toEqual({ payload, reply, written: false });
      }),
      { numRuns: RUNS },
    );
    // Some of the broken payloads got past the contract and the router into the use case.
    expect(reached).toBeGreaterThan(0);
  });
});
