import { usePages, tap, textOf } from '../../../__test__/pages';
import { onPrivacyNeeded } from '../../../services/privacy';
import { buildDistrict, type District } from '../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

/** Registers the app's handler and returns what WeChat would call when a privacy API is about to run. */
function registered(): (resolve: (r: unknown) => void) => void {
  onPrivacyNeeded();
  const calls = wx.onNeedPrivacyAuthorization.mock.calls;
  return calls[calls.length - 1][0];
}

describe('隐私保护提示', () => {
  test('when WeChat needs consent, then the page on screen shows the popup, and 同意 resolves the request as agreed', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/mine/index/index');
    expect(textOf(page)).not.toContain('隐私保护提示');
    const resolve = jest.fn();
    registered()(resolve);
    await p.settle();
    expect(textOf(page)).toContain('隐私保护提示');
    // The button's open-type does the authorisation; WeChat then fires its agreeprivacyauthorization event.
    page.querySelector('#privacy >>> #agree-privacy')!.dispatchEvent('agreeprivacyauthorization', { detail: {} });
    await p.settle();
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-privacy' });
    expect(textOf(page)).not.toContain('隐私保护提示');
  });

  test('when the member declines, then the request is resolved as disagreed and the popup closes', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/home/index/index');
    const resolve = jest.fn();
    registered()(resolve);
    await p.settle();
    await tap(page, '#privacy >>> .privacy-no');
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
    expect(textOf(page)).not.toContain('隐私保护提示');
  });
});
