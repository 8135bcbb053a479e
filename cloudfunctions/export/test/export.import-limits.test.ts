/**
 * Roster import limits whatever the package calls its parts (issue 23, finding 5, the row cap): a
 * 20,001-row person sheet stored as `/xl/worksheets/sheet2.xml` (the relationship pointing there) is
 * refused for its rows before any workbook is built, through roster.importFile, with nothing written.
 */
import JSZip from 'jszip';
import { buildDistrict, type District } from '../../api/test/harness';
import { exportHarness } from './harness';
import { filledRoster } from './roster-files';

const h = exportHarness();
let d: District;
const count = (collection: string) => h.local.store.get(collection)?.docs.size ?? 0;

/** The template filled with `rows` people, its person sheet moved to an absolute part name. */
async function renamedSheet(rows: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await filledRoster([['实验小学党支部', '党支部', null]], Array.from({ length: rows }, (_, i) => [`党员${i}`, '实验小学党支部'])));
  const sheet = await zip.file('xl/worksheets/sheet2.xml')!.async('nodebuffer');
  zip.remove('xl/worksheets/sheet2.xml');
  zip.file('/xl/worksheets/sheet2.xml', sheet, { createFolders: false });
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="(?:\/xl\/)?worksheets\/sheet2\.xml"/, 'Target="/xl/worksheets/sheet2.xml"'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

beforeAll(async () => {
  d = await buildDistrict(h);
});

describe('the row cap of an imported roster', () => {
  it('when the person sheet of 20,001 rows is stored as /xl/worksheets/sheet2.xml, then the file is refused for its rows and nothing is imported', async () => {
    // Arrange
    const buf = await renamedSheet(20_001);
    expect(Object.keys((await JSZip.loadAsync(buf)).files)).toContain('/xl/worksheets/sheet2.xml');
    const fileID = await h.upload('imports/t000/renamed-sheet.xlsx', buf);
    const before = [count('orgs'), count('persons')];

    // Act
    const reply = await h.exp(d.users.admin, 'roster.importFile', { fileID });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'FILE.REFUSED', message: expect.stringContaining('行数过多') } });
    expect([count('orgs'), count('persons')]).toEqual(before);
  });
});
