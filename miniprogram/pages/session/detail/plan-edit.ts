/**
 * 修改时间地点 on 点评活动: the session's date, place and deadlines, changed until its notice is published
 * (`session.update`), checked on the phone with the core's plan rules before anything is sent. Kept apart
 * from the page so the page's own steps and this edit change independently.
 */
import { formsOf } from '../../../behaviors/page';
import { call, fieldErrors } from '../../../services/api';
import { cstToday } from '../../../services/format';
import { sessionPlanProblems } from '../../../core/domain/session-plan';

/** The plan as the edit shows it. */
export interface PlanFields {
  date: string;
  place: string;
  reportDeadline: string;
  opinionDeadline: string;
}

interface PlanPage {
  data: { id: string; plan: PlanFields; planVersion: number };
  setData(data: Record<string, unknown>): void;
  load(quiet: boolean): Promise<unknown>;
}

const ORDER: Array<keyof PlanFields> = ['date', 'place', 'reportDeadline', 'opinionDeadline'];

/** The edit's data and handlers; the page calls `setPlan` with what `session.get` returned. */
export const planEditBehavior = Behavior({
  data: {
    canEditPlan: false,
    editingPlan: false,
    plan: { date: '', place: '', reportDeadline: '', opinionDeadline: '' } as PlanFields,
    planVersion: 0,
    planErrors: {} as Record<string, string>,
    savingPlan: false,
  },
  methods: {
    /** Takes the session as read; an edit under way keeps what was typed. */
    setPlan(this: PlanPage & { data: { editingPlan: boolean } }, s: { date: string; place: string; reportDeadline: string | null; opinionDeadline: string | null; version: number }, may: boolean) {
      if (this.data.editingPlan) {
        this.setData({ canEditPlan: may, planVersion: s.version });
        return;
      }
      this.setData({ canEditPlan: may, planVersion: s.version, plan: { date: s.date, place: s.place, reportDeadline: s.reportDeadline ?? '', opinionDeadline: s.opinionDeadline ?? '' } });
    },
    editPlan(this: PlanPage) {
      this.setData({ editingPlan: true, planErrors: {} });
    },
    cancelPlan(this: PlanPage) {
      this.setData({ editingPlan: false, planErrors: {} });
      return this.load(true);
    },
    onPlanField(this: PlanPage, e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ [`plan.${field}`]: e.detail.value, [`planErrors.${field}`]: '' });
    },
    async savePlan(this: PlanPage) {
      const p = this.data.plan;
      const input = { date: p.date, place: p.place, reportDeadline: p.reportDeadline || null, opinionDeadline: p.opinionDeadline || null };
      const errors: Record<string, string> = {};
      for (const problem of sessionPlanProblems(input, cstToday())) errors[problem.path[0]] = errors[problem.path[0]] ?? problem.message;
      if (Object.keys(errors).length === 0) {
        this.setData({ savingPlan: true });
        const reply = await call('session.update', { sessionId: this.data.id, version: this.data.planVersion, ...input }, { intent: formsOf(this).of('plan'), loading: '保存中' });
        this.setData({ savingPlan: false });
        if (reply.ok) {
          formsOf(this).done('plan');
          this.setData({ editingPlan: false, planErrors: {} });
          wx.showToast({ title: '时间地点已修改', icon: 'success' });
          await this.load(true);
          return;
        }
        Object.assign(errors, fieldErrors(reply.error));
      }
      this.setData({ planErrors: errors });
      const first = ORDER.find((f) => errors[f]);
      if (first) wx.pageScrollTo({ selector: `#plan-${first}`, duration: 200 });
    },
  },
});
