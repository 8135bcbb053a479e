// Where each step of a session (the core's sessionStage) is done: one map for 待办 and 点评活动.
import type { SessionStep } from '../core/domain/session-stage';

const q = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/** The page a session step opens. */
export function sessionStepUrl(step: SessionStep, s: { sessionId: string; orgId: string }): string {
  const urls: Record<SessionStep, string> = {
    REPORTS: `/pages/session/reports/reports?${q({ id: s.sessionId })}`,
    OPINIONS: `/pages/session/opinions/opinions?${q({ id: s.sessionId })}`,
    ENTER: `/pages/session/batch/batch?${q({ id: s.sessionId })}`,
    PUBLISH: `/pages/publication/publish/publish?${q({ sessionId: s.sessionId, orgId: s.orgId })}`,
    NOTICE: `/pages/publication/publish/publish?${q({ sessionId: s.sessionId, orgId: s.orgId, published: '1' })}`,
  };
  return urls[step];
}
