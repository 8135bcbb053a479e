/**
 * The 台帐 archive with hostile org names (issue 23, finding 4): sibling orgs of one name, names that
 * differ only after the 80-character cut, `..`, `.` and names with `/` each get a folder of their own,
 * safe in any unzip tool, and the zip holds every form the job reports.
 */
import JSZip from 'jszip';
import { buildDistrict, type District } from '../../api/test/harness';
import { submittedSession } from '../../api/test/work.support';
import { exportHarness } from './harness';
import { readDocx } from './readback';

const h = exportHarness();
let d: District;

/** Hostile names of new branches under the 工委, each given a copy of 李娜's submitted review. */
const LONG = '新北区'.repeat(30);
const NAMES = ['新北区实验小学党支部', '新北区实验小学党支部', '..', '.', 'a/../b', `${LONG}一支部`, `${LONG}二支部`, '领导点评党员档案.docx'];

describe('archive folders for any org names', () => {
  beforeAll(async () => {
    d = await buildDistrict(h);
    const s = await submittedSession(h, d);
    const reviews = h.local.store.get('reviews')!.docs;
    const review = reviews.get(s.reviews.s3) as Record<string, unknown> & { target: Record<string, unknown> };
    let i = 0;
    for (const name of NAMES) {
      // The api takes any of these names for a new org (they are only text to it).
      const { id } = await h.ok(d.users.admin, 'org.create', { name: name === '.' ? '．' : name, kind: 'BRANCH', parentId: d.org.gw });
      if (name === '.') {
        const org = h.local.store.get('orgs')!.docs.get(id) as Record<string, unknown>;
        // Through a commit, so the declared indexes that answer queries see the change.
        h.local.store.commit([{ kind: 'put', collection: 'orgs', doc: { ...org, name: '.' } }]);
      }
      const copy = `${s.reviews.s3}-copy${++i}`;
      h.local.store.commit([{ kind: 'put', collection: 'reviews', doc: { ...review, _id: copy, orgId: id, target: { ...review.target, orgId: id } } }]);
    }
  });

  it('when sibling orgs share a name or have names like "..", "/" or 80-character cuts, then every form the job counts is in the zip under a unique, safe path', async () => {
    // Act
    const started = await h.expOk(d.users.admin, 'archive.start', { orgId: d.org.gw, campaignId: d.campaignId, cycleKey: '2026' });
    let view = await h.expOk(d.users.admin, 'archive.step', { jobId: started.jobId });
    for (let i = 0; i < 20 && view.status !== 'DONE'; i++) view = await h.expOk(d.users.admin, 'archive.step', { jobId: started.jobId });
    const zip = await JSZip.loadAsync(await h.download(view.file.fileID));
    const files = Object.values(zip.files).filter((f) => !f.dir);
    let formsInZip = 0;
    for (const f of files) formsInZip += (await readDocx(await f.async('nodebuffer'))).tables.length;

    // Assert
    expect(view).toMatchObject({ status: 'DONE', forms: NAMES.length + 1 });
    expect(files.length).toBe(NAMES.length + 1);
    expect(formsInZip).toBe(view.forms);
    for (const f of files) {
      const segments = f.name.split('/');
      expect(segments.every((seg) => seg !== '' && seg !== '.' && seg !== '..' && !seg.startsWith('.') && [...seg].length <= 80)).toBe(true);
      expect(f.name).not.toMatch(/\\/);
    }
    expect(new Set(files.map((f) => f.name.toLowerCase())).size).toBe(files.length);
  });
});
