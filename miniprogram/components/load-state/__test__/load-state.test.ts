import * as path from 'node:path';
import simulate from 'miniprogram-simulate';
import { MP_ROOT, settle, tap, textOf } from '../../../__test__/pages';

const id = simulate.load(path.join(MP_ROOT, 'components/load-state/load-state'), { compiler: 'official', rootPath: MP_ROOT });

/** Renders the component with these properties, attached as a page would. */
function render(props: Record<string, unknown>) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

describe('load-state', () => {
  test('when a screen failed to load, then it says what went wrong and a tap on 重试 is reported once', async () => {
    // Arrange
    const comp = render({ kind: 'error', title: '点评没有加载出来', detail: '网络不给力，请检查网络后重试', action: '重试' });
    await settle();
    const events = jest.spyOn(comp.instance as { triggerEvent(name: string): void }, 'triggerEvent');
    // Act
    await tap(comp, '.act-button');
    // Assert
    expect(textOf(comp)).toContain('点评没有加载出来');
    expect(textOf(comp)).toContain('网络不给力，请检查网络后重试');
    expect(textOf(comp)).toContain('重试');
    expect(events.mock.calls.filter(([name]) => name === 'action')).toHaveLength(1);
  });

  test('when a screen is empty with no next step, then it says what will appear and shows no button', async () => {
    // Arrange / Act
    const comp = render({ kind: 'empty', title: '还没有收到点评', detail: '书记发布点评后，会出现在这里' });
    await settle();
    // Assert
    expect(textOf(comp)).toBe('还没有收到点评书记发布点评后，会出现在这里');
    expect(comp.querySelector('.act-button')).toBeFalsy();
  });
});
