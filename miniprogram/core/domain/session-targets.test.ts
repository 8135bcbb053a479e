import { stillToStart, type HeldReview, type OwedKey } from './session-targets';

const owed = (targetId: string, extra: Partial<OwedKey> = {}): OwedKey => ({ campaignId: 'c1', reviewerId: 'p1', cycleKey: '2026-Q4', targetKind: 'MEMBER', targetId, ...extra });
const held = (targetKey: string, extra: Partial<HeldReview> = {}): HeldReview => ({ campaignId: 'c1', reviewerId: 'p1', cycleKey: '2026-Q4', target: { kind: 'MEMBER' }, targetKey, ...extra });

describe('本期应点评而未点评的 (stillToStart)', () => {
  test('when a review of the same reviewer, cycle and target exists, then that owed review is left out', () => {
    // Act
    const left = stillToStart([owed('a'), owed('b')], [held('a')], (x) => x);

    // Assert
    expect(left.map((x) => x.targetId)).toEqual(['b']);
  });

  test('when the review is by another reviewer, in another cycle or campaign, or of another duty, then the owed review stays', () => {
    // Arrange
    const reviews = [held('a', { reviewerId: 'p2' }), held('a', { cycleKey: '2026-Q3' }), held('a', { campaignId: 'c2' }), held('a', { target: { kind: 'COMMITTEE_MEMBER' } })];

    // Act
    const left = stillToStart([owed('a')], reviews, (x) => x);

    // Assert
    expect(left).toHaveLength(1);
  });
});
