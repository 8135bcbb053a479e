/** Campaigns: period, frequency per rule, templates, report deadlines; cycles come from the core. */
import { DEFAULT_ANONYMITY_THRESHOLD } from '../../../../miniprogram/core/contracts/campaign';
import { CampaignGetOutput, CampaignListOutput, CampaignPlanOutput, EditedOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { CampaignPlanInput } from '../../../../miniprogram/core/contracts/api/progress';
import { CampaignCreateInput, CampaignRefInput, CampaignUpdateInput } from '../../../../miniprogram/core/contracts/api/work';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { CampaignSchema, type Campaign } from '../../../../miniprogram/core/contracts/campaign';
import type { TargetKind } from '../../../../miniprogram/core/contracts/review';
import { currentCycles, cyclesOf, cycleStatus, ruleFrequency, usedFrequencies } from '../../../../miniprogram/core/domain/cycles';
import { cycleTitle } from '../../../../miniprogram/core/domain/forms';
import { defaultTemplate } from '../../../../miniprogram/core/domain/templates';
import { zodIssues } from '../../../../miniprogram/core/errors';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import { loadTree, runPlan } from '../plan/plan';
import { campaignOf, withId, type CampaignDoc } from '../repositories/docs';
import { getCampaign, listCampaigns } from '../repositories/store';
import { hasSessionOutside } from '../repositories/work';
import { defineAction, newId, tenantScope } from '../shared/scope';

/** Days before a due date from which a cycle counts as due soon. */
export const DUE_SOON_DAYS = 7;
const KINDS: TargetKind[] = ['ORG', 'ORG_LEADER', 'MEMBER', 'COMMITTEE_MEMBER'];
const RULES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;

/** The campaign's settings as the core reads them, or the first thing an admin must correct. */
function checked(campaign: Campaign, templates?: Partial<Record<TargetKind, { targetKind: TargetKind }>>): Campaign {
  const parsed = CampaignSchema.safeParse(campaign);
  if (!parsed.success) {
    throw new AppError('CAMPAIGN.INVALID_PERIOD', parsed.error.issues[0]?.message, zodIssues(parsed.error.issues));
  }
  const c = parsed.data;
  // A due date for a cycle the campaign does not have would silently never apply.
  const keys = new Set(usedFrequencies(c).flatMap((f) => cyclesOf(c, f).map((cy) => cy.key)));
  const unknown = Object.keys(c.cycleDueDates ?? {}).filter((key) => !keys.has(key));
  if (unknown.length) {
    throw new AppError('CYCLE.NOT_FOUND', `活动中没有周期${unknown.join('、')}，请按活动期间和点评频次填写截止日期`, unknown.map((key) => ({ path: ['cycleDueDates', key], message: `活动中没有周期${key}` })));
  }
  const misfiled = Object.entries(templates ?? {}).filter(([kind, t]) => t && t.targetKind !== kind);
  if (misfiled.length) {
    throw new AppError('INPUT.INVALID', '点评模板的对象类型与所填位置不一致', misfiled.map(([kind]) => ({ path: ['templates', kind, 'targetKind'], message: `应为${kind}` })));
  }
  return c;
}

/** Everything a client shows of a campaign: settings, effective templates and cycles with their status. */
export function campaignView(doc: CampaignDoc & { templateOptions?: { integrity?: boolean; windowService?: boolean }; templates?: Record<string, unknown> }, now: number) {
  const campaign = campaignOf(doc);
  return {
    ...withId(doc),
    anonymityThreshold: doc.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD,
    frequencies: Object.fromEntries(RULES.map((r) => [r, ruleFrequency(campaign, r)])),
    templates: Object.fromEntries(KINDS.map((k) => [k, doc.templates?.[k] ?? defaultTemplate(k, doc.templateOptions ?? {})])),
    cycles: usedFrequencies(campaign).flatMap((f) => cyclesOf(campaign, f).map((c) => ({ ...c, label: cycleTitle(campaign, c.key), status: cycleStatus(c, now, DUE_SOON_DAYS) }))),
  };
}

export const campaignActions = {
  'campaign.create': defineAction({
    input: CampaignCreateInput,
    output: EditedOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ input, caller, requestKey, now }) => {
      const tenantId = caller.tenantId ?? '';
      const id = newId('camp', now, requestKey);
      checked({ id, tenantId, name: input.name, start: input.start, end: input.end, frequencies: input.frequencies, cycleDueDates: input.cycleDueDates, reportDeadlines: input.reportDeadlines, stages: input.stages }, input.templates);
      const doc = JSON.parse(JSON.stringify({ ...input, tenantId, createdAt: now }));
      return mutation({ id, version: 1 }, [{ kind: 'create', collection: COL.campaigns, id, doc }]);
    },
  }),

  'campaign.update': defineAction({
    input: CampaignUpdateInput,
    output: EditedOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const doc = await getCampaign(db, input.campaignId);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      const { campaignId: _c, version, ...fields } = input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const next = { ...campaignOf(doc), ...patch } as Campaign;
      checked(next, input.templates);
      // A shorter period must still hold every session already started, or planning would fail on them.
      if ((input.start !== undefined || input.end !== undefined) && (await hasSessionOutside(db, doc._id, next.start, next.end))) {
        throw new AppError('CAMPAIGN.INVALID_PERIOD', '已有点评活动的日期在新的活动期之外，请先调整这些点评活动，或把活动期放宽', [{ path: [input.start !== undefined ? 'start' : 'end'], message: '活动日期：已有点评活动在这段时间之外，请放宽活动期' }]);
      }
      // Maps replace as a whole: an update merges nested objects field by field otherwise.
      for (const key of ['frequencies', 'cycleDueDates', 'templateOptions', 'templates', 'forms', 'coverage', 'stages']) if (patch[key]) patch[key] = db.command.set(patch[key]);
      return mutation({ id: doc._id, version: version + 1 }, [{ kind: 'update', collection: COL.campaigns, id: doc._id, expectedVersion: version, patch }]);
    },
  }),

  'campaign.list': defineAction({
    input: EmptyInput,
    output: CampaignListOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => ({
      campaigns: (await listCampaigns(db, caller.tenantId ?? '')).map((c) => ({ id: c._id, name: c.name, start: c.start, end: c.end, version: c.version })),
    }),
  }),

  'campaign.get': defineAction({
    input: CampaignRefInput,
    output: CampaignGetOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const doc = await getCampaign(db, input.campaignId);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      return campaignView(doc, now);
    },
  }),
  'campaign.plan': defineAction({
    input: CampaignPlanInput,
    output: CampaignPlanOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const doc = await getCampaign(db, input.campaignId);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      // Everything that can refuse runs before the lock is taken, so a refusal writes nothing.
      if (!currentCycles(campaignOf(doc), now).ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能生成点评计划');
      const loaded = await loadTree(db, doc.tenantId);
      // The job writes the plan document when it finishes; a job too large for this call goes on on the timer.
      const { result, percent } = await runPlan(db, doc, now, loaded);
      return mutation(percent === null ? result : { ...result, updating: { percent, message: `正在更新 ${percent}%` } }, []);
    },
  }),

};
