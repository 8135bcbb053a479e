/**
 * The actions of the `export` function: registration forms (one review, a session, an org's 党员档案),
 * the 台帐 archive job, the progress report sheet, the roster template and the roster file import.
 * Each follows the api's frame: a zod contract, the caller from getWXContext, EXPORT_PERMISSIONS at
 * the org concerned, and, per review, the read rules of review.get.
 */
import { ArchiveJobInput, ArchiveStartInput, FormMembersInput, FormNoticeInput, FormReviewInput, FormSessionInput, ProgressSheetInput, RosterFileInput } from '../../../miniprogram/core/contracts/api/export';
import { EmptyInput } from '../../../miniprogram/core/contracts/api/common';
import type { Reply } from '../../../miniprogram/core/contracts/envelope';
import type { Review } from '../../../miniprogram/core/contracts/review';
import { archiveFolders, cycleKeysWithin, cycleLabel, formHeading, progressSheet, safeFileName, type ProgressRowFigures } from '../../../miniprogram/core/domain/forms';
import { handInPaper, summariesPaper } from '../../../miniprogram/core/domain/hand-ins';
import { PERMISSIONS } from '../../../miniprogram/core/domain/permissions';
import { rosterRowsFromSheets, sheetIssue } from '../../../miniprogram/core/domain/roster-sheet';
import { cstInstantLabel } from '../../../miniprogram/core/domain/cst';
import { AppError, defineAction, entityScope, FRAME_STORE, getCampaign, handle, listOrgs, listSessionReviews, mutation, newId, orgScope, reviewScope, scopedOrg, sessionScope, tenantScope, type ActionTable, type CampaignDoc, type OrgDoc, type UseCase } from '../../api/src/kernel';
import { progressActions, rosterActions } from '../../api/src/in-process';
import { getOrg, getPublication, listReviewsByIds, partialTree, publicationOf, readerOf, reviewOf } from '../../api/src/kernel';
import { redactPublicationForReader } from '../../../miniprogram/core/domain/visibility';
import { noticeDocument } from '../../../miniprogram/core/domain/notice';
import { counterAndParent, isUpper, reportsOf } from '../../api/src/kernel';
import { deliver, fetchFile, linkOf, storePart, type Delivered } from './files';
import { formContext, formOrder, layoutOf, readableReviews, type FormReview } from './forms';
import { E, advanceJob, getJob, getProgressReport, jobDone, orgReviews, type ExportJobDoc } from './repositories/export';
import { reviewGiven } from '../../../miniprogram/core/domain/workflow';

// docx, exceljs and jszip are loaded on first use, not at cold start: each action needs at most two of them.
const lazy = {
  docx: () => import('./docx'),
  xlsx: () => import('./xlsx'),
  rosterFile: () => import('./roster-file'),
  zip: async () => (await import('jszip')).default,
};

/** Work one archive step does before answering, well inside the function's 20 s timeout (config.json). */
export const STEP_MS = 6000;

async function campaignOf(uc: Pick<UseCase<unknown>, 'db'>, campaignId: string, tenantId: string): Promise<CampaignDoc> {
  const campaign = await getCampaign(uc.db, campaignId);
  if (!campaign || campaign.tenantId !== tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
  return campaign;
}

async function tenantOrgs(uc: Pick<UseCase<unknown>, 'db'>, tenantId: string): Promise<Map<string, OrgDoc>> {
  return new Map((await listOrgs(uc.db, tenantId)).map((o) => [o._id, o]));
}

/** The forms of these (readable, submitted) reviews as one .docx. */
async function formsFile(uc: UseCase<unknown>, campaign: CampaignDoc, reviews: FormReview[], orgs: Map<string, OrgDoc>, title: string): Promise<Buffer> {
  const ctx = await formContext(uc.db, campaign, reviews, orgs, uc.now);
  return (await lazy.docx()).formsDocx([...reviews].sort(formOrder).map((r) => layoutOf(r, ctx)), title);
}

/** Calls an api action in this invocation, through the api's own router (contract, permission, unit of work). */
async function callApi(uc: UseCase<unknown>, action: 'roster.import' | 'progress.get', payload: unknown, requestId?: string): Promise<Reply<Record<string, unknown>>> {
  const table: ActionTable = action === 'roster.import' ? { 'roster.import': rosterActions['roster.import'] } : { 'progress.get': progressActions['progress.get'] };
  return (await handle({ action, payload, ...(requestId ? { requestId } : {}) }, { cloud: uc.cloud, db: uc.db, now: uc.now }, table, PERMISSIONS, FRAME_STORE)) as Reply<Record<string, unknown>>;
}

const formTitle = (r: Review) => `${r.target.name}领导点评登记表`;

/** One archive step: the next orgs' files, and the zip once every org is done. */
async function stepJob(uc: UseCase<unknown>, job: ExportJobDoc): Promise<ExportJobDoc> {
  const started = Date.now();
  const campaign = await campaignOf(uc, job.campaignId, job.tenantId);
  const orgs = await tenantOrgs(uc, job.tenantId);
  const keys = cycleKeysWithin(job.cycleKey);
  const parts = [...job.parts];
  let { done, forms, withheld } = job;
  // The zip is a step of its own, so no step both renders forms and packs them.
  const packing = done === job.orgIds.length;
  // Budgeted by the function's own elapsed time, not the business clock (which tests hold still).
  while (done < job.orgIds.length && Date.now() - started < STEP_MS) {
    const orgId = job.orgIds[done];
    const folder = job.folders[done];
    const readable = await readableReviews(uc.db, uc.caller, await orgReviews(uc.db, job.campaignId, orgId, keys), orgs);
    withheld += readable.withheld;
    const orgForms = readable.reviews.filter((r) => r.target.kind === 'ORG');
    const memberForms = readable.reviews.filter((r) => r.target.kind !== 'ORG');
    const name = orgs.get(orgId)?.name ?? orgId;
    for (const [list, file, title] of [
      [orgForms, '党组织登记表.docx', `${name}领导点评党组织登记表`],
      [memberForms, '领导点评党员档案.docx', `${name}领导点评党员档案`],
    ] as const) {
      if (!list.length) continue;
      const buf = await formsFile(uc, campaign, [...list], orgs, title);
      parts.push({ path: `${folder}/${file}`, fileID: await storePart(uc.cloud, job.tenantId, job._id, parts.length, buf) });
      forms += list.length;
    }
    parts.push(...(await writtenParts(uc, job, orgs.get(orgId), folder, parts.length)));
    done++;
  }
  let patch: Partial<ExportJobDoc> = { done, forms, withheld, parts, updatedAt: uc.now };
  if (packing) {
    const JSZip = await lazy.zip();
    const zip = new JSZip();
    const root = zip.folder(safeFileName(job.name)) as InstanceType<typeof JSZip>;
    for (const p of parts) root.file(p.path, await fetchFile(uc.cloud, p.fileID));
    if (!parts.length) root.file('说明.txt', `${job.name}：本周期没有可以导出的已提交点评。`);
    // Every part must be its own file in the zip: a path taken twice keeps only the last, and the job would report forms the file lacks.
    const files = Object.values(zip.files).filter((f) => !f.dir).length;
    if (files !== Math.max(1, parts.length)) throw new AppError('EXPORT.ARCHIVE_INCOMPLETE');
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
    const file = await deliver(uc.cloud, job.tenantId, `${job.name}.zip`, buf, uc.now);
    patch = { ...patch, status: 'DONE', fileID: file.fileID };
  }
  if (!(await advanceJob(uc.db, job, patch))) return (await getJob(uc.db, job._id)) ?? job;
  return { ...job, ...patch, version: job.version + 1 };
}

/**
 * The unit's written papers for the 台帐 (issue 24 item 4): its 具体方案 as handed in, with its attachments as
 * uploaded, and the written 总结 of its progress reports. Two reads: the unit's counter and its parent's, its reports.
 */
async function writtenParts(uc: UseCase<unknown>, job: ExportJobDoc, org: OrgDoc | undefined, folder: string, first: number): Promise<Array<{ path: string; fileID: string }>> {
  // Who reads a hand-in (handin.get's permission): the unit's secretary, those above it, the office — not a liaison leader.
  if (!org || !(uc.caller.admin || org.secretaryId === uc.caller.personId || isUpper(uc.caller, org))) return [];
  const orgId = org._id;
  const [{ self, parent }, reports] = await Promise.all([counterAndParent(uc.db, job.campaignId, orgId, org?.parentId ?? null), reportsOf(uc.db, job.campaignId, orgId, null, 100)]);
  const out: Array<{ path: string; fileID: string }> = [];
  const store = async (name: string, buf: Buffer) => out.push({ path: `${folder}/${name}`, fileID: await storePart(uc.cloud, job.tenantId, job._id, first + out.length, buf) });
  const { paperDocx } = await lazy.docx();
  if (self?.handIn) {
    const paper = handInPaper({ orgName: self.name, upperOrgName: parent?.name ?? null, call: parent?.handInCall ?? null, handIn: self.handIn });
    await store('领导点评工作具体方案.docx', await paperDocx(paper));
    // Attachments go in as uploaded, numbered so two of one name both stay.
    self.handIn.files.forEach((f, i) => out.push({ path: `${folder}/具体方案附件${i + 1}-${safeFileName(f.name)}`, fileID: f.fileID }));
  }
  const summaries = reports.filter((r) => r.tenantId === job.tenantId && r.writtenSummary).map((r) => ({ asOf: r.asOf, writtenSummary: r.writtenSummary as string }));
  if (summaries.length) await store('进度上报书面总结.docx', await paperDocx(summariesPaper(org.name, summaries)));
  return out;
}

async function jobView(uc: UseCase<unknown>, job: ExportJobDoc) {
  const file = jobDone(job) && job.fileID ? { ...(await linkOf(uc.cloud, job.fileID, uc.now)), name: `${safeFileName(job.name)}.zip` } : null;
  return { jobId: job._id, status: job.status, done: job.done, total: job.orgIds.length, forms: job.forms, withheld: job.withheld, file };
}

/** The scope of an action on a publication: its session's org, with the publication for the use case. */
const publicationScope = entityScope((i: { publicationId: string }, d) => getPublication(d.db, i.publicationId), (p) => p.orgId, 'PUBLICATION.NOT_FOUND');

/** The scope of an action on a job: its org, with the job for the use case. */
const jobScope = entityScope((i: { jobId: string }, d) => getJob(d.db, i.jobId), (j) => j.orgId, 'EXPORT.JOB_NOT_FOUND');

export const exportActions = {
  'form.review': defineAction({
    input: FormReviewInput,
    mutating: false,
    scope: reviewScope,
    run: async (uc) => {
      const doc = uc.scope.entity;
      if (!reviewGiven(doc.status)) throw new AppError('REVIEW.NOT_SUBMITTED');
      const orgs = await tenantOrgs(uc, doc.tenantId);
      const { reviews } = await readableReviews(uc.db, uc.caller, [doc], orgs);
      if (!reviews.length) throw new AppError('SCOPE.FORBIDDEN');
      const campaign = await campaignOf(uc, doc.campaignId, doc.tenantId);
      const file = await deliver(uc.cloud, doc.tenantId, `${formTitle(reviews[0])}.docx`, await formsFile(uc, campaign, reviews, orgs, formTitle(reviews[0])), uc.now);
      return { file, forms: 1, withheld: 0 };
    },
  }),

  'form.session': defineAction({
    input: FormSessionInput,
    mutating: false,
    scope: sessionScope,
    run: async (uc) => {
      const session = uc.scope.entity;
      const docs = (await listSessionReviews(uc.db, session._id)).filter((d) => reviewGiven(d.status));
      const orgs = await tenantOrgs(uc, session.tenantId);
      const { reviews, withheld } = await readableReviews(uc.db, uc.caller, docs, orgs);
      if (!reviews.length) throw new AppError('EXPORT.EMPTY', '本次点评还没有您可以导出的已提交点评');
      const campaign = await campaignOf(uc, session.campaignId, session.tenantId);
      const title = `${orgs.get(session.orgId)?.name ?? ''}领导点评登记表`;
      const file = await deliver(uc.cloud, session.tenantId, `${title}.docx`, await formsFile(uc, campaign, reviews, orgs, title), uc.now);
      return { file, forms: reviews.length, withheld };
    },
  }),

  'form.members': defineAction({
    input: FormMembersInput,
    mutating: false,
    scope: orgScope((i: { orgId: string }) => i.orgId),
    run: async (uc) => {
      const org = scopedOrg(uc.scope);
      const campaign = await campaignOf(uc, uc.input.campaignId, org.tenantId);
      const docs = (await orgReviews(uc.db, campaign._id, org._id, cycleKeysWithin(uc.input.cycleKey))).filter((d) => d.target.personId !== null);
      const orgs = await tenantOrgs(uc, org.tenantId);
      const { reviews, withheld } = await readableReviews(uc.db, uc.caller, docs, orgs);
      if (!reviews.length) throw new AppError('EXPORT.EMPTY', `${org.name}在${cycleLabel(uc.input.cycleKey)}还没有可以导出的党员点评`);
      const title = `${org.name}领导点评党员档案（${cycleLabel(uc.input.cycleKey)}）`;
      const file = await deliver(uc.cloud, org.tenantId, `${title}.docx`, await formsFile(uc, campaign, reviews, orgs, title), uc.now);
      return { file, forms: reviews.length, withheld };
    },
  }),

  'form.notice': defineAction({
    input: FormNoticeInput,
    mutating: false,
    scope: publicationScope,
    run: async (uc) => {
      const pub = uc.scope.entity;
      const [docs, readerOrg, issuer] = await Promise.all([
        listReviewsByIds(uc.db, pub.reviewIds),
        uc.caller.orgId ? getOrg(uc.db, uc.caller.orgId) : Promise.resolve(null),
        getOrg(uc.db, pub.scope.orgId),
      ]);
      const tree = partialTree(readerOrg ? [{ orgId: readerOrg._id, path: readerOrg.path }] : [], [{ orgId: pub.scope.orgId, parentId: pub.anchorParentId }]);
      // The file holds what its caller could read on screen: publication.get's rule, and nothing of a draft but to its organiser.
      const view = redactPublicationForReader(publicationOf(pub), docs.map(reviewOf), readerOf(uc.caller, false), tree);
      if (!view.ok) throw new AppError('SCOPE.FORBIDDEN');
      if (!view.value.reviews.length) throw new AppError('EXPORT.EMPTY', '这份通报还没有可以印发的点评');
      const file = await deliver(uc.cloud, pub.tenantId, `${pub.title}.docx`, await (await lazy.docx()).noticeDocx(noticeDocument(view.value, issuer?.name ?? '')), uc.now);
      return { file, forms: view.value.reviews.length, withheld: 0 };
    },
  }),

  'archive.start': defineAction({
    input: ArchiveStartInput,
    mutating: true,
    scope: orgScope((i: { orgId: string }) => i.orgId),
    run: async (uc) => {
      const root = scopedOrg(uc.scope);
      await campaignOf(uc, uc.input.campaignId, root.tenantId);
      const orgs = await tenantOrgs(uc, root.tenantId);
      // Siblings of one name are numbered in a stable order (by id), so a restarted job names them alike.
      const subtree = [...orgs.values()].filter((o) => o._id === root._id || o.path.includes(root._id)).sort((a, b) => (a._id < b._id ? -1 : 1));
      const folders = archiveFolders(subtree.map((o) => ({ id: o._id, parentId: o.parentId, name: o.name })), root._id);
      // Folder order is the tree's pre-order: a parent's folder sorts before its children's.
      subtree.sort((a, b) => (folders.get(a._id)! < folders.get(b._id)! ? -1 : 1));
      const id = newId('exp', uc.now, uc.requestKey);
      const job: Omit<ExportJobDoc, '_id' | 'version'> = {
        tenantId: root.tenantId,
        campaignId: uc.input.campaignId,
        orgId: root._id,
        cycleKey: uc.input.cycleKey,
        createdBy: uc.caller.openid,
        status: 'RUNNING',
        orgIds: subtree.map((o) => o._id),
        folders: subtree.map((o) => folders.get(o._id)!),
        done: 0,
        forms: 0,
        withheld: 0,
        parts: [],
        fileID: null,
        name: `${root.name}领导点评台帐（${cycleLabel(uc.input.cycleKey)}）`,
        createdAt: uc.now,
        updatedAt: uc.now,
      };
      return mutation({ jobId: id, status: 'RUNNING', done: 0, total: subtree.length }, [{ kind: 'create', collection: E.jobs, id, doc: job }]);
    },
  }),

  'archive.step': defineAction({
    input: ArchiveJobInput,
    mutating: false,
    scope: jobScope,
    run: async (uc) => {
      const job = uc.scope.entity;
      // The job holds what its creator may read: only they move it on and take its file.
      if (job.createdBy !== uc.caller.openid) throw new AppError('EXPORT.JOB_NOT_FOUND');
      return jobView(uc, jobDone(job) ? job : await stepJob(uc, job));
    },
  }),

  'progress.sheet': defineAction({
    input: ProgressSheetInput,
    mutating: false,
    scope: orgScope((i: { orgId: string }) => i.orgId),
    run: async (uc) => {
      const org = scopedOrg(uc.scope);
      const campaign = await campaignOf(uc, uc.input.campaignId, org.tenantId);
      let rows: ProgressRowFigures[];
      let asOf: number;
      if (uc.input.reportId) {
        const report = await getProgressReport(uc.db, uc.input.reportId);
        if (!report || report.orgId !== org._id || report.campaignId !== campaign._id || report.tenantId !== org.tenantId) throw new AppError('PROGRESS.REPORT_NOT_FOUND');
        rows = report.rows;
        asOf = report.asOf;
      } else {
        const reply = await callApi(uc, 'progress.get', { campaignId: campaign._id, orgId: org._id });
        if (!reply.ok) throw new AppError(reply.error.code as 'PROGRESS.NOT_PLANNED', reply.error.message);
        rows = reply.data.rows as ProgressRowFigures[];
        asOf = reply.data.asOf as number;
      }
      const heading = formHeading(campaign.name, campaign.forms?.heading);
      const date = cstInstantLabel(asOf);
      const sheet = progressSheet({ heading, orgName: org.name, asOfDate: date, rows });
      const file: Delivered = await deliver(uc.cloud, org.tenantId, `${org.name}领导点评工作完成进度报表（${date}）.xlsx`, await (await lazy.xlsx()).progressXlsx(sheet), uc.now);
      return { file, rows: sheet.rows };
    },
  }),

  'roster.template': defineAction({
    input: EmptyInput,
    mutating: false,
    scope: tenantScope,
    run: async (uc) => ({ file: await deliver(uc.cloud, uc.caller.tenantId ?? '', '领导点评名册导入模板.xlsx', await (await lazy.xlsx()).rosterTemplateXlsx(), uc.now) }),
  }),

  'roster.importFile': defineAction({
    input: RosterFileInput,
    mutating: false,
    scope: tenantScope,
    run: async (uc) => {
      const tenantId = uc.caller.tenantId ?? '';
      const requestId = uc.requestKey.slice(uc.caller.openid.length + 1);
      // The import writes through roster.import, which needs the client's requestId for retries.
      if (!requestId) throw new AppError('INPUT.INVALID', '缺少请求编号（requestId），请更新小程序后重试');
      // Only files the office uploaded for this tenant: never another tenant's files or an export.
      if (!new RegExp(`^cloud://[^/]+/imports/${tenantId}/[^/]+$`).test(uc.input.fileID)) {
        throw new AppError('INPUT.INVALID', '请从小程序的“导入名册”上传文件', [{ path: ['fileID'], message: '文件位置不对' }]);
      }
      const { RefusedFile, readRosterFile } = await lazy.rosterFile();
      let sheets;
      try {
        sheets = await readRosterFile(await fetchFile(uc.cloud, uc.input.fileID));
      } catch (err) {
        if (err instanceof RefusedFile) throw new AppError('FILE.REFUSED', `${err.message}。本次未导入任何数据`, err.issues);
        throw err;
      }
      const existing = [...(await tenantOrgs(uc, tenantId)).values()].map((o) => ({ id: o._id, name: o.name }));
      const rows = rosterRowsFromSheets(sheets.orgs, sheets.persons, existing);
      const reply = await callApi(uc, 'roster.import', { orgs: rows.orgs, persons: rows.persons }, requestId);
      if (!reply.ok) {
        const issues = (reply.error.issues ?? []).map((i) => sheetIssue(i, rows));
        const more = issues.length > 1 ? `（共${issues.length}处错误，见列表）` : '';
        throw new AppError(reply.error.code as 'ORG.TREE_INVALID', issues.length ? `${issues[0].message}${more}。本次未导入任何数据` : reply.error.message, issues);
      }
      return { orgs: reply.data.orgs, persons: reply.data.persons };
    },
  }),
};
