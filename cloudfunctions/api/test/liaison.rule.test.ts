/**
 * Issue 19, bug 3: the liaison rule has one home (`liaisonRefusal`, domain/posts.ts), asked by
 * liaison.assign, the roster import's row check and the tree check. Through main(event) on the
 * seed-000 district: a 支委 cannot take their own branch, and a bad point stored before the rule was
 * one no longer makes every roster.import fail.
 */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectRefused } from './actions.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

const stored = (personId: string) => h.local.store.get('persons')?.docs.get(personId) as Data;

describe('bug 3: the liaison rule in one place', () => {
  it('when the office makes a 支委 the liaison leader of their own branch, then it is refused in words that name the person and the branch', async () => {
    // Arrange: s2 sits on 实验小学党支部's committee and holds no other post.
    const name = stored(d.person.s2).name as string;

    // Act
    const error = await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.admin, 'liaison.assign', { leaderId: d.person.s2, orgId: d.org.xx1 }));

    // Assert
    expect(error.message).toBe(`${name}登记在“新北区实验小学党支部”，且未在其他党组织任书记或班子成员，不能把本人所在的党组织作为联系点`);
    expect(error.issues).toEqual([{ path: ['orgId'], message: expect.stringContaining('请重新选择') }]);
  });

  it('when an imported row makes a 支委 the liaison leader of their own branch, then that row is refused with the same words', async () => {
    const reply = await h.call(d.users.admin, 'roster.import', { orgs: [], persons: [{ name: '钱支委', org: d.org.xx1, unitAndPost: '教师', isMember: true, secretaryOf: [], committeeOf: [d.org.xx1], liaisonOrgs: [d.org.xx1] }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'ORG.TREE_INVALID', issues: [{ path: ['persons', 0, 'liaisonOrgs', 0], message: '人员第1行：钱支委登记在“新北区实验小学党支部”，且未在其他党组织任书记或班子成员，不能把本人所在的党组织作为联系点' }] } });
  });

  it('when the tenant already holds such a liaison point, then a roster import still goes in and leaves the point for the office to remove', async () => {
    // Arrange: the bad point as an older liaison.assign stored it.
    stored(d.person.s2).liaisonOf = [...(stored(d.person.s2).liaisonOf as string[]), d.org.xx1];

    // Act
    const imported = await h.call(d.users.admin, 'roster.import', { orgs: [], persons: [{ name: '新党员', org: d.org.xx1, unitAndPost: '教师', isMember: true, secretaryOf: [], committeeOf: [], liaisonOrgs: [] }] });
    const removed = await h.call(d.users.admin, 'liaison.remove', { leaderId: d.person.s2, orgId: d.org.xx1 });

    // Assert
    expect(imported).toMatchObject({ ok: true, data: { persons: 1 } });
    expect(removed.ok).toBe(true);
    expect(stored(d.person.s2).liaisonOf).not.toContain(d.org.xx1);
  });
});
