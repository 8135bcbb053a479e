import { usePages, tap, textOf } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let invitationId: string;
const route = 'pages/claims/list/list';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  // Two newcomers on the roster with phone numbers: only the last four digits are kept.
  await p.h.ok(d.users.admin, 'roster.import', {
    orgs: [],
    persons: [
      { name: '周新', org: d.org.xx1, phone: '139 1234 5678' },
      { name: '吴磊', org: d.org.xx1, phone: '13800001357' },
    ],
  });
  invitationId = (await p.h.ok(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1 })).invitationId;
});

describe('加入申请', () => {
  test('when the secretary opens it while offline, then load-state says so and 重试 loads the list', async () => {
    p.actAs(d.users.branchSecretary);
    p.setOffline(true);
    const page = await p.open(route, { orgId: d.org.xx1 });
    expect(page.querySelector('#retry')).toBeTruthy();
    expect(page.data.canRetry).toBe(true);
    p.setOffline(false);
    expect(textOf(page)).toContain('重试');
    await tap(page, '#retry');
    expect(page.querySelector('#retry')).toBeFalsy();
    expect(textOf(page)).toContain('没有待审核的加入申请');
    expect(textOf(page)).toContain('申请会出现在这里');
  });

  test('when one claimant typed the right phone tail and another a wrong one, then the secretary sees 相符 and 不符 with what each typed, and may approve only the first', async () => {
    await p.h.ok('o-zhou', 'claim.submit', { invitationId, name: '周新', phoneTail: '5678' });
    await p.h.ok('o-fake', 'claim.submit', { invitationId, name: '吴磊', phoneTail: '2468' });
    p.actAs(d.users.branchSecretary);
    const page = await p.open(route, { orgId: d.org.xx1 });
    const rows = page.data.claims as Array<{ name: string; check: string; entered: string; approvable: boolean }>;
    const zhou = rows.findIndex((r) => r.name === '周新');
    const fake = rows.findIndex((r) => r.name === '吴磊');

    expect(textOf(page)).toContain('手机尾号相符');
    expect(textOf(page)).toContain('手机尾号不符');
    expect(textOf(page)).toContain('申请人填写：姓名 周新，手机尾号 5678');
    expect(textOf(page)).toContain('申请人填写：姓名 吴磊，手机尾号 2468');
    expect(page.querySelector(`#approve-${zhou}`)).toBeTruthy();
    expect(page.querySelector(`#approve-${fake}`)).toBeFalsy();

    await tap(page, `#approve-${zhou}`);
    expect((await p.h.ok('o-zhou', 'me')).bound).toBe(true);
    expect((await p.h.ok('o-fake', 'me')).bound).toBe(false);
  });
});
