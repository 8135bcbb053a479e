import simulate from 'miniprogram-simulate';
import { formsOf, pageBehavior } from '../page';
import { BIG_TEXT_KEY } from '../../services/font';

type Shown = { onShow(): Promise<unknown>; refresh(): Promise<void> };

/** A page with the behavior whose refresh counts its runs and finishes when the test lets it. */
function renderPage(): { page: ReturnType<typeof simulate.render>; inst: Shown; runs: () => number; finish: () => void } {
  let runs = 0;
  let release: () => void = () => undefined;
  const id = simulate.load({
    template: '<view style="font-size: {{fontPx}}px">{{fontPx}}</view>',
    behaviors: [pageBehavior],
    methods: {
      refresh() {
        runs += 1;
        return new Promise<void>((r) => (release = r));
      },
    },
  });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return { page, inst: page.instance as unknown as Shown, runs: () => runs, finish: () => release() };
}

beforeEach(() => wx.clearStorageSync());

describe('behaviors/page', () => {
  test('when a page is shown the first time, then its refresh does not run (onLoad has just loaded)', async () => {
    const { inst, runs } = renderPage();
    await inst.onShow();
    expect(runs()).toBe(0);
  });

  test('when a page is shown again, then its refresh runs once for each show', async () => {
    const { inst, runs, finish } = renderPage();
    await inst.onShow();
    const second = inst.onShow();
    finish();
    await second;
    const third = inst.onShow();
    finish();
    await third;
    expect(runs()).toBe(2);
  });

  test('when it is shown again while a refresh is still reading, then no second refresh starts', async () => {
    const { inst, runs, finish } = renderPage();
    await inst.onShow();
    const second = inst.onShow();
    const third = inst.onShow();
    finish();
    await Promise.all([second, third]);
    expect(runs()).toBe(1);
  });

  test('when 大字模式 was switched on while the page was hidden, then its next show applies it', async () => {
    const { page, inst, finish } = renderPage();
    await inst.onShow();
    expect(page.data.fontPx).toBe(17);
    wx.setStorageSync(BIG_TEXT_KEY, true);
    const shown = inst.onShow();
    await simulate.sleep(0);
    expect(page.data.fontPx).toBe(22);
    expect(page.data.pageFontSize).toBe('22px');
    finish();
    await shown;
  });

  test('when two instances of a page hold a form’s intent, then each keeps its own request id', () => {
    const one = renderPage().inst;
    const two = renderPage().inst;
    const first = formsOf(one).of('submit');
    expect(formsOf(one).of('submit')).toBe(first);
    expect(formsOf(two).of('submit').requestId).not.toBe(first.requestId);
    formsOf(one).done('submit');
    expect(formsOf(one).of('submit').requestId).not.toBe(first.requestId);
  });
});
