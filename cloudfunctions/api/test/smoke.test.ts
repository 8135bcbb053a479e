import { apiHarness, buildDistrict } from './harness';

const h = apiHarness();

describe('api on the local cloud', () => {
  it('when the seed-000 tenant is built through the API, then a bound member sees their org and roles', async () => {
    const d = await buildDistrict(h);
    const me = await h.ok(d.users.branchSecretary, 'me');
    expect(me.person.name).toBe('吴敏');
    expect(me.org.name).toBe('新北区实验小学党支部');
    expect(me.roles.secretaryOf.map((o: { name: string }) => o.name)).toEqual(['新北区实验小学党支部']);
    expect(me.campaigns).toHaveLength(1);
  });
});
