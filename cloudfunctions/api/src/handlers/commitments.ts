/**
 * Public commitments (公开承诺): a member makes their own, a secretary makes their org's; both
 * update fulfilment; the commitments are public within the org and nobody else may edit them.
 */
import { CommitmentListOutput, CommitmentSaveOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import * as z from 'zod/mini';
import { CommitmentListInput, CommitmentSaveMineInput, CommitmentSaveOrgInput, CommitmentItemInput } from '../../../../miniprogram/core/contracts/api/work';
import { commitmentOwnerKey, type CommitmentOwner } from '../../../../miniprogram/core/contracts/commitment';
import { type Caller, type Deps, type UseCase } from '../frame/action';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import type { CommitmentDoc } from '../repositories/docs';
import { findCommitmentByOwner, getCampaign, listOrgCommitments, listOrgPersons } from '../repositories/store';
import { defineAction, newId, orgScope, scopedOrg, scopeOfOrg, type Scope } from '../shared/scope';

type Items = Array<z.infer<typeof CommitmentItemInput>>;

/** The caller's own org: members act on their own commitments there. */
async function ownOrgScope(_input: unknown, caller: Caller, deps: Deps): Promise<Scope> {
  if (!caller.orgId) throw new AppError(caller.tenantId ? 'AUTH.FORBIDDEN' : 'AUTH.UNBOUND', '只有名册中的党员可以作出个人承诺');
  return scopeOfOrg(caller.orgId, caller, deps);
}

/** Creates or edits the one commitment of an owner in a campaign, based on the version the client saw. */
async function save(uc: UseCase<{ campaignId: string; items: Items; date: string; version?: number }>, owner: CommitmentOwner, orgId: string) {
  const { db, input, caller, now, requestKey, moderation } = uc;
  const campaign = await getCampaign(db, input.campaignId);
  if (!campaign || campaign.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
  const key = commitmentOwnerKey(owner);
  const existing = await findCommitmentByOwner(db, campaign._id, key);
  const items = input.items.map((item, i) => ({
    id: item.id ?? newId('ci', now, `${requestKey}:${i}`),
    content: item.content,
    progress: item.progress,
    fulfilmentNotes: item.fulfilmentNotes ?? '',
  }));
  if (!existing) {
    if (input.version !== undefined) throw new AppError('CONFLICT', '该承诺已被删除或不存在，请刷新后重试');
    const id = newId('cm', now, requestKey);
    const doc = { tenantId: campaign.tenantId, campaignId: campaign._id, owner, orgId, ownerKey: key, items, date: input.date, createdAt: now, updatedAt: now, moderation };
    return mutation({ id, version: 1, moderation }, [{ kind: 'create', collection: COL.commitments, id, doc }]);
  }
  if (input.version === undefined) throw new AppError('CONFLICT', '您已作出过承诺，请刷新后在原承诺上修改');
  const patch = { items: db.command.set(items), date: input.date, updatedAt: now, moderation };
  return mutation({ id: existing._id, version: input.version + 1, moderation }, [
    { kind: 'update', collection: COL.commitments, id: existing._id, expectedVersion: input.version, patch },
  ]);
}

const texts = (input: { items: Items }) => input.items.flatMap((i) => [i.content, i.fulfilmentNotes ?? '']);

/** What a reader sees of a commitment; held text is shown to its author and admins only. */
function view(doc: CommitmentDoc, caller: Caller, ownerName = '') {
  const own = doc.owner.kind === 'PERSON' ? doc.owner.personId === caller.personId : caller.secretaryOf.includes(doc.owner.orgId);
  const visible = doc.moderation === 'PASS' || own || caller.admin;
  return {
    id: doc._id,
    owner: doc.owner,
    ownerName,
    date: doc.date,
    version: doc.version,
    updatedAt: doc.updatedAt,
    held: doc.moderation === 'HELD',
    items: visible ? doc.items : [],
  };
}

export const commitmentActions = {
  'commitment.saveMine': defineAction({
    input: CommitmentSaveMineInput,
    output: CommitmentSaveOutput,
    mutating: true,
    texts,
    scope: ownOrgScope,
    run: async (uc) => {
      const personId = uc.caller.personId as string;
      const orgId = uc.caller.orgId as string;
      return save(uc, { kind: 'PERSON', personId, orgId }, orgId);
    },
  }),

  'commitment.saveOrg': defineAction({
    input: CommitmentSaveOrgInput,
    output: CommitmentSaveOutput,
    mutating: true,
    texts,
    scope: orgScope((i) => i.orgId),
    run: async (uc) => {
      const org = scopedOrg(uc.scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      return save(uc, { kind: 'ORG', orgId: org._id }, org._id);
    },
  }),

  'commitment.list': defineAction({
    input: CommitmentListInput,
    output: CommitmentListOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, caller, scope }) => {
      const org = scopedOrg(scope);
      const [docs, persons] = await Promise.all([listOrgCommitments(db, input.campaignId, org._id), listOrgPersons(db, org._id)]);
      // Who made each promise, as the branch's list shows it (a member's name, or the org's).
      const names = new Map(persons.map((p) => [p._id, p.name]));
      const nameOf = (d: CommitmentDoc) => (d.owner.kind === 'PERSON' ? (names.get(d.owner.personId) ?? '') : org.name);
      // Public within the org: the permission table admits exactly the org's members and those above it.
      return { commitments: docs.map((d) => view(d, caller, nameOf(d))) };
    },
  }),
};
