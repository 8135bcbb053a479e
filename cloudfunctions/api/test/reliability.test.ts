/**
 * Nothing lost, through main(event): a retried requestId replays the first reply and writes nothing
 * (also when the duplicates race), two edits from one version give one CONFLICT, a transaction cut
 * by an injected database failure leaves every document as it was and its retry then succeeds, and
 * every mutation leaves an audit row.
 */
import { PERMISSIONS, type ActionName } from '../../../miniprogram/core/domain/permissions';
import { ERROR_MESSAGES } from '../../../miniprogram/core/errors';
import { actions } from '../src/actions';
import type { ActionTable } from '../src/frame/router';
import { requestRecordId } from '../src/frame/request-record';
import { moderate } from '../src/frame/moderation';
import { apiHarness, freshDistrict, type Data, type District } from './harness';
import { FRAME_BOOTSTRAP, FRAME_CASES, callerOf, digest } from './frame-cases';

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });
// Injected failures are unexpected errors: the router logs them; keep the log out of the test output.
const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
const table = actions as ActionTable;
const MUTATING = (Object.keys(PERMISSIONS) as ActionName[]).filter((a) => table[a].mutating);
// org.retire's frame case is refused by its use case (xx1 has people): retire an empty org instead.
const SUCCEEDING = MUTATING.filter((a) => a !== 'org.retire');

let rid = 0;
const nextRid = (tag: string) => `${tag}-${Date.now().toString(36)}-${++rid}`;

function fresh(): Promise<District> {
  return freshDistrict(h);
}

/** Prepares a frame case on a fresh district and returns its caller and payload. */
async function prepared(action: ActionName) {
  const d = await fresh();
  const c = FRAME_CASES[action];
  const s = c.setup ? await c.setup(h, d) : undefined;
  return { d, openid: callerOf(c, d), payload: await c.payload({ h, d, s }) };
}

const docsIn = (collection: string) => h.local.store.get(collection)?.docs ?? new Map<string, unknown>();
const stored = (collection: string, id: string) => docsIn(collection).get(id) as Data;
const total = () => h.local.store.names().reduce((n, name) => n + docsIn(name).size, 0);

type Send = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * Fails one database request of the next call: the `nth` request (1-based) that `matches`. The
 * reply is the cloud's failure shape, which the SDK turns into a thrown error as it would in the cloud.
 */
function injectFailure(matches: (action: string, params: Record<string, unknown>) => boolean, nth: number): { restore: () => void; failed: () => boolean } {
  const engine = h.local.engine as unknown as { send: Send };
  const original = engine.send;
  let seen = 0;
  let failed = false;
  engine.send = async (action, params) => {
    if (!failed && matches(action, params) && ++seen === nth) {
      failed = true;
      return { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'injected failure: connection reset' };
    }
    return original(action, params);
  };
  return { restore: () => (engine.send = original), failed: () => failed };
}

const TX_WRITE = /^database\.(insertDocument|modifyDocument|modifyAndReturnDoc|removeDocument|updateDocument)$/;
const isTxWrite = (action: string, params: Record<string, unknown>) => TX_WRITE.test(action) && typeof params.transactionId === 'string';

describe('idempotency on requestId', () => {
  it.each(SUCCEEDING)('when %s is sent twice with one requestId, then the second reply is the first and nothing new is written', async (action) => {
    // Arrange
    const { openid, payload } = await prepared(action);
    const requestId = nextRid('twice');
    const first = await h.call(openid, action, payload, requestId);
    expect(first).toMatchObject({ ok: true });
    const after = digest(h);

    // Act
    const second = await h.call(openid, action, payload, requestId);

    // Assert
    expect(second).toEqual(first);
    expect(digest(h)).toBe(after);
  });

  it('when a retry carries a different payload under the same requestId, then it is refused as REQUEST.REUSED and changes nothing', async () => {
    // Arrange
    const d = await fresh();
    const requestId = nextRid('changed');
    await h.call(d.users.admin, 'org.create', { name: '第一次的名称党支部', kind: 'BRANCH', parentId: d.org.gw }, requestId);
    const after = digest(h);

    // Act
    const retry = await h.call(d.users.admin, 'org.create', { name: '第二次的名称党支部', kind: 'BRANCH', parentId: d.org.gw }, requestId);

    // Assert
    expect(retry).toEqual({ ok: false, error: { code: 'REQUEST.REUSED', message: '请求编号已用于其他内容，请重新提交' } });
    expect(digest(h)).toBe(after);
  });

  it('when a requestId is reused for another action, then the second intent is refused, not answered with the first reply', async () => {
    // Arrange: person.create, then org.retire under the same requestId (the probe's case).
    const d = await fresh();
    const requestId = nextRid('other-action');
    const created = await h.ok(d.users.admin, 'org.create', { name: '将撤销的党支部', kind: 'BRANCH', parentId: d.org.gw });
    expect(await h.call(d.users.admin, 'person.create', { orgId: d.org.xx1, name: '赵新' }, requestId)).toMatchObject({ ok: true });
    const after = digest(h);

    // Act
    const retire = await h.call(d.users.admin, 'org.retire', { orgId: created.id, version: created.version }, requestId);

    // Assert
    expect(retire).toMatchObject({ ok: false, error: { code: 'REQUEST.REUSED' } });
    expect(digest(h)).toBe(after);
  });

  it('when the same request is retried with its keys in another order, then it is the same request and replays', async () => {
    const d = await fresh();
    const requestId = nextRid('reordered');
    const first = await h.call(d.users.admin, 'org.create', { name: '顺序党支部', kind: 'BRANCH', parentId: d.org.gw }, requestId);
    const retry = await h.call(d.users.admin, 'org.create', { parentId: d.org.gw, kind: 'BRANCH', name: '顺序党支部' }, requestId);
    expect(retry).toEqual(first);
  });

  it('when another user sends the same requestId, then it is their own request', async () => {
    const d = await fresh();
    const requestId = nextRid('shared');
    const a = await h.call(d.users.admin, 'invitation.create', { orgId: d.org.xx1 }, requestId);
    const b = await h.call(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1 }, requestId);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.data.invitationId).not.toBe(a.data.invitationId);
  });

  /**
   * campaign.plan is a batch job: it writes requirements, units and counters in bulk outside the
   * unit of work (the audit row cannot list them), under a per-campaign lock. "Takes effect once"
   * is therefore checked by idempotence: planning again afterwards creates nothing but its audit row.
   */
  const BATCH_JOBS = new Set<string>(['campaign.plan']);
  const raced = async (action: ActionName) => {
    // Arrange
    const { openid, payload } = await prepared(action);
    const requestId = nextRid('race');
    const docsBefore = total();
    const auditBefore = docsIn('audit').size;

    // Act
    const [a, b] = await Promise.all([h.call(openid, action, payload, requestId), h.call(openid, action, payload, requestId)]);

    // Assert: one reply, one audit row, and exactly the documents that row says were created.
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(docsIn('audit').size).toBe(auditBefore + 1);
    const row = stored('audit', requestRecordId(`${openid}:${requestId}`));
    expect(row.reply).toEqual(a);
    if (BATCH_JOBS.has(action)) {
      const afterRace = total();
      expect(await h.call(openid, action, payload, nextRid('again'))).toMatchObject({ ok: true });
      expect(total()).toBe(afterRace + 1);
    } else {
      const created = (row.entries as Array<{ versionBefore: number | null; versionAfter: number | null }>).filter((e) => e.versionBefore === null && e.versionAfter === 1).length;
      expect(total()).toBe(docsBefore + 1 + created);
    }
    expect(await h.call(openid, action, payload, requestId)).toEqual(a);
  };
  it.each(SUCCEEDING)('when %s is sent twice at once with one requestId, then both get one reply and it takes effect once', raced);

  it('when a mutating action comes without a requestId, then it is refused and nothing is written', async () => {
    const d = await fresh();
    const before = digest(h);
    const reply = await h.call(d.users.admin, 'org.create', { name: '无编号党支部', kind: 'BRANCH', parentId: d.org.gw }, null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(digest(h)).toBe(before);
  });
});

/** Versioned edits: the action, and how to build an edit of one stored version. */
const EDITS: Array<[ActionName, (d: District, version: number, n: number) => unknown, (d: District) => [string, string]]> = [
  ['tenant.update', (_d, version, n) => ({ version, name: `单位名称${n}` }), (d) => ['tenants', d.tenantId]],
  ['org.update', (d, version, n) => ({ orgId: d.org.xx1, version, name: `实验小学党支部${n}` }), (d) => ['orgs', d.org.xx1]],
  ['org.move', (d, version, n) => ({ orgId: d.org.xx1, version, parentId: n === 1 ? d.org.zx : d.org.gw }), (d) => ['orgs', d.org.xx1]],
  ['org.assignSecretary', (d, version, n) => ({ orgId: d.org.xx1, version, personId: n === 1 ? d.person.s2 : d.person.s4 }), (d) => ['orgs', d.org.xx1]],
  ['org.setCommittee', (d, version, n) => ({ orgId: d.org.xx1, version, personIds: n === 1 ? [d.person.s2] : [d.person.s4] }), (d) => ['orgs', d.org.xx1]],
  ['person.update', (d, version, n) => ({ personId: d.person.s4, version, unitAndPost: `岗位${n}` }), (d) => ['persons', d.person.s4]],
  ['person.move', (d, version, n) => ({ personId: d.person.s4, version, orgId: n === 1 ? d.org.zb1 : d.org.wsy }), (d) => ['persons', d.person.s4]],
  ['person.retire', (d, version) => ({ personId: d.person.s4, version }), (d) => ['persons', d.person.s4]],
  ['campaign.update', (d, version, n) => ({ campaignId: d.campaignId, version, name: `活动${n}` }), (d) => ['campaigns', d.campaignId]],
];

describe('conflicts', () => {
  it.each(EDITS)('when two edits of %s are based on one version, then the first wins and the second is a CONFLICT that writes nothing', async (action, edit, target) => {
    // Arrange
    const d = await fresh();
    const [collection, id] = target(d);
    const version = stored(collection, id).version as number;
    const first = await h.call(d.users.admin, action, edit(d, version, 1));
    expect(first).toMatchObject({ ok: true });
    const after = digest(h);

    // Act
    const second = await h.call(d.users.admin, action, edit(d, version, 2));

    // Assert
    expect(second).toEqual({ ok: false, error: { code: 'CONFLICT', message: ERROR_MESSAGES.CONFLICT } });
    expect(digest(h)).toBe(after);
    expect(stored(collection, id).version).toBe(version + 1);
  });

  it.each(EDITS)('when two edits of %s from one version race, then exactly one succeeds and the other is a CONFLICT', async (action, edit, target) => {
    const d = await fresh();
    const [collection, id] = target(d);
    const version = stored(collection, id).version as number;
    const replies = await Promise.all([h.call(d.users.admin, action, edit(d, version, 1)), h.call(d.users.admin, action, edit(d, version, 2))]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toEqual([{ ok: false, error: { code: 'CONFLICT', message: ERROR_MESSAGES.CONFLICT } }]);
    expect(stored(collection, id).version).toBe(version + 1);
  });

  it('when a member edits their commitment from an old version, then it is a CONFLICT', async () => {
    const d = await fresh();
    const items = [{ content: '每周家访一次', progress: 10 }];
    const made = await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, items, date: '2026-11-01' });
    await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, items, date: '2026-11-02', version: made.version });
    const after = digest(h);
    const stale = await h.call(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, items, date: '2026-11-03', version: made.version });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(digest(h)).toBe(after);
  });
});

/** Multi-write actions and how many transactional writes each makes (so every cut point is tried). */
const MULTI_WRITE: ActionName[] = ['tenant.bootstrap', 'org.assignSecretary', 'claim.decide', 'roster.import'];

describe('transactions under an injected database failure', () => {
  async function writesOf(action: ActionName): Promise<number> {
    const { openid, payload } = await prepared(action);
    let writes = 0;
    const probe = injectFailure((a, p) => {
      if (isTxWrite(a, p)) writes += 1;
      return false;
    }, 1);
    try {
      expect(await h.call(openid, action, payload)).toMatchObject({ ok: true });
    } finally {
      probe.restore();
    }
    return writes;
  }

  it.each(MULTI_WRITE)('when the 2nd (and then every later) write of %s fails, then every document is as before and a retry with the same requestId succeeds', async (action) => {
    const writes = await writesOf(action);
    expect(writes).toBeGreaterThanOrEqual(3);
    for (let nth = 2; nth <= writes; nth++) {
      // Arrange
      const { openid, payload } = await prepared(action);
      const before = digest(h);
      const requestId = nextRid(`cut${nth}`);
      const injected = injectFailure(isTxWrite, nth);

      // Act
      let reply;
      try {
        reply = await h.call(openid, action, payload, requestId);
      } finally {
        injected.restore();
      }

      // Assert
      expect(injected.failed()).toBe(true);
      expect(logged).toHaveBeenLastCalledWith('[api] unexpected error', expect.objectContaining({ message: expect.stringContaining('injected failure') }));
      expect({ nth, reply }).toEqual({ nth, reply: { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } } });
      expect(digest(h)).toBe(before);
      expect((h.local.engine as unknown as { openTransactions(): number }).openTransactions()).toBe(0);
      const retry = await h.call(openid, action, payload, requestId);
      expect(retry).toMatchObject({ ok: true });
      expect(stored('audit', requestRecordId(`${openid}:${requestId}`)).reply).toEqual(retry);
    }
  });

  it.each(MULTI_WRITE)('when the commit of %s fails, then every document is as before and a retry succeeds', async (action) => {
    const { openid, payload } = await prepared(action);
    const before = digest(h);
    const requestId = nextRid('commit');
    const injected = injectFailure((a) => a === 'database.commitTransaction', 1);
    let reply;
    try {
      reply = await h.call(openid, action, payload, requestId);
    } finally {
      injected.restore();
    }
    expect(injected.failed()).toBe(true);
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
    expect(digest(h)).toBe(before);
    expect(await h.call(openid, action, payload, requestId)).toMatchObject({ ok: true });
  });

  it('when a read before the transaction fails, then the reply is INTERNAL with nothing internal in it and nothing is written', async () => {
    const { openid, payload } = await prepared('org.assignSecretary');
    const before = digest(h);
    const injected = injectFailure((a, p) => a === 'database.getDocument' && p.collectionName === 'persons', 1);
    let reply;
    try {
      reply = await h.call(openid, 'org.assignSecretary', payload);
    } finally {
      injected.restore();
    }
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
    expect(JSON.stringify(reply)).not.toMatch(/injected|DATABASE|persons/);
    expect(digest(h)).toBe(before);
  });
});

describe('the audit log', () => {
  it.each(SUCCEEDING)('when %s succeeds, then an audit row says who, what, which documents, their versions before and after, and when', async (action) => {
    // Arrange
    const { d, openid, payload } = await prepared(action);
    const requestId = nextRid('audit');
    const startedAt = h.clock.now();

    // Act
    const reply = await h.call(openid, action, payload, requestId);

    // Assert
    expect(reply).toMatchObject({ ok: true });
    const row = stored('audit', requestRecordId(`${openid}:${requestId}`));
    const personOf = (o: string) => [...docsIn('persons').values()].find((p) => (p as Data).openid === o) as Data | undefined;
    expect(row).toMatchObject({ actorOpenid: openid, action, reply });
    expect(row.actorPersonId).toBe(personOf(openid)?._id ?? null);
    expect(row.tenantId).toBe(action === 'tenant.bootstrap' ? 'tnew' : d.tenantId);
    expect(row.at).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(row.at).toBeLessThanOrEqual(h.clock.now());
    // Opinion slots are never named by an audit row (docs/anonymity.md): their entries say `anonymous`.
    for (const entry of (row.entries as Data[]).filter((e) => !(e.targetCollection === 'opinionSlots' && e.targetId === 'anonymous'))) {
      expect(entry.action).toBe(action);
      const target = stored(entry.targetCollection, entry.targetId);
      expect(target).toBeDefined();
      if (entry.versionAfter !== null) expect({ entry, version: target.version }).toEqual({ entry, version: entry.versionAfter });
      if (entry.versionBefore !== null) expect(entry.versionAfter).toBe(entry.versionBefore + 1);
    }
  });

  it('when org.retire retires an empty org, then its audit row names the org and its versions', async () => {
    const d = await fresh();
    const created = await h.ok(d.users.admin, 'org.create', { name: '待撤销党支部', kind: 'BRANCH', parentId: d.org.gw });
    const requestId = nextRid('retire');
    expect(await h.call(d.users.admin, 'org.retire', { orgId: created.id, version: created.version }, requestId)).toMatchObject({ ok: true });
    const row = stored('audit', requestRecordId(`${d.users.admin}:${requestId}`));
    expect(row.entries).toEqual([{ action: 'org.retire', targetCollection: 'orgs', targetId: created.id, versionBefore: 1, versionAfter: 2 }]);
  });

  it('when a call is refused, then no audit row is written', async () => {
    const d = await fresh();
    const before = docsIn('audit').size;
    const requestId = nextRid('refused');
    await h.call(d.users.member, 'org.create', { name: '越权党支部', kind: 'BRANCH', parentId: d.org.gw }, requestId);
    expect(docsIn('audit').size).toBe(before);
  });
});

describe('content checks', () => {
  it('when one text is exactly 2,500 characters, then it is checked in one msgSecCheck call and never as an empty one', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as Parameters<typeof moderate>[0];
    const { runAsCaller: asCaller, DEFAULT_APPID: appid } = await import('../../../local/src/services');
    const verdict = await asCaller({ openid: 'o-s3', appid, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: 'mod' }, () =>
      moderate(cloud, 'o-s3', ['好'.repeat(2500), '再写一段']),
    );
    expect(verdict).toBe('PASS');
  });
});
