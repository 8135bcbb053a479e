import * as path from 'node:path';
import simulate from 'miniprogram-simulate';
import { MP_ROOT, settle, textOf } from '../../../__test__/pages';
import { reviewHints } from '../../../core/domain/review-quality';

const id = simulate.load(path.join(MP_ROOT, 'components/review-hints/review-hints'), { compiler: 'official', rootPath: MP_ROOT });

/** Renders the component with these properties, attached as a page would. */
function render(props: Record<string, unknown>) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

describe('review-hints', () => {
  test('when there are no hints, then nothing is shown', () => {
    // Arrange / Act
    const comp = render({ hints: [] });
    // Assert
    expect(comp.querySelector('#review-hints')).toBeFalsy();
    expect(textOf(comp).trim()).toBe('');
  });

  test('when the core finds praise dressed as criticism and stock phrases, then each hint shows its message under a quiet title', async () => {
    // Arrange
    const hints = reviewHints({
      review: { targetName: '李娜', aspects: [], achievements: '', problems: '工作太拼，不注意休息。', direction: '进一步加强学习，提高自身素质。', requirement: '继续保持' },
      others: [],
      commitments: [],
    });
    // Act
    const comp = render({ hints });
    await settle();
    // Assert
    expect(hints.map((h) => h.code)).toEqual(['GENERIC', 'PRAISE_AS_PROBLEM']);
    expect(textOf(comp)).toContain('仅供参考，不影响提交');
    expect(comp.querySelector('#hint-GENERIC-0')).toBeTruthy();
    expect(textOf(comp)).toContain('“工作太拼”“不注意休息”其实是表扬');
  });

  test('when the hints change, then the shown messages follow', async () => {
    // Arrange
    const comp = render({ hints: [{ code: 'NO_COMMITMENT', message: '点评没有提到对方的公开承诺', section: null, otherTarget: null }] });
    // Act
    comp.setData({ hints: [] });
    await settle();
    // Assert
    expect(comp.querySelector('#review-hints')).toBeFalsy();
  });
});
