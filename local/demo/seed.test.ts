import { useLocalCloud, requestCounter } from '../src/testing';
import { callFunction, registerFunction, type CloudMain } from '../src/services';

const local = useLocalCloud();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../../cloudfunctions/api/src/index') as { main: CloudMain };
registerFunction('api', main);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seed } = require('./seed') as typeof import('./seed');

/** Every database action that writes, as the local cloud's counter names them. */
const WRITES = ['insertDocument', 'updateDocument', 'modifyDocument', 'modifyAndReturnDoc', 'removeDocument', 'startTransaction', 'commitTransaction'];
const api = async (openid: string, action: string, payload: unknown = {}) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field below
  const res = (await callFunction({ name: 'api', openid, data: { action, payload }, timeoutMs: 20_000 })) as { result: { ok: boolean; data: any } };
  return res.result;
};

describe('the demo seed', () => {
  it('when the demo is seeded, then both tenants exist with their named users bound and a campaign under way', async () => {
    // Act
    await seed({ callFunction, log: () => undefined });
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
    // Mid-way: one published session, a rectification in progress, gaps still open — in both tenants.
    for (const [member, secretary] of [['o-demo-s3', 'o-demo-g1'], ['o-demo3-e3', 'o-demo3-a1']]) {
      const me = (await api(member, 'me')).data;
      const published = (await api(member, 'publication.list', {})).data.publications;
      expect(published).toHaveLength(1);
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

  it('when the demo is seeded a second time, then nothing is written', async () => {
    // Arrange
    requestCounter.reset();
    // Act
    await seed({ callFunction, log: () => undefined });
    // Assert
    const { byAction } = requestCounter.snapshot();
    const writes = Object.entries(byAction).filter(([action]) => WRITES.includes(action));
    expect(writes).toEqual([]);
    expect(Object.keys(byAction).length).toBeGreaterThan(0);
  });
});
