/**
 * 具体方案 from lower units (issue 24 item 4; rules in core/domain/hand-ins.ts). The request is kept on the
 * asking org's progress counter and each hand-in on the lower org's own counter, so the upper's 已交/未交 list
 * is the child rows progress.get already reads in one query, and the to-do reads two counters per unit.
 */
import { HandInAskInput, HandInAskOutput, HandInGetInput, HandInGetOutput, HandInSubmitInput, HandInSubmitOutput } from '../../../../miniprogram/core/contracts/api/hand-ins';
import { HAND_IN_STATE_LABELS, handInCallRefusal, handInFolder, handInOpen, handInRefusal, handInState } from '../../../../miniprogram/core/domain/hand-ins';
import { AppError, unwrap } from '../frame/errors';
import { mutation } from '../frame/uow';
import { COL } from '../repositories/collections';
import { counterAndParent, counterWithChildren } from '../repositories/progress';
import { getCampaign } from '../repositories/store';
import { defineAction, orgScope, scopedOrg } from '../shared/scope';
import { actorId } from '../shared/work';

export const handInActions = {
  'handin.ask': defineAction({
    input: HandInAskInput,
    output: HandInAskOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const [campaign, { self, children }] = await Promise.all([getCampaign(db, input.campaignId), counterWithChildren(db, input.campaignId, org._id)]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      if (!self) throw new AppError('PROGRESS.NOT_PLANNED');
      unwrap(handInCallRefusal(input.deadline, children.length, now));
      const note = input.note ?? '';
      // Asking again moves the deadline (or the note); what was handed in stays handed in.
      const call = { deadline: input.deadline, note, by: actorId(caller), at: now };
      return mutation({ orgId: org._id, deadline: input.deadline, note, lowerUnits: children.length }, [
        { kind: 'update', collection: COL.counters, id: self._id, expectedVersion: self.version, patch: { handInCall: db.command.set(call) } },
      ]);
    },
  }),

  'handin.submit': defineAction({
    input: HandInSubmitInput,
    output: HandInSubmitOutput,
    mutating: true,
    texts: (i) => [i.text],
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const { self, parent } = await counterAndParent(db, input.campaignId, org._id, org.parentId);
      if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
      const files = input.files ?? [];
      const { late } = unwrap(handInRefusal(parent?.handInCall ?? null, self.handIn ?? null, input.text, files, org.tenantId, now));
      const handIn = { text: input.text.trim(), files: files.map((f) => ({ fileID: f.fileID, name: f.name })), by: actorId(caller), at: now };
      return mutation({ orgId: org._id, at: now, late, files: files.length }, [
        { kind: 'update', collection: COL.counters, id: self._id, expectedVersion: self.version, patch: { handIn: db.command.set(handIn) } },
      ]);
    },
  }),

  'handin.get': defineAction({
    input: HandInGetInput,
    output: HandInGetOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const { self, parent } = await counterAndParent(db, input.campaignId, org._id, org.parentId);
      if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
      const call = parent?.handInCall ?? null;
      const handIn = self.handIn ?? null;
      const mine = org.secretaryId !== null && org.secretaryId === caller.personId;
      const state = call && handIn ? handInState(call, handIn, now) : handIn ? 'IN' : null;
      return {
        orgId: org._id,
        orgName: org.name,
        upperOrgName: parent?.name ?? null,
        deadline: call?.deadline ?? null,
        note: call?.note ?? '',
        handIn:
          handIn && (state === 'IN' || state === 'LATE')
            ? { text: handIn.text, at: handIn.at, state, stateLabel: HAND_IN_STATE_LABELS[state], files: handIn.files }
            : null,
        canHandIn: mine && handInOpen(call, handIn, now),
        uploadFolder: handInFolder(org.tenantId),
      };
    },
  }),
};
