/** Properties of the review-quality hints (fast-check). */
import fc from 'fast-check';
import { fingerprintOf, reviewHints, signature, similarity, type ReviewText } from './review-quality';

// Texts from a small alphabet of Han characters, punctuation and digits, so that overlaps happen.
const hanText = fc.array(fc.constantFrom(...'学生老师作业课堂批改家长辅导足球维修食堂，。；、1234'.split('')), { minLength: 0, maxLength: 80 }).map((cs) => cs.join(''));
const reviewArb = fc.record({
  targetName: fc.constantFrom('张三', '李四', '王五'),
  aspects: fc.array(fc.record({ key: fc.constantFrom('roleModel', 'service'), text: hanText }), { maxLength: 2 }),
  achievements: hanText,
  problems: hanText,
  direction: hanText,
  requirement: hanText,
}) as fc.Arbitrary<ReviewText>;

describe('review-quality properties', () => {
  it('when two signatures are compared either way, then the similarity is the same and within [0, 1]', () => {
    fc.assert(
      fc.property(hanText, hanText, (a, b) => {
        const [sa, sb] = [signature(a), signature(b)];
        const s = similarity(sa, sb);
        expect(s).toBe(similarity(sb, sa));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('when a review is compared with its own fingerprint under another name this cycle, then a copy hint names that person, unless every part is too short to compare', () => {
    fc.assert(
      fc.property(reviewArb, (review) => {
        const fingerprint = fingerprintOf(review);
        const hints = reviewHints({ review, others: [{ targetName: '赵六', cycle: 'THIS', fingerprint }], commitments: [] });
        const comparable = Object.values(fingerprint).some((s) => s !== '');
        expect(hints.some((h) => h.code === 'COPIED_OTHER' && h.otherTarget === '赵六')).toBe(comparable);
      }),
    );
  });

  it('when a commitment\'s own words are written into the achievements, then NO_COMMITMENT does not fire', () => {
    fc.assert(
      fc.property(reviewArb, fc.constantFrom('组建校足球队，参加区中小学生足球联赛', '每周检查一次食堂食品安全并公示结果', '为五十岁以上教师开设四次信息技术培训'), (review, content) => {
        const hints = reviewHints({ review: { ...review, achievements: `${review.achievements}${content}` }, others: [], commitments: [{ content, fulfilmentNotes: '' }] });
        expect(hints.map((h) => h.code)).not.toContain('NO_COMMITMENT');
      }),
    );
  });

  it('when any text is checked, then every hint has a Chinese message and is never a refusal (no throw)', () => {
    fc.assert(
      fc.property(reviewArb, fc.array(fc.record({ content: hanText, fulfilmentNotes: hanText }), { maxLength: 3 }), (review, commitments) => {
        for (const h of reviewHints({ review, others: [], commitments })) expect(h.message).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });
});
