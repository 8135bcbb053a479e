/**
 * 整改落实: the target drafts measures and replies in writing; the reviewer confirms or sends back;
 * the reviewer, a secretary above or the office imposes a deadline (限期整改) on a weak target.
 * OVERDUE is derived at read time from `now`, never stored.
 */
import { RectificationActOutput, RectificationGetOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { RectificationActInput, RectificationRefInput } from '../../../../miniprogram/core/contracts/api/review-work';
import type { Rectification } from '../../../../miniprogram/core/contracts/rectification';
import {
  confirmRectification,
  imposeDeadline,
  planRectification,
  rectificationDisplayStatus,
  replyRectification,
  sendBackRectification,
  type Actor,
} from '../../../../miniprogram/core/domain/workflow';
import type { Result } from '../../../../miniprogram/core/errors';
import { type Caller, type Deps } from '../frame/action';
import { AppError, unwrap } from '../frame/errors';
import { mutation } from '../frame/uow';
import { getRectification } from '../repositories/work';
import type { RectificationDoc } from '../repositories/work-docs';
import { answersFor } from '../../../../miniprogram/core/domain/visibility';
import { defineAction, scopeOfOrg, withEntity, type EntityScope } from '../shared/scope';
import { callerRectificationRoles, rectificationView } from '../shared/rectifications';
import { actorId, rectificationOf } from '../shared/work';

/** The target acts at its own org; everyone else at the reviewing org. */
async function rectScope(input: { rectificationId: string }, caller: Caller, deps: Deps): Promise<EntityScope<RectificationDoc>> {
  const doc = await getRectification(deps.db, input.rectificationId);
  if (!doc) throw new AppError(caller.tenantId ? 'RECTIFICATION.NOT_FOUND' : 'AUTH.UNBOUND');
  if (caller.tenantId && doc.tenantId !== caller.tenantId) throw new AppError('AUTH.OTHER_TENANT');
  return withEntity(await scopeOfOrg(answersFor(caller, doc.target) ? doc.target.orgId : doc.orgId, caller, deps), doc);
}

export const rectificationActions = {
  'rectification.act': defineAction({
    input: RectificationActInput,
    output: RectificationActOutput,
    mutating: true,
    texts: (i) => [i.event === 'PLAN' ? i.plan : '', i.event === 'REPLY' ? i.reply : '', i.event === 'SEND_BACK' || i.event === 'IMPOSE_DEADLINE' ? i.reason : ''],
    scope: rectScope,
    run: async (uc) => {
      const { input, caller, now, moderation } = uc;
      const doc = uc.scope.entity;
      if (doc.version !== input.version) throw new AppError('CONFLICT');
      const actor: Actor = { personId: actorId(caller), roles: await callerRectificationRoles(uc, caller, doc, uc.scope.orgDoc), now };
      const r = rectificationOf(doc);
      const step: Result<Rectification> =
        input.event === 'PLAN'
          ? planRectification(r, input.plan, actor)
          : input.event === 'REPLY'
            ? replyRectification(r, input.reply, actor)
            : input.event === 'CONFIRM'
              ? confirmRectification(r, actor)
              : input.event === 'SEND_BACK'
                ? sendBackRectification(r, input.reason, actor)
                : imposeDeadline(r, input.deadline, input.reason, actor);
      const next = unwrap(step);
      const byTarget = input.event === 'PLAN' || input.event === 'REPLY';
      const patch = {
        status: next.status,
        plan: next.plan,
        reply: next.reply,
        repliedAt: next.repliedAt,
        confirmedAt: next.confirmedAt,
        deadline: next.deadline,
        imposed: next.imposed,
        history: uc.db.command.set(next.history),
        updatedAt: now,
        // The target's text is what msgSecCheck judged; a reviewer's reason does not release it.
        moderation: byTarget ? moderation : doc.moderation,
      };
      const data = { rectificationId: doc._id, status: next.status, displayStatus: rectificationDisplayStatus(next, now), version: doc.version + 1 };
      return mutation(data, [{ kind: 'update', collection: COL.rectifications, id: doc._id, expectedVersion: doc.version, patch }]);
    },
  }),

  'rectification.get': defineAction({
    input: RectificationRefInput,
    output: RectificationGetOutput,
    mutating: false,
    scope: rectScope,
    run: async (uc) => {
      const doc = uc.scope.entity;
      const roles = await callerRectificationRoles(uc, uc.caller, doc, uc.scope.orgDoc);
      if (!roles.length) throw new AppError('SCOPE.FORBIDDEN', '只有被点评对象、点评人及其上级可以查看整改情况');
      // The roles tell the screen which actions to offer (the target replies, the reviewer confirms).
      return { rectification: rectificationView(doc, uc.now, roles.includes('TARGET')), roles };
    },
  }),
};
