import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  type Identity,
  isUuid,
  NotFoundError,
  ProblemCollector,
  requireCbp,
  ServiceUnavailableError,
  textProblem,
} from '@cee-hub/common';
import { toGraphQLError } from '@cee-hub/common/temporal';
import {
  actorOfIdentity,
  MAX_DEACTIVATION_REASON,
  STAFF_DEACTIVATION_WORKFLOW_TYPE,
  type StaffDeactivationInput,
  type StaffDeactivationResult,
  staffDeactivationWorkflowId,
} from '@cee-hub/contracts';
import { STAFF_ROLES, StaffMemberRow, type StaffRole } from '@cee-hub/db';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { type DataSource, QueryFailedError } from 'typeorm';
import { recordDirectoryEvent } from './directory-audit';
import type { CenterService } from './center.service';
import { staffRecord } from './staff-record';

/** How the centers subgraph reaches Temporal (for deactivations); `client()` is undefined while it cannot connect. */
export interface CentersTemporal {
  client(): Promise<Client | undefined>;
  taskQueue: string;
}

export interface AddStaffMemberData {
  centerId?: string | null;
  name: string;
  email: string;
  role: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const isCenterRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * Who keeps the people of a Center (`centerId`; null: HQ admins): CBP admins any Center and HQ;
 * a Center's director their own Center's staff, except directors (their own role included).
 */
export function requireStaffKeeper(identity: Identity, centerId: string | null, role?: string): void {
  requireCbp(identity, "change the directory's people");
  if (identity.role === 'ADMIN') return;
  if (identity.role !== 'CENTER_DIRECTOR') throw new ForbiddenError("Only CBP admins and a Center's director keep the directory's people");
  if (centerId === null || centerId !== identity.centerId) {
    throw new ForbiddenError(`A Center director keeps the staff of their own Center (${identity.centerId}) only; ask a CBP admin for others`);
  }
  if (role === 'CENTER_DIRECTOR' || role === 'ADMIN') throw new ForbiddenError('Directors and HQ admins are appointed by CBP admins');
}

/** Admins, and a Center's director for their own Center's people: keep the people of the directory. */
export class StaffAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly centers: CenterService,
    private readonly temporal: CentersTemporal | undefined,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(StaffMemberRow);
  }

  /** A person `identity` may keep; anyone else (another Center's, or unknown) is NOT_FOUND. */
  private async keptPerson(identity: Identity, id: string): Promise<StaffMemberRow> {
    requireCbp(identity, "change the directory's people");
    if (identity.role !== 'ADMIN' && identity.role !== 'CENTER_DIRECTOR') throw new ForbiddenError("Only CBP admins and a Center's director keep the directory's people");
    const row = isUuid(id) ? await this.repository.findOneBy({ id }) : null;
    const visible = row && (identity.role === 'ADMIN' || row.centerId === identity.centerId);
    if (!row || !visible) throw new NotFoundError(`No staff member has the id ${id}`);
    requireStaffKeeper(identity, row.centerId, row.role);
    if (!row.active) throw new ConflictError(`${row.email} was deactivated on ${row.deactivatedAt!.toISOString().slice(0, 10)}; a deactivated person does not change`);
    return row;
  }

  async add(identity: Identity, input: AddStaffMemberData): Promise<StaffMemberRow> {
    const centerId = input.centerId?.trim() || null;
    requireStaffKeeper(identity, centerId, input.role);
    const problems = new ProblemCollector();
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    if (name.length < 2 || name.length > 200) problems.add('name', 'give the person’s name, 2 to 200 characters');
    if (!EMAIL.test(email) || email.length > 254) problems.add('email', `'${input.email}' is not an email address like jane.doe@cbp.example`);
    if (input.role === 'ADMIN' && centerId) problems.add('centerId', 'an HQ admin belongs to no Center: leave centerId out');
    if (input.role !== 'ADMIN' && !centerId) problems.add('centerId', `a ${input.role} belongs to a Center: give its id`);
    problems.throwIfAny();
    if (centerId) await this.centers.get(centerId);
    const taken = await this.repository.findOneBy({ email });
    if (taken) throw this.emailTaken(taken);
    return this.dataSource.transaction(async (manager) => {
      const row = manager.getRepository(StaffMemberRow).create({ name, email, role: input.role as StaffRole | 'ADMIN', centerId, active: true, deactivatedAt: null, deactivationReason: null });
      try {
        await manager.getRepository(StaffMemberRow).insert(row);
      } catch (error) {
        // Two additions of one email at once: the unique index decides, and the loser hears why.
        if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') throw new ConflictError(`A CBP person with the email ${email} exists already`);
        throw error;
      }
      await recordDirectoryEvent(manager, identity, { type: 'STAFF_ADDED', centerId, staffMemberId: row.id, before: null, after: staffRecord(row) });
      return row;
    });
  }

  private emailTaken(row: StaffMemberRow): ConflictError {
    const where = row.centerId ? `at the ${row.centerId} Center` : 'at HQ';
    return new ConflictError(`The email ${row.email} belongs to ${row.name} (${row.role} ${where}${row.active ? '' : ', deactivated'}); every CBP person has their own`);
  }

  async changeRole(identity: Identity, id: string, role: string): Promise<StaffMemberRow> {
    const row = await this.keptPerson(identity, id);
    requireStaffKeeper(identity, row.centerId, role);
    if (row.role === 'ADMIN' || role === 'ADMIN' || !isCenterRole(role)) {
      throw new BadUserInputError({ field: 'role', message: 'HQ admins and Center staff are different people: add an admin (or a staff member) instead of changing the role' });
    }
    if (row.role === role) throw new ConflictError(`${row.email} is a ${role} already`);
    return this.dataSource.transaction(async (manager) => {
      const before = staffRecord(row);
      row.role = role;
      await manager.getRepository(StaffMemberRow).update({ id: row.id }, { role });
      await recordDirectoryEvent(manager, identity, { type: 'STAFF_ROLE_CHANGED', centerId: row.centerId, staffMemberId: row.id, before, after: staffRecord(row) });
      return row;
    });
  }

  /**
   * Deactivates a person through the staff deactivation workflow, which marks them inactive
   * and releases their claims through the review workflows; answers once it has done both.
   * Refused input, or Temporal out of reach, changes nothing.
   */
  async deactivate(identity: Identity, id: string, reason: string): Promise<{ row: StaffMemberRow; result: StaffDeactivationResult }> {
    const row = await this.keptPerson(identity, id);
    const trimmed = reason.trim();
    if (!trimmed) throw new BadUserInputError({ field: 'reason', message: 'say why the person is deactivated (it is kept in the audit log)' });
    const problem = textProblem(trimmed, MAX_DEACTIVATION_REASON);
    if (problem) throw new BadUserInputError({ field: 'reason', message: problem });
    if (identity.subject === row.id || identity.email?.toLowerCase() === row.email) throw new ConflictError('You cannot deactivate yourself; ask another admin');
    const client = await this.temporal?.client();
    if (!client) throw new ServiceUnavailableError('Deactivation is unavailable: the workflow service (Temporal) cannot be reached; nothing was changed, try again later');
    const input: StaffDeactivationInput = { staffMemberId: row.id, actor: actorOfIdentity(identity), reason: trimmed };
    let result: StaffDeactivationResult;
    try {
      result = await client.workflow.execute(STAFF_DEACTIVATION_WORKFLOW_TYPE, {
        taskQueue: this.temporal!.taskQueue,
        workflowId: staffDeactivationWorkflowId(row.id),
        args: [input],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw new ConflictError(`${row.email} is being deactivated already`);
      toGraphQLError(error);
    }
    return { row: (await this.repository.findOneBy({ id: row.id }))!, result };
  }
}
