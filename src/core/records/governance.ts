/** Records of project governance: change requests, charter versions and approvals, close-out. */
export type ChangeStatus = "open" | "approved" | "rejected";
export type ChangeDecisionKind = "approve" | "reject" | "ask";

/** One step in a change request's history: a decision, or a question to the requester. */
export interface ChangeDecision {
  memberId: string;
  decision: ChangeDecisionKind;
  comment: string | null;
  at: Date;
}

/** A requested change of scope, budget or schedule, with its decision log. */
export interface ChangeRequest {
  id: string;
  projectId: string;
  number: number;
  title: string;
  /** Added to the budget on approval, in minor units of the project's currency. */
  costImpact: bigint | null;
  currency: string | null;
  /** Calendar days the project end moves on approval. */
  scheduleDays: number | null;
  scopeText: string | null;
  reason: string | null;
  status: ChangeStatus;
  requestedById: string;
  requestedAt: Date;
  decidedAt: Date | null;
  /** Local date of the last reminder to its approvers (one a day at most). */
  lastRemindedOn: string | null;
  /** Oldest first. */
  decisions: ChangeDecision[];
}

export interface NewChangeRequest {
  title: string;
  costImpact?: bigint | null;
  scheduleDays?: number | null;
  scopeText?: string | null;
  reason?: string | null;
  /** The requester's clock: requestedAt (ages and reminders are counted from it). */
  at: Date;
}

/** Someone who approved a charter version. */
export interface CharterApproval {
  memberId: string;
  approvedAt: Date;
}

/** One saved version of a project's charter; each save makes the next version. */
export interface CharterVersion {
  id: string;
  projectId: string;
  /** 1, 2, 3, ... per project. */
  version: number;
  /** The stored JSON content; core/domain/charter.ts reads its parts. */
  content: unknown;
  createdById: string;
  createdAt: Date;
  /** Oldest first. */
  approvals: CharterApproval[];
}

/** What the team said when the project closed: each part one item per entry. */
export interface PostMortem {
  wentWell: string[];
  didNotGoWell: string[];
  lessons: string[];
  followUps: string[];
}

/** A closed project's post-mortem and the snapshot of its final report. */
export interface CloseOut {
  id: string;
  projectId: string;
  postMortem: PostMortem;
  /** The final report's figures as they were at close (JSON, money as minor-unit strings). */
  finalReport: unknown;
  closedById: string;
  closedAt: Date;
}

export interface NewCloseOut {
  postMortem: PostMortem;
  finalReport: unknown;
  /** The closer's clock: the project's closedAt. */
  at: Date;
}
