import { liaisonRefusal, postsByPerson } from './posts';

const branch = { id: 'xx1', name: '实验小学党支部', secretaryId: 's1' };
const leader = (orgId: string, left = false) => ({ id: 'p', name: '王芳', orgId, left });

describe('liaisonRefusal', () => {
  it('when a leader registered elsewhere takes the branch, then it is allowed', () => {
    expect(liaisonRefusal(leader('gw'), branch, [])).toBeNull();
  });

  it('when a 支委 of the branch takes the branch they are registered in, then it is refused in words naming both', () => {
    expect(liaisonRefusal(leader('xx1'), branch, ['xx1'])).toEqual({ code: 'INPUT.INVALID', message: '王芳登记在“实验小学党支部”，且未在其他党组织任书记或班子成员，不能把本人所在的党组织作为联系点' });
  });

  it('when a leader of another org is registered in the branch, then they may look in on it', () => {
    expect(liaisonRefusal(leader('xx1'), branch, ['xx1', 'gw'])).toBeNull();
  });

  it('when the branch secretary takes their own branch, then it is refused as reviewing themself', () => {
    expect(liaisonRefusal({ ...leader('gw'), id: 's1' }, branch, ['xx1'])).toMatchObject({ code: 'REVIEW.SELF' });
  });

  it('when the leader has left, then their recorded point is not judged', () => {
    expect(liaisonRefusal(leader('xx1', true), branch, [])).toBeNull();
  });
});

describe('postsByPerson', () => {
  it('when orgs name secretaries and committees, then each person gets the active orgs they hold a post in, once each', () => {
    const posts = postsByPerson([
      { org: { id: 'a', retired: false, secretaryId: 'x', committeeMemberIds: ['x', 'y'] } },
      { org: { id: 'b', retired: true, secretaryId: 'y', committeeMemberIds: [] } },
    ]);
    expect(Object.fromEntries(posts)).toEqual({ x: ['a'], y: ['a'] });
  });
});
