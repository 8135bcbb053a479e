import * as path from 'node:path';
import simulate from 'miniprogram-simulate';
import { MP_ROOT, settle, textOf } from '../../../__test__/pages';
import { keepParts } from '../../../services/format';

const id = simulate.load(path.join(MP_ROOT, 'components/keep-text/keep-text'), { compiler: 'official', rootPath: MP_ROOT });

/** Renders the component with this text, attached as a page would. */
function render(text: string) {
  const comp = simulate.render(id, { text });
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

describe('keep-text', () => {
  test('when a line holds dates and amounts, then each is one kept token and the words around them are not', () => {
    // Arrange / Act
    const parts = keepParts('点评日期 2026年11月27日，截止 11月26日 18:00，已兑现 0 项，平均进度 55%');
    // Assert
    expect(parts.filter((p) => p.keep).map((p) => p.text)).toEqual(['2026年11月27日', '11月26日', '18:00', '0 项', '55%']);
    expect(parts.map((p) => p.text).join('')).toBe('点评日期 2026年11月27日，截止 11月26日 18:00，已兑现 0 项，平均进度 55%');
    expect(parts[0]).toEqual({ text: '点评日期 ', keep: false });
  });

  test('when a line has no number, then it is one part shown as it is; an empty line has none', () => {
    expect(keepParts('还没有点评')).toEqual([{ text: '还没有点评', keep: false }]);
    expect(keepParts('')).toEqual([]);
    expect(keepParts(undefined)).toEqual([]);
  });

  test('when shown, then the whole text reads as given and each date is drawn in one nowrap piece', async () => {
    // Arrange / Act
    const comp = render('吴敏组织的点评，截止 2026年11月26日，可匿名');
    await settle();
    // Assert
    expect(textOf(comp)).toBe('吴敏组织的点评，截止 2026年11月26日，可匿名');
    const kept = comp.querySelectorAll('.keep').map((n) => textOf(n));
    expect(kept).toEqual(['2026年11月26日']);
  });

  test('when the text changes, then the parts follow it', async () => {
    // Arrange
    const comp = render('截止 2026年11月26日');
    await settle();
    // Act
    comp.setData({ text: '已收到 2 条，满 3 人后显示' });
    await settle();
    // Assert
    expect(textOf(comp)).toBe('已收到 2 条，满 3 人后显示');
    expect(comp.querySelectorAll('.keep').map((n) => textOf(n))).toEqual(['2 条', '3 人']);
  });
});
