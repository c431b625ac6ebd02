/**
 * What a transition asks the caller to do, as data. The calls service turns
 * each into rows in the same transaction as the state change (notifications,
 * frozen terms, change-log entries, tranche releases); a pure test can assert
 * on them without a database.
 */
export type Audience =
  /** Programme officers of the centre. */
  | 'officers'
  /** Members of the call's demand-owner organisation. */
  | 'demand_owner'
  /** Every team with an application to the call (beyond draft). */
  | 'applicants'
  /** The team of the application in question. */
  | 'applicant'
  /** Experts with an active assignment on the call (or on the application). */
  | 'reviewers'
  /** Enterprises and teams whose fields match the call's (the "new call in your field" notice). */
  | 'matching_members';

export type NotificationTemplate =
  | 'call_submitted_for_review'
  | 'call_returned'
  | 'call_published'
  | 'call_closed'
  | 'call_review_started'
  | 'call_awarded'
  | 'call_execution_started'
  | 'call_accepted'
  | 'call_terminated'
  | 'application_submitted'
  | 'application_withdrawn'
  | 'application_eligible'
  | 'application_ineligible'
  | 'application_shortlisted'
  | 'application_awarded'
  | 'application_rejected'
  | 'appeal_lodged'
  | 'appeal_answered'
  | 'application_completed'
  | 'application_terminated'
  | 'review_assigned'
  | 'review_recused'
  | 'review_submitted'
  | 'milestone_evidence_submitted'
  | 'milestone_accepted'
  | 'milestone_rejected'
  | 'tranche_released'
  | 'milestone_cancelled';

export type WorkflowEffect =
  | { type: 'notify'; audience: Audience; template: NotificationTemplate }
  /** Freeze the IP template's terms (and the payment schedule) as published. */
  | { type: 'freeze_terms' }
  /** Add a line to the public change log of the call. */
  | { type: 'change_log'; entry: string }
  /** Move every child record (the call's applications, the application's milestones) in one of `fromStates` by `action`, as the system. */
  | { type: 'cascade'; resource: 'applications' | 'milestones'; fromStates: readonly string[]; action: string }
  /** Record the appeal (lodged or answered). */
  | { type: 'record_appeal'; outcome: 'lodged' | 'upheld' | 'dismissed' }
  /** Pay the milestone's tranche. */
  | { type: 'release_tranche'; amount: number }
  /** Stamp a timestamp column (`submittedAt`, `verifiedAt` …) with now. */
  | { type: 'stamp'; field: string };
