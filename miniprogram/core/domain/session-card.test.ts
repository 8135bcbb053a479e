import { CARD_DEFAULT_LIFETIME_MS, CARD_SHARE_MARGIN_MS, cardAlive, cardExpiry, cardProgress, cardPublished, cardShareRefusal, cardShareable, cardUpdateFor, reportsGiven, supportsUpdatableCard, type SessionCard } from './session-card';

const NOW = Date.parse('2026-11-21T10:00:00+08:00');
const card = (over: Partial<SessionCard> = {}): SessionCard => ({ activityId: 'a1', createdAt: NOW, expiresAt: NOW + CARD_DEFAULT_LIFETIME_MS, state: 0, ...over });
const facts = { published: false, given: 3, due: 8, sessionPath: '/pages/session/detail/detail?id=s1' };

describe('cardUpdateFor', () => {
  it('when a live card is in state 0 and reports come in, then state 0 carries reports given of reports due', () => {
    // Act
    const update = cardUpdateFor(card(), facts, NOW + 1000);

    // Assert
    expect(update).toEqual({ targetState: 0, parameterList: [{ name: 'member_count', value: '3' }, { name: 'room_limit', value: '8' }] });
  });

  it('when the notice is published, then the update is state 1 with the session page and the release version', () => {
    // Act
    const update = cardUpdateFor(card(), { ...facts, published: true }, NOW);

    // Assert
    expect(update).toEqual(cardPublished(facts.sessionPath));
    expect(update?.parameterList).toEqual([{ name: 'path', value: facts.sessionPath }, { name: 'version_type', value: 'release' }]);
  });

  it('when there is no card, the card has ended, or it is already final, then nothing is sent', () => {
    // Act
    const outcomes = [cardUpdateFor(undefined, facts, NOW), cardUpdateFor(card(), facts, NOW + CARD_DEFAULT_LIFETIME_MS), cardUpdateFor(card({ state: 1 }), facts, NOW)];

    // Assert
    expect(outcomes).toEqual([null, null, null]);
  });
});

describe('cardProgress', () => {
  it('when more reports than targets are counted or none are due, then the numbers stay within what state 0 can show', () => {
    // Act
    const over = cardProgress(5, 3).parameterList.map((p) => p.value);
    const empty = cardProgress(0, 0).parameterList.map((p) => p.value);

    // Assert
    expect(over).toEqual(['3', '3']);
    expect(empty).toEqual(['0', '1']);
  });
});

describe('cardShareable and cardAlive', () => {
  it('when a card is about to end, then it is still alive for updates but not handed out for a new share', () => {
    // Arrange
    const at = NOW + CARD_DEFAULT_LIFETIME_MS - CARD_SHARE_MARGIN_MS + 1;

    // Act + Assert
    expect(cardAlive(card(), at)).toBe(true);
    expect(cardShareable(card(), at)).toBe(false);
    expect(cardShareable(card(), NOW)).toBe(true);
    expect(cardShareable(card({ state: 1 }), NOW)).toBe(false);
  });
});

describe('cardExpiry', () => {
  it('when WeChat gives the expiry in seconds, in milliseconds, or not at all, then it is read as an instant', () => {
    // Act + Assert
    expect(cardExpiry(Math.floor((NOW + 3600_000) / 1000), NOW)).toBe(NOW + 3600_000);
    expect(cardExpiry(NOW + 3600_000, NOW)).toBe(NOW + 3600_000);
    expect(cardExpiry(undefined, NOW)).toBe(NOW + CARD_DEFAULT_LIFETIME_MS);
  });
});

describe('reportsGiven', () => {
  it('when drafts and reports of people outside the session are among the reports, then only submitted reports of targets count', () => {
    // Act
    const given = reportsGiven(['MEMBER:p1', 'MEMBER:p2', 'ORG:o1'], [
      { status: 'SUBMITTED', key: 'MEMBER:p1' },
      { status: 'DRAFT', key: 'MEMBER:p2' },
      { status: 'SUBMITTED', key: 'MEMBER:p9' },
      { status: 'SUBMITTED', key: 'ORG:o1' },
    ]);

    // Assert
    expect(given).toBe(2);
  });
});

describe('supportsUpdatableCard', () => {
  it('when the base library is 2.4.0 or later, then updatable cards are shared; before it, or unknown, the plain card', () => {
    // Act + Assert
    expect(['3.6.0', '2.4.0', '2.10.4', '2.4'].map(supportsUpdatableCard)).toEqual([true, true, true, true]);
    expect(['2.3.9', '1.9.0', '', null, undefined].map(supportsUpdatableCard)).toEqual([false, false, false, false, false]);
  });
});

describe('cardShareRefusal', () => {
  it('when the reviewer or organiser asks before publication, then they may share; anyone else, or after publication, is refused', () => {
    // Arrange
    const open = { reviewerId: 'p-rev', organiserId: 'p-org' };
    const published = { ...open, publishedAt: 1 };

    // Act / Assert
    expect(cardShareRefusal(open, 'p-rev')).toBeNull();
    expect(cardShareRefusal(open, 'p-org')).toBeNull();
    expect(cardShareRefusal(open, 'p-member')?.code).toBe('AUTH.FORBIDDEN');
    expect(cardShareRefusal(published, 'p-rev')?.code).toBe('STATE.ILLEGAL_TRANSITION');
  });
});
