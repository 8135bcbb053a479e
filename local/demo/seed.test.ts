import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useLocalCloud, requestCounter } from '../src/testing';
import { callFunction, registerFunction, type CloudMain } from '../src/services';

const local = useLocalCloud({ now: '2026-12-02T09:30+08:00' });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../../cloudfunctions/api/src/index') as { main: CloudMain };
registerFunction('api', main);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seed, PLANS, timeline } = require('./seed') as typeof import('./seed');

/** Every database action that writes, as the local cloud's counter names them. */
const WRITES = ['insertDocument', 'updateDocument', 'modifyDocument', 'modifyAndReturnDoc', 'removeDocument', 'startTransaction', 'commitTransaction'];
const api = async (openid: string, action: string, payload: unknown = {}) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field below
  const res = (await callFunction({ name: 'api', openid, data: { action, payload }, timeoutMs: 20_000 })) as { result: { ok: boolean; data: any } };
  return res.result;
};
const anchorDir = () => mkdtempSync(join(tmpdir(), 'demo-anchor-'));
const quiet = () => undefined;

describe('the demo seed', () => {
  it('when the demo is seeded, then both tenants exist with their named users bound and a campaign under way', async () => {
    // Act
    await seed({ callFunction, log: quiet });
    // Assert
    const district = await api('o-demo-s1', 'me');
    expect(district.data).toMatchObject({ bound: true, tenant: { id: 'demo-district' }, person: { name: '吴敏' } });
    expect(district.data.campaigns).toHaveLength(1);
    const national = await api('o-demo3-a1', 'me');
    expect(national.data).toMatchObject({ tenant: { id: 'demo-national' }, person: { name: '王局长' } });
    const tree = await api('o-demo-admin', 'org.tree');
    expect(tree.data.orgs).toHaveLength(7);
    const commitments = await api('o-demo-s1', 'commitment.list', { campaignId: district.data.campaigns[0].id, orgId: district.data.org.id });
    expect(commitments.data.commitments.length).toBeGreaterThanOrEqual(1);
    // Mid-way: a published session (the district also a 谈话点评 three days ago, to compile into one 通报), a
    // rectification in progress, gaps still open — in both tenants.
    const notices: Record<string, string[]> = { 'o-demo-s3': ['谈话点评情况通报', '领导点评情况通报'], 'o-demo3-e3': ['领导点评情况通报'] };
    for (const [member, secretary] of [['o-demo-s3', 'o-demo-g1'], ['o-demo3-e3', 'o-demo3-a1']]) {
      const me = (await api(member, 'me')).data;
      const published = (await api(member, 'publication.list', {})).data.publications;
      expect(published.map((p: { title: string }) => p.title)).toEqual(notices[member]);
      const home = (await api(member, 'home')).data;
      expect(home.rectificationsToDo).toHaveLength(1);
      expect(home.rectificationsToDo[0]).toMatchObject({ status: 'PLANNED' });
      const top = (await api(secretary, 'me')).data.roles.secretaryOf[0];
      const progress = (await api(secretary, 'progress.get', { campaignId: me.campaigns[0].id, orgId: top.id })).data;
      const root = progress.rows[0];
      expect(root.completed.members).toBeGreaterThan(0);
      expect(root.completed.members).toBeLessThan(root.required.members);
      const gaps = (await api(secretary, 'progress.gaps', { campaignId: me.campaigns[0].id, orgId: top.id })).data;
      expect(gaps.notReviewed.length).toBeGreaterThan(0);
    }
    // The write names below are the ones the counter really records.
    expect(local.counter.snapshot().byAction).toMatchObject({ insertDocument: expect.any(Number), commitTransaction: expect.any(Number) });
  });

  it('when the demo is seeded a second time, even days later, then nothing is written', async () => {
    // Arrange
    local.clock.advance('5d');
    requestCounter.reset();
    // Act
    await seed({ callFunction, log: quiet });
    // Assert
    const { byAction } = requestCounter.snapshot();
    const writes = Object.entries(byAction).filter(([action]) => WRITES.includes(action));
    expect(writes).toEqual([]);
    expect(Object.keys(byAction).length).toBeGreaterThan(0);
  });

  // Eight months on, the first days of a quarter, the last day of a year, and a leap day.
  it.each(['2027-08-02T09:00+08:00', '2027-01-03T08:00+08:00', '2026-12-31T20:00+08:00', '2028-02-29T12:00+08:00'])(
    'when the demo is laid out at %s, then every demo role has work on its home screen and nothing is overdue',
    async (now) => {
      // Arrange
      local.reset();
      local.clock.set(now);
      const today = timeline(new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10)).anchor;

      // Act
      await seed({ callFunction, log: quiet, dataDir: anchorDir() });

      // Assert
      for (const plan of PLANS) {
        for (const openid of [plan.admin, ...plan.users.map((u) => u.openid)]) {
          const home = (await api(openid, 'home')).data;
          const work = [
            ...home.reviewsToWrite.inSessions,
            ...home.reviewsToWrite.planned,
            ...home.reportsToGive,
            ...home.opinionsToGive,
            ...home.rectificationsToDo,
            ...home.rectificationsToConfirm,
            ...home.claimsToApprove,
          ];
          if (openid !== plan.admin) expect({ openid, work: work.length > 0 }).toEqual({ openid, work: true });
          expect(home.campaigns).toHaveLength(1);
          for (const r of home.rectificationsToDo) expect({ openid, status: r.status, overdue: r.deadline < today }).toEqual({ openid, status: 'PLANNED', overdue: false });
          for (const p of home.reviewsToWrite.planned) expect({ openid, due: p.dueDate >= today }).toEqual({ openid, due: true });
          for (const r of home.reportsToGive) expect({ openid, open: (r.reportDeadline ?? r.date) >= today }).toEqual({ openid, open: true });
        }
      }
    },
  );
});
