import type { TargetRef } from '../contracts/review';
import { givenOnEveryTarget, opinionDeadlineOf, opinionSubjectsFor, opinionTargetsFor, type OpinionSession } from './opinion-givers';

const member = (personId: string, orgId: string): TargetRef => ({ kind: 'MEMBER', orgId, personId, name: personId });
const org = (orgId: string): TargetRef => ({ kind: 'ORG', orgId, personId: null, name: orgId });
const session: OpinionSession = {
  reviewerId: 'sec',
  organiserId: 'office',
  opinionOrgIds: ['b1', 'up'],
  targets: [member('p1', 'b1'), member('p2', 'b1'), org('b1')],
  date: '2026-12-20',
  opinionDeadline: null,
};

describe('who is asked for opinions', () => {
  it('when a member of an opinion org is a target, then they are asked about every other target', () => {
    expect(opinionTargetsFor(session, { personId: 'p1', orgId: 'b1', secretaryOf: [] }).map((t) => t.personId ?? t.orgId)).toEqual(['p2', 'b1']);
  });

  it('when the secretary of a target org is asked, then not about their own org', () => {
    expect(opinionTargetsFor(session, { personId: 'p3', orgId: 'b1', secretaryOf: ['b1'] }).map((t) => t.personId ?? t.orgId)).toEqual(['p1', 'p2']);
  });

  it('when the person is the reviewer, the organiser, outside the opinion orgs or not on the roster, then they are not asked', () => {
    expect(opinionTargetsFor(session, { personId: 'sec', orgId: 'up', secretaryOf: ['up'] })).toEqual([]);
    expect(opinionTargetsFor(session, { personId: 'office', orgId: 'up', secretaryOf: [] })).toEqual([]);
    expect(opinionTargetsFor(session, { personId: 'p9', orgId: 'b2', secretaryOf: [] })).toEqual([]);
    expect(opinionTargetsFor(session, { personId: null, orgId: null, secretaryOf: [] })).toEqual([]);
  });

  it('when a session has no opinion deadline, then opinions close with the session day', () => {
    expect(opinionDeadlineOf(session)).toBe('2026-12-20');
    expect(opinionDeadlineOf({ ...session, opinionDeadline: '2026-12-18' })).toBe('2026-12-18');
  });
});

describe('whether a giver has given on every target', () => {
  // Per target: the named slot id and the anonymous one.
  const slots = [
    ['n1', 'a1'],
    ['n2', 'a2'],
  ];

  it('when one slot per target is taken, named or anonymous, then the giver has given on every target', () => {
    expect(givenOnEveryTarget(slots, new Set(['n1', 'a2']))).toBe(true);
    expect(givenOnEveryTarget(slots, new Set(['a1', 'a2']))).toBe(true);
  });

  it('when some target has no taken slot, then the giver has not', () => {
    expect(givenOnEveryTarget(slots, new Set(['n1', 'a1']))).toBe(false);
    expect(givenOnEveryTarget(slots, new Set(['other']))).toBe(false);
  });
});

describe('opinionSubjectsFor', () => {
  test('when a person is a target under two duties, then they are one subject holding both targets', () => {
    // Arrange
    const session = {
      reviewerId: 'r', organiserId: 'r', opinionOrgIds: ['o1'], date: '2026-11-28', opinionDeadline: null,
      targets: [
        { kind: 'MEMBER' as const, orgId: 'o1', personId: 'p2', name: '孙丽' },
        { kind: 'COMMITTEE_MEMBER' as const, orgId: 'o1', personId: 'p2', name: '孙丽' },
        { kind: 'MEMBER' as const, orgId: 'o1', personId: 'p3', name: '李娜' },
      ],
    };

    // Act
    const subjects = opinionSubjectsFor(session, { personId: 'p4', orgId: 'o1', secretaryOf: [] });

    // Assert
    expect(subjects.map((s) => s.map((t) => t.kind))).toEqual([['MEMBER', 'COMMITTEE_MEMBER'], ['MEMBER']]);
  });
});
