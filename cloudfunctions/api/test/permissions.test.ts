/**
 * The permission table, cell by cell: every action of PERMISSIONS × every kind of caller, through
 * main(event) on a seed-000 tenant. A cell is "allowed" when the router lets the call reach its use
 * case (which may still refuse it for its own reasons, e.g. a version or ownership check) and
 * "refused" when the router answers with the right AUTH.* code and nothing is written.
 */
import { PERMISSIONS, type ActionName, type Role } from '../../../miniprogram/core/domain/permissions';
import { ERROR_MESSAGES } from '../../../miniprogram/core/errors';
import { DEFAULT_APPID, runAsCaller } from '../../../local/src/services';
import { actions } from '../src/actions';
import type { ActionTable } from '../src/frame/router';
import { apiHarness, buildDistrict, freshState, type District, type Main } from './harness';
import { COLUMNS, COLUMN_OPENID, COLUMN_ROLES, FRAME_BOOTSTRAP, FRAME_CASES, arrangeColumns, callerOf, digest, type Column } from './frame-cases';

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });
const ACTION_NAMES = Object.keys(PERMISSIONS) as ActionName[];

// A pass-through spy on every use case: the call reached it iff the router admitted the caller.
const reached: string[] = [];
for (const [name, spec] of Object.entries(actions as ActionTable)) {
  const run = spec.run;
  spec.run = (uc) => {
    reached.push(`${uc.caller.openid} ${name}`);
    return run(uc);
  };
}

/** The code the router must refuse a caller with, given their roles at what the action concerns. */
function refusal(roles: readonly Role[], column: Column): string {
  if (column === 'stranger') return 'AUTH.UNBOUND';
  if (!roles.includes('BOUND')) return 'AUTH.OTHER_TENANT';
  return 'AUTH.FORBIDDEN';
}

async function freshDistrict(): Promise<District> {
  return freshState(h, 'columns', async () => {
    const d = await buildDistrict(h);
    await arrangeColumns(h, d);
    return d;
  });
}

describe('the permission table', () => {
  it('when the router, PERMISSIONS and the frame cases are compared, then they name exactly the same actions', () => {
    const sorted = (keys: string[]) => [...keys].sort();
    expect(sorted(Object.keys(actions))).toEqual(sorted(ACTION_NAMES));
    expect(sorted(Object.keys(FRAME_CASES))).toEqual(sorted(ACTION_NAMES));
    for (const name of ACTION_NAMES) expect(PERMISSIONS[name].length).toBeGreaterThan(0);
  });

  it('when the columns are arranged, then each holds exactly its roles at 实验小学党支部 (checked through me)', async () => {
    const d = await freshDistrict();
    const me = async (column: Column) => h.ok(COLUMN_OPENID[column], 'me', {});
    expect((await me('stranger')).bound).toBe(false);
    expect((await me('otherTenantAdmin')).tenant.id).toBe('tother');
    expect((await me('member')).org.id).toBe(d.org.xx1);
    expect((await me('branchSecretary')).roles.secretaryOf.map((o: { id: string }) => o.id)).toEqual([d.org.xx1]);
    const committee = await me('committeeMember');
    expect(committee.org.id).toBe(d.org.jg);
    expect(committee.roles.committeeOf.map((o: { id: string }) => o.id)).toContain(d.org.xx1);
    expect(committee.roles.liaisonOf.map((o: { id: string }) => o.id)).not.toContain(d.org.xx1);
    const upper = await me('upperSecretary');
    expect(upper.roles.secretaryOf.map((o: { id: string }) => o.id)).toEqual([d.org.gw]);
    expect(upper.roles.liaisonOf.map((o: { id: string }) => o.id)).toEqual([]);
    const liaison = await me('liaisonLeader');
    expect(liaison.roles.liaisonOf.map((o: { id: string }) => o.id)).toEqual([d.org.xx1]);
    expect(liaison.roles.secretaryOf.map((o: { id: string }) => o.id)).toEqual([d.org.jg]);
    expect((await me('boundElsewhere')).org.id).toBe(d.org.wsy);
    expect((await me('admin')).roles.admin).toBe(true);
  });
});

describe.each(ACTION_NAMES)('%s, cell by cell', (action) => {
  const c = FRAME_CASES[action] as (typeof FRAME_CASES)[ActionName] | undefined;
  if (!c) {
    it(`when ${action} has no frame case, then the matrix cannot check it: add one to frame-cases.ts`, () => {
      expect(Object.keys(FRAME_CASES)).toContain(action);
    });
    return;
  }
  const allowed: readonly Role[] = PERMISSIONS[action];
  let d: District;
  let s: unknown;

  beforeAll(async () => {
    d = await freshDistrict();
    s = c?.setup ? await c.setup(h, d) : undefined;
  });

  it(`when its allowed caller calls ${action} as the frame cases say, then it succeeds`, async () => {
    const reply = await h.call(callerOf(c, d), action, await c.payload({ h, d, s }));
    // org.retire is allowed but xx1 still has people: the use case says so.
    if (action === 'org.retire') expect(reply).toMatchObject({ ok: false, error: { code: 'ORG.HAS_PERSONS' } });
    else expect(reply).toMatchObject({ ok: true });
  });

  it.each(COLUMNS)(`when %s calls ${action}, then the router admits or refuses them as the table says`, async (column) => {
    // Arrange
    const roles = COLUMN_ROLES[c.concerns][column];
    const admitted = allowed.some((r) => roles.includes(r));
    const openid = COLUMN_OPENID[column];
    const payload = await c.payload({ h, d, s });
    const before = digest(h);
    reached.length = 0;

    // Act
    const reply = await h.call(openid, action, payload);

    // Assert
    if (admitted) {
      expect({ column, reached: reached.includes(`${openid} ${action}`) }).toEqual({ column, reached: true });
      return;
    }
    expect(reached).toEqual([]);
    const code = refusal(roles, column);
    expect(reply).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expect(digest(h)).toBe(before);
  });
});

describe('the caller comes from getWXContext, never from the request', () => {
  let d: District;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const main = (require('../src/index') as { main: Main }).main;
  const raw = (openid: string, event: Record<string, unknown>) =>
    runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: 'raw' }, () => main(event));

  beforeAll(async () => {
    d = await freshDistrict();
  });

  it.each(ACTION_NAMES)('when a refused caller of %s names an admin in the payload, then the reply is the same refusal and nothing is written', async (action) => {
    // Arrange: the least privileged column the action refuses (stranger when it admits anyone).
    const c = FRAME_CASES[action];
    const column = COLUMNS.find((col) => !PERMISSIONS[action].some((r: Role) => COLUMN_ROLES[c.concerns][col].includes(r))) ?? 'stranger';
    const payload = (await c.payload({ h, d, s: {} })) as Record<string, unknown>;
    const forged = { ...payload, openid: 'o-admin', OPENID: 'o-admin', _openid: 'o-admin', personId: payload.personId ?? d.person.g1, userInfo: { openId: 'o-admin', appId: DEFAULT_APPID } };
    const honest = await h.call(COLUMN_OPENID[column], action, payload);
    const before = digest(h);

    // Act
    const reply = await h.call(COLUMN_OPENID[column], action, forged);

    // Assert
    if (honest.ok) {
      // Only actions that admit anyone get here; what they answer must still be about the real caller.
      expect(reply.ok).toBe(true);
      if (action === 'me') expect(reply).toMatchObject({ ok: true, data: { bound: false, openid: 'o-stranger' } });
      return;
    }
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe(honest.error.code);
    expect(digest(h)).toBe(before);
  });

  it('when the event itself carries an admin openid or userInfo, then the caller is still the real one', async () => {
    // Arrange
    const event = { action: 'org.create', payload: { name: '冒名党支部', kind: 'BRANCH', parentId: d.org.gw }, requestId: 'forged-request-1', openid: 'o-admin', userInfo: { openId: 'o-admin', appId: DEFAULT_APPID } };
    const before = digest(h);

    // Act
    const asStranger = await raw('o-stranger', event);
    const asMember = await raw('o-s3', event);
    const me = await raw('o-s3', { action: 'me', payload: {}, openid: 'o-admin', userInfo: { openId: 'o-admin' } });

    // Assert
    expect(asStranger).toEqual({ ok: false, error: { code: 'AUTH.UNBOUND', message: ERROR_MESSAGES['AUTH.UNBOUND'] } });
    expect(asMember).toEqual({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: ERROR_MESSAGES['AUTH.FORBIDDEN'] } });
    expect(digest(h)).toBe(before);
    expect(me).toMatchObject({ ok: true, data: { openid: 'o-s3', person: { name: '李娜' }, roles: { admin: false } } });
  });

  it('when there is no openid in the WeChat context, then every action is refused as unbound', async () => {
    const before = digest(h);
    for (const action of ACTION_NAMES) {
      const reply = await raw('', { action, payload: {}, requestId: 'no-openid-1' });
      expect({ action, reply }).toEqual({ action, reply: { ok: false, error: { code: 'AUTH.UNBOUND', message: ERROR_MESSAGES['AUTH.UNBOUND'] } } });
    }
    expect(digest(h)).toBe(before);
  });
});

describe('outsiders see nothing of the tenant', () => {
  let d: District;
  let secrets: string[];

  beforeAll(async () => {
    d = await freshDistrict();
    const names = [...(h.local.store.get('orgs')?.docs.values() ?? []), ...(h.local.store.get('persons')?.docs.values() ?? [])].map((doc) => String((doc as { name: string }).name));
    secrets = [...Object.values(d.org), ...Object.values(d.person), d.campaignId, ...names, '常州市新北区社会事业局'];
    // Give the outsiders' own tenant nothing, so anything they read back would be t000's.
    await FRAME_CASES['commitment.list'].setup?.(h, d);
  });

  it.each(ACTION_NAMES.flatMap((action) => (['stranger', 'otherTenantAdmin'] as const).map((column) => [action, column] as const)))(
    'when %s is called by %s with the ids of seed 000, then the reply names nothing of seed 000 that the payload did not',
    async (action, column) => {
      // Arrange
      const c = FRAME_CASES[action];
      const payload = await c.payload({ h, d, s: {} });
      const sent = JSON.stringify(payload);

      // Act
      const reply = JSON.stringify(await h.call(COLUMN_OPENID[column], action, payload));

      // Assert
      expect(secrets.filter((secret) => !sent.includes(secret) && reply.includes(secret))).toEqual([]);
    },
  );
});
