import { COMMITMENTS, CORPUS, POOL, LAST, othersOf, reviewText, scoreCorpus, type CorpusCase } from './fixtures/review-corpus';
import { STOCK_PROBLEMS } from './review-phrases';
import {
  COPY_THRESHOLD,
  HINT_CODES,
  fingerprintOf,
  hintKinds,
  isGeneric,
  mentionsCommitment,
  normalise,
  praiseClauses,
  reviewHints,
  signature,
  similarity,
  type QualityInput,
  type ReviewText,
} from './review-quality';

const inputOf = (c: CorpusCase): QualityInput => ({
  review: reviewText(c.review),
  others: othersOf(c).map((o) => ({ targetName: o.review.targetName, cycle: o.cycle, fingerprint: fingerprintOf(reviewText(o.review)) })),
  commitments: c.commitments,
});
const caseOf = (id: string) => CORPUS.find((c) => c.id === id)!;
const blank: ReviewText = { targetName: '王芳', aspects: [], achievements: '', problems: '', direction: '', requirement: '' };

describe('reviewHints on the corpus', () => {
  it('when every labelled review is checked, then each hint kind reaches 0.8 precision and fires on at least one case', () => {
    // Arrange
    const hintsOf = (c: CorpusCase) => hintKinds(reviewHints(inputOf(c)));
    // Act
    const scores = scoreCorpus(hintsOf, HINT_CODES);
    // Assert
    for (const s of scores) {
      expect({ code: s.code, precisionAtLeast80: s.precision >= 0.8 }).toEqual({ code: s.code, precisionAtLeast80: true });
      expect(s.truePositives).toBeGreaterThan(0);
    }
  });

  it('when a whole review is copied to another member with the name changed, then the hint names the member it was written for', () => {
    // Arrange
    const c = caseOf('copy-whole-renamed');
    // Act
    const hints = reviewHints(inputOf(c)).filter((h) => h.code === 'COPIED_OTHER');
    // Assert
    expect(hints.map((h) => h.otherTarget)).toEqual(['张丽华']);
    expect(hints[0].message).toContain('张丽华');
    expect(hints[0].message).toContain('几乎相同');
  });

  it('when last quarter\'s problems are reused for the same member, then COPIED_LAST names the member and asks what changed', () => {
    // Arrange
    const c = caseOf('last-quarter-problems-reused');
    // Act
    const hint = reviewHints(inputOf(c)).find((h) => h.code === 'COPIED_LAST');
    // Assert
    expect(hint).toMatchObject({ otherTarget: '刘志强', section: 'problems' });
    expect(hint!.message).toContain('上一周期');
  });

  it('when a specific review of the pool is checked against the others, then it gets no hint', () => {
    // Arrange
    const c = caseOf('specific-张丽华');
    // Act
    const hints = reviewHints(inputOf(c));
    // Assert
    expect(hints).toEqual([]);
  });
});

describe('similarity', () => {
  it('when the same text is fingerprinted twice, then the signatures are equal and similarity is 1', () => {
    // Arrange
    const text = POOL[0].problems;
    // Act
    const a = signature(text);
    const b = signature(text);
    // Assert
    expect(a).toHaveLength(256);
    expect(similarity(a, b)).toBe(1);
  });

  it('when a text is shorter than the compared minimum, then it has no signature and resembles nothing', () => {
    // Arrange
    const short = '继续保持，再接再厉。';
    // Act
    const sig = signature(short);
    // Assert
    expect(sig).toBe('');
    expect(similarity(sig, sig)).toBe(0);
  });

  it('when two different members\' specific problems are compared, then they are far below the copy threshold', () => {
    // Arrange
    const [a, b] = [signature(POOL[0].problems), signature(POOL[1].problems)];
    // Act
    const s = similarity(a, b);
    // Assert
    expect(s).toBeLessThan(COPY_THRESHOLD / 2);
  });

  it('when the target\'s own name is in the text, then it is left out of the comparison', () => {
    // Arrange
    const text = '张丽华同志作文批改周期偏长，有的作文两周后才发回。';
    // Act
    const n = normalise(text, '张丽华');
    // Assert
    expect(n).toBe('同志作文批改周期偏长有的作文两周后才发回');
  });
});

describe('isGeneric', () => {
  it('when problems are only stock phrases, then they are generic', () => {
    // Arrange
    const text = '理论学习不够深入，工作作风有待改进，创新意识不强。';
    // Act
    const generic = isGeneric(text, STOCK_PROBLEMS);
    // Assert
    expect(generic).toBe(true);
  });

  it('when a stock phrase is followed by what happened and figures, then the text is not generic', () => {
    // Arrange
    const text = '创新意识不强，今年的课后服务仍沿用去年的方案，参加的学生从四十人降到二十五人。';
    // Act
    const generic = isGeneric(text, STOCK_PROBLEMS);
    // Assert
    expect(generic).toBe(false);
  });

  it('when the text is empty, then it is not called generic (completeness is checked elsewhere)', () => {
    expect(isGeneric('', STOCK_PROBLEMS)).toBe(false);
  });

  it('when the generic hint fires on problems, then its message says what would make it specific', () => {
    // Arrange
    const input: QualityInput = { review: { ...blank, problems: '工作方法有待改进。', direction: '每周二下午走访两户独居老人并记录需求。' }, others: [], commitments: [] };
    // Act
    const hints = reviewHints(input);
    // Assert
    expect(hints.map((h) => [h.code, h.section])).toEqual([['GENERIC', 'problems']]);
    expect(hints[0].message).toMatch(/具体/);
  });
});

describe('praiseClauses', () => {
  it('when problems say "工作太拼，不注意休息", then both clauses are praise', () => {
    expect(praiseClauses('工作太拼，不注意休息。')).toEqual(['工作太拼', '不注意休息']);
  });

  it('when high demands land on others with a consequence, then it is real criticism', () => {
    expect(praiseClauses('对年轻教师要求过高，布置任务方式简单，有两位新教师反映压力很大。')).toEqual([]);
  });

  it('when a praise clause is turned by "但", then the sentence is not praise', () => {
    expect(praiseClauses('经常加班，但工作效率不高，作业批改常拖到第二天。')).toEqual([]);
  });

  it('when a real problem and a praise sentence are mixed, then only the praise is quoted in the hint', () => {
    // Arrange
    const input: QualityInput = { review: { ...blank, problems: '作业设计没有分层，基础差的学生做不完；另外工作太投入，不注意身体。', direction: '下月起每个单元的作业分基础题和提高题两档。' }, others: [], commitments: [] };
    // Act
    const hint = reviewHints(input).find((h) => h.code === 'PRAISE_AS_PROBLEM');
    // Assert
    expect(hint?.message).toContain('工作太投入');
    expect(hint?.message).not.toContain('分层');
  });
});

describe('mentionsCommitment', () => {
  it('when the review paraphrases the commitment, then it is mentioned', () => {
    expect(mentionsCommitment('牵头成立了学校足球队，带队参加区联赛获第四名。', COMMITMENTS['刘志强'])).toBe(true);
  });

  it('when the review shares one word by chance, then the commitment is not mentioned', () => {
    expect(mentionsCommitment('多媒体设备维修及时，开学前更换了二十套课桌椅。', COMMITMENTS['李建国'])).toBe(false);
  });

  it('when the target made no commitment, then NO_COMMITMENT never fires', () => {
    // Arrange
    const input: QualityInput = { review: { ...blank, problems: '课后作业全是抄写，缺少听说练习。', direction: '每周布置一次朗读录音作业。' }, others: [], commitments: [] };
    // Act
    const codes = hintKinds(reviewHints(input));
    // Assert
    expect(codes).not.toContain('NO_COMMITMENT');
  });

  it('when the review says only that commitments were kept, then the hint quotes a commitment to write about', () => {
    // Arrange
    const c = caseOf('commitment-blanket');
    // Act
    const hint = reviewHints(inputOf(c)).find((h) => h.code === 'NO_COMMITMENT');
    // Assert
    expect(hint?.message).toContain('每学期公开一次学校收支明细');
  });
});

describe('hintKinds', () => {
  it('when two copies and a generic hint are given, then each kind is listed once in HINT_CODES order', () => {
    // Arrange
    const c = caseOf('copy-generic-to-generic');
    const input = inputOf(c);
    const twice: QualityInput = { ...input, others: [...input.others, { ...input.others[input.others.length - 1], targetName: '另一人' }] };
    // Act
    const hints = reviewHints(twice);
    const kinds = hintKinds(hints);
    // Assert
    expect(hints.filter((h) => h.code === 'COPIED_OTHER').length).toBeGreaterThanOrEqual(2);
    expect(kinds).toEqual(['COPIED_OTHER', 'GENERIC']);
  });

  it('when the last quarter review is given as THIS cycle, then the hint is COPIED_OTHER, not COPIED_LAST', () => {
    // Arrange
    const review = reviewText(LAST['刘志强']);
    const input: QualityInput = { review, others: [{ targetName: '刘志强', cycle: 'THIS', fingerprint: fingerprintOf(review) }], commitments: [] };
    // Act
    const kinds = hintKinds(reviewHints(input));
    // Assert
    expect(kinds).toContain('COPIED_OTHER');
    expect(kinds).not.toContain('COPIED_LAST');
  });
});
