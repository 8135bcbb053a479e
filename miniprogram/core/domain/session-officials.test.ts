import { isSessionOfficial, managesSessionOpinions, maySeeSession, nudgeRefusal, officialRefusal, runsSession, steersSession, type SeenSession, type SessionViewer } from './session-officials';

const session: SeenSession = {
  reviewerId: 'p_reviewer',
  organiserId: 'p_organiser',
  orgId: 'org_branch',
  targets: [
    { personId: 'p_member', orgId: 'org_branch' },
    { personId: null, orgId: 'org_group' },
  ],
  opinionOrgIds: ['org_branch'],
};
const nobody: SessionViewer = { id: 'p_other', admin: false, upper: false, personId: 'p_other', orgId: 'org_elsewhere', secretaryOf: [], liaisonOf: [] };
const as = (over: Partial<SessionViewer>): SessionViewer => ({ ...nobody, ...over });

describe('runsSession', () => {
  it('when the id is the reviewer or the organiser, then they run it; anyone else, or no id, does not', () => {
    // Act
    const answers = ['p_reviewer', 'p_organiser', 'p_other', null].map((id) => runsSession(session, id));

    // Assert
    expect(answers).toEqual([true, true, false, false]);
  });

  it('when the reviewer is the outside reviewer (null), then a caller without a person id does not run it by matching null', () => {
    // Act
    const runs = runsSession({ reviewerId: null, organiserId: 'admin:o1' }, null);

    // Assert
    expect(runs).toBe(false);
  });

  it('when an admin off the roster organised it, then their recorded id runs it', () => {
    // Act
    const runs = runsSession({ reviewerId: null, organiserId: 'admin:o1' }, 'admin:o1');

    // Assert
    expect(runs).toBe(true);
  });
});

describe('isSessionOfficial and officialRefusal', () => {
  it('when the asker runs it, is the office or a secretary above, then they are an official and are not refused', () => {
    // Arrange
    const officials = [as({ id: 'p_reviewer' }), as({ id: 'p_organiser' }), as({ admin: true }), as({ upper: true })];

    // Act
    const answers = officials.map((a) => [isSessionOfficial(session, a), officialRefusal(session, a)]);

    // Assert
    expect(answers).toEqual(officials.map(() => [true, null]));
  });

  it('when the asker is a target or the secretary of the session org, then they are no official and the refusal says who may', () => {
    // Arrange
    const askers = [as({ id: 'p_member', personId: 'p_member' }), as({ secretaryOf: ['org_branch'] })];

    // Act
    const answers = askers.map((a) => officialRefusal(session, a));

    // Assert
    expect(answers).toEqual(askers.map(() => ({ code: 'AUTH.FORBIDDEN', message: '只有点评人、活动组织者或上级书记可以进行此操作' })));
  });
});

describe('nudgeRefusal and steersSession', () => {
  it('when the reviewer, the organiser or the office asks, then they may nudge', () => {
    // Act
    const answers = [as({ id: 'p_reviewer' }), as({ id: 'p_organiser' }), as({ admin: true })].map((a) => nudgeRefusal(session, a));

    // Assert
    expect(answers).toEqual([null, null, null]);
  });

  it('when a secretary above asks, then they may not nudge (they oversee the session, they do not run it)', () => {
    // Act
    const refusal = nudgeRefusal(session, as({ upper: true }));
    const steers = steersSession(session, as({ upper: true }));

    // Assert
    expect(refusal).toEqual({ code: 'AUTH.FORBIDDEN', message: '只有点评人、活动组织者或管理员可以提醒未汇报的同志' });
    expect(steers).toBe(false);
  });
});

describe('managesSessionOpinions', () => {
  it('when the office, a secretary above or the organiser reads, then they read as managers; the reviewer and others do not', () => {
    // Act
    const answers = [as({ admin: true }), as({ upper: true }), as({ id: 'p_organiser' }), as({ id: 'p_reviewer' }), nobody].map((a) => managesSessionOpinions(session, a));

    // Assert
    expect(answers).toEqual([true, true, true, false, false]);
  });
});

describe('maySeeSession', () => {
  it('when the viewer is an official, answers for a target, is asked for opinions or leads the session org, then they may see it', () => {
    // Arrange
    const viewers = [
      as({ id: 'p_reviewer' }),
      as({ upper: true }),
      as({ id: 'p_member', personId: 'p_member' }),
      as({ secretaryOf: ['org_group'] }),
      as({ orgId: 'org_branch' }),
      as({ secretaryOf: ['org_branch'] }),
      as({ liaisonOf: ['org_branch'] }),
    ];

    // Act
    const answers = viewers.map((v) => maySeeSession(session, v));

    // Assert
    expect(answers).toEqual(viewers.map(() => true));
  });

  it('when the viewer has none of those ties (a liaison leader of another org, a member elsewhere), then they may not see it', () => {
    // Act
    const answers = [nobody, as({ liaisonOf: ['org_group'], orgId: 'org_group' })].map((v) => maySeeSession(session, v));

    // Assert
    expect(answers).toEqual([false, false]);
  });
});
