/**
 * 导入名册 on the office's screen, tapped through: the office picks a filled template from a chat, the
 * phone uploads it to the tenant's import folder, and the real `export` function imports it all or nothing.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { tap, textOf, usePages } from './pages';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';
import { filledRoster } from '../../cloudfunctions/export/test/roster-files';

const p = usePages();
let d: District;
const dir = mkdtempSync(path.join(tmpdir(), 'roster-'));

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

/** The chat file the office will pick: a real .xlsx on disk, as WeChat hands over a temp path. */
function pickFromChat(name: string, content: Buffer): void {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  (wx as unknown as { chooseMessageFile: unknown }).chooseMessageFile = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ tempFiles: [{ path: file, name, size: content.length, type: 'file' }] }));
}

const personsOf = async () => {
  const tree = (await p.h.ok(d.users.admin, 'org.tree', {})) as { persons?: unknown[] };
  return JSON.stringify(tree);
};

describe('导入名册', () => {
  test('when the office imports a filled template, then the file is uploaded to the tenant’s imports and the screen says what was imported', async () => {
    // Arrange
    pickFromChat('名册.xlsx', await filledRoster([['新北区第三实验小学党支部', '党支部', '中共常州市新北区社会事业局工作委员会']], [['钱学文', '新北区第三实验小学党支部', '教师', '是']]));
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');

    // Act
    await tap(office, '#import');

    // Assert
    const upload = (wx.cloud.uploadFile as unknown as jest.Mock).mock.calls.at(-1)![0] as { cloudPath: string };
    expect(upload.cloudPath).toMatch(new RegExp(`^imports/${d.tenantId}/\\d+-名册\\.xlsx$`));
    expect(textOf(office)).toContain('已导入：党组织1个，人员1人');
    expect(await personsOf()).toContain('新北区第三实验小学党支部');
    // The tree on the same screen shows the new branch at once (the import's result line names no org).
    expect(textOf(office)).toContain('新北区第三实验小学党支部');
  });

  test('when a row names an org that does not exist, then the row’s error shows under the button and nothing is imported', async () => {
    // Arrange
    pickFromChat('错的名册.xlsx', await filledRoster([], [['孙立', '不存在的党支部', '教师', '是']]));
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    const before = await personsOf();

    // Act
    await tap(office, '#import');

    // Assert
    const text = textOf(office);
    expect(text).toContain('本次未导入任何数据');
    expect(text).toContain('人员表 第3行「所在党组织」');
    expect(await personsOf()).toBe(before);
  });

  test('when the network drops during the upload, then the screen says so and nothing is imported', async () => {
    // Arrange
    pickFromChat('名册2.xlsx', await filledRoster([], [['周立', '新北区实验小学党支部', '教师', '是']]));
    p.actAs(d.users.admin);
    const office = await p.open('office/index/index');
    const before = await personsOf();

    // Act
    p.setOffline(true);
    await tap(office, '#import');
    p.setOffline(false);

    // Assert
    expect(textOf(office)).toContain('上传失败，请检查网络后重试');
    expect(await personsOf()).toBe(before);
  });
});
