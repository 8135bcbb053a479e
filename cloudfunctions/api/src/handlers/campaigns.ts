/** Campaigns: period, frequency per rule, templates, report deadlines; cycles come from the core. */
import { CampaignCreateInput, CampaignRefInput, CampaignUpdateInput } from '../../../../miniprogram/core/contracts/api/work';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { CampaignSchema, type Campaign } from '../../../../miniprogram/core/contracts/campaign';
import type { TargetKind } from '../../../../miniprogram/core/contracts/review';
import { cyclesOf, cycleStatus, ruleFrequency, usedFrequencies } from '../../../../miniprogram/core/domain/cycles';
import { defaultTemplate } from '../../../../miniprogram/core/domain/templates';
import { defineAction } from '../frame/action';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import { withId, type CampaignDoc } from '../repositories/docs';
import { C, getCampaign, listCampaigns } from '../repositories/store';
import { newId, tenantScope } from './scope';

/** Days before a due date from which a cycle counts as due soon. */
export const DUE_SOON_DAYS = 7;
const KINDS: TargetKind[] = ['ORG', 'ORG_LEADER', 'MEMBER', 'COMMITTEE_MEMBER'];
const RULES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;

/** The domain view of a stored campaign. */
export function campaignOf(doc: CampaignDoc): Campaign {
  return { id: doc._id, tenantId: doc.tenantId, name: doc.name, start: doc.start, end: doc.end, frequencies: doc.frequencies, cycleDueDates: doc.cycleDueDates, reportDeadlines: doc.reportDeadlines };
}

function checked(campaign: Campaign): Campaign {
  const parsed = CampaignSchema.safeParse(campaign);
  if (!parsed.success) {
    throw new AppError('CAMPAIGN.INVALID_PERIOD', parsed.error.issues[0]?.message, parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  }
  return parsed.data;
}

/** Everything a client shows of a campaign: settings, effective templates and cycles with their status. */
export function campaignView(doc: CampaignDoc & { templateOptions?: { integrity?: boolean; windowService?: boolean }; templates?: Record<string, unknown> }, now: number) {
  const campaign = campaignOf(doc);
  return {
    ...withId(doc),
    frequencies: Object.fromEntries(RULES.map((r) => [r, ruleFrequency(campaign, r)])),
    templates: Object.fromEntries(KINDS.map((k) => [k, doc.templates?.[k] ?? defaultTemplate(k, doc.templateOptions ?? {})])),
    cycles: usedFrequencies(campaign).flatMap((f) => cyclesOf(campaign, f).map((c) => ({ ...c, status: cycleStatus(c, now, DUE_SOON_DAYS) }))),
  };
}

export const campaignActions = {
  'campaign.create': defineAction({
    input: CampaignCreateInput,
    mutating: true,
    scope: tenantScope,
    run: async ({ input, caller, requestKey, now }) => {
      const tenantId = caller.tenantId ?? '';
      const id = newId('camp', now, requestKey);
      checked({ id, tenantId, name: input.name, start: input.start, end: input.end, frequencies: input.frequencies, cycleDueDates: input.cycleDueDates, reportDeadlines: input.reportDeadlines });
      const doc = JSON.parse(JSON.stringify({ ...input, tenantId, createdAt: now }));
      return mutation({ id, version: 1 }, [{ kind: 'create', collection: C.campaigns, id, doc }]);
    },
  }),

  'campaign.update': defineAction({
    input: CampaignUpdateInput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const doc = await getCampaign(db, input.campaignId);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      const { campaignId: _c, version, ...fields } = input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      checked({ ...campaignOf(doc), ...patch } as Campaign);
      // Maps replace as a whole: an update merges nested objects field by field otherwise.
      for (const key of ['frequencies', 'cycleDueDates', 'templateOptions', 'templates']) if (patch[key]) patch[key] = db.command.set(patch[key]);
      return mutation({ id: doc._id, version: version + 1 }, [{ kind: 'update', collection: C.campaigns, id: doc._id, expectedVersion: version, patch }]);
    },
  }),

  'campaign.list': defineAction({
    input: EmptyInput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => ({
      campaigns: (await listCampaigns(db, caller.tenantId ?? '')).map((c) => ({ id: c._id, name: c.name, start: c.start, end: c.end, version: c.version })),
    }),
  }),

  'campaign.get': defineAction({
    input: CampaignRefInput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const doc = await getCampaign(db, input.campaignId);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      return campaignView(doc, now);
    },
  }),
};
