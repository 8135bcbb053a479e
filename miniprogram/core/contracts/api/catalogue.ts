/**
 * The api's action catalogue: the input and output contract of every action, by name. The server's
 * action table `satisfies` it (cloudfunctions/api/src/actions.ts) and the client's types derive from it
 * (services/api-types.ts), so the mini program learns the api from the contracts, never from the server.
 */
import { EmptyInput } from './common';
import { LiaisonInput, OrgAssignSecretaryInput, OrgBindGroupInput, OrgCreateInput, OrgMoveInput, OrgRefInput, OrgResolveGroupInput, OrgSetCommitteeInput, OrgUpdateInput, OrgVersionedInput, PersonCreateInput, PersonMoveInput, PersonRetireInput, PersonUpdateInput, RosterImportInput, TenantAddAdminInput, TenantBootstrapInput, TenantUpdateInput } from './org';
import { CampaignGetOutput, CampaignListOutput, CampaignPlanOutput, ClaimDecideOutput, ClaimListOutput, ClaimSubmitOutput, CommitmentListOutput, CommitmentSaveOutput, EditedOutput, HomeOutput, InvitationCreateOutput, InvitationOpenOutput, LiaisonOutput, MeOutput, ModerationListOutput, ModerationReleaseOutput, OpinionGivenOutput, OpinionInviteOutput, OpinionListOutput, OpinionOpenInviteOutput, OpinionWithdrawOutput, OrgBindGroupOutput, OrgGetOutput, OrgMoveOutput, OrgResolveGroupOutput, OrgTreeOutput, ProgressAssessOutput, ProgressGapsOutput, ProgressGetOutput, ProgressHistoryOutput, ProgressNudgeOutput, ProgressSubmitOutput, PublicationDraftOutput, PublicationGetOutput, PublicationListOutput, PublicationPreviewOutput, PublicationPublishOutput, RectificationActOutput, RectificationGetOutput, ReportSaveOutput, ReportStatusOutput, ReviewExemplaryOutput, ReviewGetOutput, ReviewReceivedOutput, ReviewSaveBatchOutput, ReviewSaveOutput, RosterImportOutput, SessionGetOutput, SessionListOutput, SessionStartOutput, SessionUpdateOutput, TenantAddAdminOutput, TenantBootstrapOutput, TenantGetOutput, TenantUpdateOutput } from './outputs';
import { HandInAskInput, HandInAskOutput, HandInGetInput, HandInGetOutput, HandInSubmitInput, HandInSubmitOutput } from './hand-ins';
import { CampaignPlanInput, ProgressAssessInput, ProgressSubmitInput, ProgressGapsInput, ProgressHistoryInput, ProgressRefInput, RequirementListInput, RequirementListOutput } from './progress';
import { SessionCardInput, SessionCardOutput } from './session-card';
import { NoticeLinkInput, NoticeLinkOutput, NoticeLinkRefInput, NoticeOpenOutput, NoticeRevokeOutput, NoticeSourcesInput, NoticeSourcesOutput } from './notice';
import { SessionNudgeInput, SessionNudgeOutput, SubscriptionRecordInput, SubscriptionStateOutput } from './reminders';
import { OpinionInvitationRefInput, OpinionInviteInput, OpinionSubmitByInviteInput, OpinionSubmitInput, OpinionWithdrawInput, PublicationDraftInput, PublicationListInput, PublicationPreviewInput, PublicationPublishInput, PublicationRefInput, RectificationActInput, RectificationRefInput, ReportEnterInput, ReportSaveInput, ReviewExemplaryInput, ReviewRefInput, ReviewSaveBatchInput, ReviewSaveInput, SessionGetInput, SessionListInput, SessionRefInput, SessionStartInput, SessionUpdateInput } from './review-work';
import { CampaignCreateInput, CampaignRefInput, CampaignUpdateInput, ClaimDecideInput, ClaimListInput, ClaimSubmitInput, CommitmentListInput, CommitmentSaveMineInput, CommitmentSaveOrgInput, InvitationCreateInput, InvitationRefInput, ModerationReleaseInput } from './work';

import { ProgressAttendOutput, ProgressMarkWeakOutput } from './outputs';
import { ProgressAttendInput, ProgressMarkWeakInput } from './progress';

export const API_CATALOGUE = {
  'campaign.create': { input: CampaignCreateInput, output: EditedOutput },
  'campaign.update': { input: CampaignUpdateInput, output: EditedOutput },
  'campaign.list': { input: EmptyInput, output: CampaignListOutput },
  'campaign.get': { input: CampaignRefInput, output: CampaignGetOutput },
  'campaign.plan': { input: CampaignPlanInput, output: CampaignPlanOutput },
  'commitment.saveMine': { input: CommitmentSaveMineInput, output: CommitmentSaveOutput },
  'commitment.saveOrg': { input: CommitmentSaveOrgInput, output: CommitmentSaveOutput },
  'commitment.list': { input: CommitmentListInput, output: CommitmentListOutput },
  home: { input: EmptyInput, output: HomeOutput },
  'review.received': { input: EmptyInput, output: ReviewReceivedOutput },
  'invitation.create': { input: InvitationCreateInput, output: InvitationCreateOutput },
  'invitation.open': { input: InvitationRefInput, output: InvitationOpenOutput },
  'claim.submit': { input: ClaimSubmitInput, output: ClaimSubmitOutput },
  'claim.list': { input: ClaimListInput, output: ClaimListOutput },
  'claim.decide': { input: ClaimDecideInput, output: ClaimDecideOutput },
  me: { input: EmptyInput, output: MeOutput },
  'moderation.list': { input: EmptyInput, output: ModerationListOutput },
  'moderation.release': { input: ModerationReleaseInput, output: ModerationReleaseOutput },
  'opinion.submit': { input: OpinionSubmitInput, output: OpinionGivenOutput },
  'opinion.invite': { input: OpinionInviteInput, output: OpinionInviteOutput },
  'opinion.openInvite': { input: OpinionInvitationRefInput, output: OpinionOpenInviteOutput },
  'opinion.submitByInvite': { input: OpinionSubmitByInviteInput, output: OpinionGivenOutput },
  'opinion.withdraw': { input: OpinionWithdrawInput, output: OpinionWithdrawOutput },
  'opinion.list': { input: SessionRefInput, output: OpinionListOutput },
  'org.tree': { input: EmptyInput, output: OrgTreeOutput },
  'org.get': { input: OrgRefInput, output: OrgGetOutput },
  'org.create': { input: OrgCreateInput, output: EditedOutput },
  'org.update': { input: OrgUpdateInput, output: EditedOutput },
  'org.move': { input: OrgMoveInput, output: OrgMoveOutput },
  'org.retire': { input: OrgVersionedInput, output: EditedOutput },
  'org.assignSecretary': { input: OrgAssignSecretaryInput, output: EditedOutput },
  'org.setCommittee': { input: OrgSetCommitteeInput, output: EditedOutput },
  'org.bindGroup': { input: OrgBindGroupInput, output: OrgBindGroupOutput },
  'org.resolveGroup': { input: OrgResolveGroupInput, output: OrgResolveGroupOutput },
  'person.create': { input: PersonCreateInput, output: EditedOutput },
  'person.update': { input: PersonUpdateInput, output: EditedOutput },
  'person.move': { input: PersonMoveInput, output: EditedOutput },
  'person.retire': { input: PersonRetireInput, output: EditedOutput },
  'liaison.assign': { input: LiaisonInput, output: LiaisonOutput },
  'liaison.remove': { input: LiaisonInput, output: LiaisonOutput },
  'progress.get': { input: ProgressRefInput, output: ProgressGetOutput },
  'progress.assess': { input: ProgressAssessInput, output: ProgressAssessOutput },
  'progress.markWeak': { input: ProgressMarkWeakInput, output: ProgressMarkWeakOutput },
  'progress.attend': { input: ProgressAttendInput, output: ProgressAttendOutput },
  'progress.gaps': { input: ProgressGapsInput, output: ProgressGapsOutput },
  'progress.submit': { input: ProgressSubmitInput, output: ProgressSubmitOutput },
  'handin.ask': { input: HandInAskInput, output: HandInAskOutput },
  'handin.submit': { input: HandInSubmitInput, output: HandInSubmitOutput },
  'handin.get': { input: HandInGetInput, output: HandInGetOutput },
  'progress.nudge': { input: ProgressRefInput, output: ProgressNudgeOutput },
  'progress.history': { input: ProgressHistoryInput, output: ProgressHistoryOutput },
  'publication.draft': { input: PublicationDraftInput, output: PublicationDraftOutput },
  'publication.preview': { input: PublicationPreviewInput, output: PublicationPreviewOutput },
  'publication.publish': { input: PublicationPublishInput, output: PublicationPublishOutput },
  'publication.get': { input: PublicationRefInput, output: PublicationGetOutput },
  'publication.list': { input: PublicationListInput, output: PublicationListOutput },
  'notice.sources': { input: NoticeSourcesInput, output: NoticeSourcesOutput },
  'notice.link': { input: NoticeLinkInput, output: NoticeLinkOutput },
  'notice.open': { input: NoticeLinkRefInput, output: NoticeOpenOutput },
  'notice.revoke': { input: NoticeLinkRefInput, output: NoticeRevokeOutput },
  'rectification.act': { input: RectificationActInput, output: RectificationActOutput },
  'rectification.get': { input: RectificationRefInput, output: RectificationGetOutput },
  'subscription.record': { input: SubscriptionRecordInput, output: SubscriptionStateOutput },
  'subscription.get': { input: EmptyInput, output: SubscriptionStateOutput },
  'report.save': { input: ReportSaveInput, output: ReportSaveOutput },
  'report.enter': { input: ReportEnterInput, output: ReportSaveOutput },
  'report.status': { input: SessionRefInput, output: ReportStatusOutput },
  'session.nudge': { input: SessionNudgeInput, output: SessionNudgeOutput },
  'requirement.list': { input: RequirementListInput, output: RequirementListOutput },
  'review.save': { input: ReviewSaveInput, output: ReviewSaveOutput },
  'review.saveBatch': { input: ReviewSaveBatchInput, output: ReviewSaveBatchOutput },
  'review.get': { input: ReviewRefInput, output: ReviewGetOutput },
  'review.exemplary': { input: ReviewExemplaryInput, output: ReviewExemplaryOutput },
  'roster.import': { input: RosterImportInput, output: RosterImportOutput },
  'session.start': { input: SessionStartInput, output: SessionStartOutput },
  'session.update': { input: SessionUpdateInput, output: SessionUpdateOutput },
  'session.get': { input: SessionGetInput, output: SessionGetOutput },
  'session.list': { input: SessionListInput, output: SessionListOutput },
  'session.card': { input: SessionCardInput, output: SessionCardOutput },
  'tenant.bootstrap': { input: TenantBootstrapInput, output: TenantBootstrapOutput },
  'tenant.addAdmin': { input: TenantAddAdminInput, output: TenantAddAdminOutput },
  'tenant.get': { input: EmptyInput, output: TenantGetOutput },
  'tenant.update': { input: TenantUpdateInput, output: TenantUpdateOutput },
} as const;

/** Every action of the api, by name. */
export type CatalogueName = keyof typeof API_CATALOGUE;
