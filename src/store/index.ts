/**
 * The Prisma implementation of the core's Store port. Every query is scoped
 * by tenant; every write is one transaction with its audit event, or joins
 * the one `transaction` opened.
 */
import type { Store } from "../core/index.js";
import type { StoreContext } from "./client.js";
import type { Client, Database } from "./database.js";
import { allocationsRepository } from "./repositories/allocations.js";
import { auditRepository } from "./repositories/audit.js";
import { budgetsRepository } from "./repositories/budgets.js";
import { changeRequestsRepository } from "./repositories/change-requests.js";
import { chartersRepository } from "./repositories/charters.js";
import { closeOutsRepository } from "./repositories/close-outs.js";
import { costsRepository } from "./repositories/costs.js";
import { kpisRepository } from "./repositories/kpis.js";
import { membersRepository } from "./repositories/members.js";
import { milestonesRepository } from "./repositories/milestones.js";
import { projectRolesRepository } from "./repositories/project-roles.js";
import { projectsRepository } from "./repositories/projects.js";
import { risksRepository } from "./repositories/risks.js";
import { reportSchedulesRepository } from "./repositories/report-schedules.js";
import { stakeholdersRepository } from "./repositories/stakeholders.js";
import { standupsRepository } from "./repositories/standups.js";
import { tasksRepository } from "./repositories/tasks.js";
import { tenantsRepository } from "./repositories/tenants.js";
import { inTransaction, joined } from "./write.js";

export { openDatabase, resolveDatabaseUrl, type Database, type DatabaseUrl, type Provider } from "./database.js";
export { migrate, migrationsDirectory } from "./migrate.js";

export function createStore(db: Database): Store {
  return storeOn({ prisma: db.prisma, provider: db.provider, knownTenants: new Set() });
}

/** The tenants known outside, and those a transaction learns, kept to itself: the rows it wrote may roll back. */
class KnownInTransaction extends Set<string> {
  constructor(private readonly outside: ReadonlySet<string>) {
    super();
  }

  override has(tenantId: string): boolean {
    return super.has(tenantId) || this.outside.has(tenantId);
  }
}

/** The repositories on a context: the database's, or those of one open transaction. */
function storeOn(ctx: StoreContext): Store {
  const store: Store = {
    transaction(scope, work, options = {}) {
      const open = ctx.open;
      if (open) {
        // Nested: the same transaction, the same store.
        if (scope.tenantId !== open.tenantId) throw new Error("A store transaction writes for one tenant; this one is for another.");
        return joined(options, () => work(store));
      }
      return inTransaction(ctx, options, (tx) =>
        work(
          storeOn({
            // The open transaction's client stands in for the database's: the repositories only query through it.
            prisma: tx as unknown as Client,
            provider: ctx.provider,
            knownTenants: new KnownInTransaction(ctx.knownTenants),
            open: { tx, tenantId: scope.tenantId, root: ctx.prisma },
          }),
        ),
      );
    },
    tenants: tenantsRepository(ctx),
    members: membersRepository(ctx),
    projects: projectsRepository(ctx),
    roles: projectRolesRepository(ctx),
    tasks: tasksRepository(ctx),
    costs: costsRepository(ctx),
    budgets: budgetsRepository(ctx),
    risks: risksRepository(ctx),
    milestones: milestonesRepository(ctx),
    kpis: kpisRepository(ctx),
    allocations: allocationsRepository(ctx),
    stakeholders: stakeholdersRepository(ctx),
    audit: auditRepository(ctx),
    standups: standupsRepository(ctx),
    reportSchedules: reportSchedulesRepository(ctx),
    changes: changeRequestsRepository(ctx),
    charters: chartersRepository(ctx),
    closeOuts: closeOutsRepository(ctx),
  };
  return store;
}
export { activeStandupSchedules } from "./repositories/standups.js";
export { activeReportSchedules } from "./repositories/report-schedules.js";
export { claimsRepository, type ClaimsRepository, type ClaimStatus, type FinishStatus, type JobClaim } from "./repositories/claims.js";
export {
  conversationRefsRepository,
  type ConversationRefInput,
  type ConversationRefKind,
  type ConversationRefsRepository,
  type StoredConversationRef,
} from "./repositories/conversation-refs.js";
export {
  ERASURE_ACTOR,
  FORGOTTEN_NAME,
  FORGOTTEN_TEXT,
  memberErasureRepository,
  type ErasureCounts,
  type ForgottenMember,
  type MemberErasureRepository,
} from "./repositories/member-erasure.js";
export {
  installationsRepository,
  type InstallationsRepository,
  type InstallationsSource,
  type SlackInstallationInput,
  type StoredSlackInstallation,
} from "./repositories/installations.js";
export { decryptSecret, encryptSecret, parseEncryptionKey, SecretError } from "./secrets.js";
