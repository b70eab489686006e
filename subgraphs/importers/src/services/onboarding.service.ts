import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  type Identity,
  isStaffRole,
  isUuid,
  NotFoundError,
  ServiceUnavailableError,
  today,
} from '@cee-hub/common';
import { checkStepDocuments } from '@cee-hub/common/subgraph';
import { refusalError, toGraphQLError } from '@cee-hub/common/temporal';
import {
  actorOfIdentity,
  appliedOnboarding,
  type OnboardingAction,
  type OnboardingDurations,
  type OnboardingInput,
  type OnboardingState,
  ONBOARDING_UPDATES,
  ONBOARDING_WORKFLOW_TYPE,
  onboardingWorkflowId,
  OPEN_ONBOARDING_STATES,
  refuseOnboardingAction,
} from '@cee-hub/contracts';
import { FederalRegisterNoticeRow, OnboardingEventRow, OnboardingRow } from '@cee-hub/db';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { GraphQLError } from 'graphql';
import { type DataSource, In } from 'typeorm';
import { UnknownImporterError } from '../errors';
import { volunteeringProblems } from './notice.service';
import { recordOnboardingChange } from './onboarding.store';

/** How the subgraph reaches Temporal; `client()` is undefined while it cannot connect. */
export interface OnboardingTemporal {
  client(): Promise<Client | undefined>;
  taskQueue: string;
  durations: OnboardingDurations;
}

export class OnboardingUnavailableError extends ServiceUnavailableError {
  constructor() {
    super('Volunteer onboarding is unavailable: the workflow service (Temporal) cannot be reached; try again later');
  }
}

export interface OnboardingFilter {
  state?: OnboardingState;
  centerId?: string;
}

export interface OnboardingPageData {
  rows: OnboardingRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface StaffContactData {
  id: string;
  name: string;
  email: string;
}

/** Admins see every application, an importer its own, staff those their Center reviews now. */
export function canSeeOnboarding(identity: Identity, row: Pick<OnboardingRow, 'importerId' | 'centerId'>): boolean {
  if (identity.role === 'ADMIN') return true;
  if (identity.role === 'IMPORTER') return identity.importerId === row.importerId;
  if (isStaffRole(identity.role)) return identity.centerId !== undefined && identity.centerId === row.centerId;
  return false;
}

const CENTER_ID = /^[A-Z][A-Z_]{1,15}$/;

/**
 * Volunteer onboarding from the graph: starts the workflow, sends decisions to it as Temporal
 * Updates, and reads applications from the tables the workflow records them in.
 */
export class OnboardingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: OnboardingTemporal | undefined,
  ) {}

  private async client(): Promise<Client> {
    const client = await this.temporal?.client();
    if (!client) throw new OnboardingUnavailableError();
    return client;
  }

  private get repository() {
    return this.dataSource.getRepository(OnboardingRow);
  }

  /** The importer's latest application, if any. */
  async latestOf(importerIds: readonly string[]): Promise<Array<OnboardingRow | undefined>> {
    const valid = importerIds.filter(isUuid);
    const rows = valid.length
      ? await this.repository
          .createQueryBuilder('o')
          .distinctOn(['o.importerId'])
          .where('o.importerId IN (:...ids)', { ids: valid })
          .orderBy('o.importerId')
          .addOrderBy('o.createdAt', 'DESC')
          .addOrderBy('o.id', 'DESC')
          .getMany()
      : [];
    const byImporter = new Map(rows.map((row) => [row.importerId, row]));
    return importerIds.map((id) => byImporter.get(id));
  }

  async byId(id: string): Promise<OnboardingRow> {
    const row = await this.findById(id);
    if (!row) throw new NotFoundError(`No application ${id}`);
    return row;
  }

  findById(id: string): Promise<OnboardingRow | null> {
    return isUuid(id) ? this.repository.findOneBy({ id }) : Promise.resolve(null);
  }

  /** Histories of applications, oldest entry first, in the order of `ids`. */
  async eventsOf(ids: readonly string[]): Promise<OnboardingEventRow[][]> {
    const rows = ids.length ? await this.dataSource.getRepository(OnboardingEventRow).find({ where: { onboardingId: In([...ids]) }, order: { seq: 'ASC' } }) : [];
    return ids.map((id) => rows.filter((row) => row.onboardingId === id));
  }

  /** CBP staff by id (account managers), read from the centers domain's staff list. */
  async staffByIds(ids: readonly string[]): Promise<Array<StaffContactData | undefined>> {
    const rows: StaffContactData[] = await this.dataSource.query(`SELECT id, name, email FROM centers.staff_member WHERE id = ANY($1::uuid[])`, [ids.filter(isUuid)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  /** Newest first; `after` is the endCursor of the previous page. */
  async list(filter: OnboardingFilter, first: number, after?: string): Promise<OnboardingPageData> {
    const query = this.repository.createQueryBuilder('o');
    if (filter.state) query.andWhere('o.state = :state', { state: filter.state });
    if (filter.centerId) query.andWhere('o.centerId = :centerId', { centerId: filter.centerId });
    const totalCount = await query.clone().getCount();
    if (after) {
      const [createdAt, id] = decodeCursor(after, ['timestamp', 'uuid']);
      query.andWhere('(o.createdAt, o.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'DESC').take(first + 1).getMany();
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return { rows: page, totalCount, hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  /** Starts the onboarding workflow for the calling importer and records the application. */
  async volunteer(identity: Identity, noticeId: string, centerId: string): Promise<OnboardingRow> {
    if (identity.role !== 'IMPORTER' || !identity.importerId) throw new ForbiddenError('Only a signed-in importer may volunteer, and only for itself');
    if (!CENTER_ID.test(centerId)) throw new BadUserInputError({ field: 'centerId', message: `'${centerId}' is not a Center id like BASE_METALS` });
    const importerId = identity.importerId;
    const [importer]: Array<{ participationStatus: string; participationCenterId: string | null }> = await this.dataSource.query(
      `SELECT participation_status AS "participationStatus", participation_center_id AS "participationCenterId" FROM importers.importer WHERE id = $1::uuid`,
      [isUuid(importerId) ? importerId : null],
    );
    if (!importer) throw new UnknownImporterError(importerId);
    const notice = await this.dataSource.getRepository(FederalRegisterNoticeRow).findOneBy({ id: noticeId });
    if (!notice) throw new NotFoundError(`There is no notice ${noticeId}`);
    // What can be known now is refused now; eligibility (C-TPAT, ISA, ACE) is the workflow's to record.
    const problems = volunteeringProblems(notice, centerId, today());
    if (problems.length) throw new BadUserInputError(problems);
    if (importer.participationStatus === 'PARTICIPATING') {
      throw new ConflictError(`This importer participates in the ${importer.participationCenterId} Center already; withdraw that participation before volunteering again`);
    }
    const client = await this.client();
    const input: OnboardingInput = {
      onboardingId: randomUUID(),
      importerId,
      noticeId,
      chosenCenterId: centerId,
      actor: actorOfIdentity(identity),
      appliedAt: new Date().toISOString(),
      durations: this.temporal!.durations,
    };
    try {
      await client.workflow.start(ONBOARDING_WORKFLOW_TYPE, { taskQueue: this.temporal!.taskQueue, workflowId: onboardingWorkflowId(importerId), args: [input] });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictError('This importer is already in onboarding: withdraw that application or wait for its decision before volunteering again');
      }
      throw error;
    }
    // The workflow records the same first state; whichever is first, the application shows at once.
    const applied = appliedOnboarding(input);
    await this.dataSource.transaction((manager) => recordOnboardingChange(manager, applied.snapshot, applied.event));
    return this.byId(input.onboardingId);
  }

  /** The importer's open application, checked against the same rules the workflow applies. */
  private async openApplication(identity: Identity, importerId: string, action: OnboardingAction): Promise<OnboardingRow> {
    const [row] = await this.latestOf([importerId]);
    if (!row || !OPEN_ONBOARDING_STATES.includes(row.state)) {
      if (row && canSeeOnboarding(identity, row)) throw new ConflictError(`The latest application of importer ${importerId} is ${row.state}; nothing is in progress`);
      throw new NotFoundError(`Importer ${importerId} has no application in progress`);
    }
    const refusal = refuseOnboardingAction(actorOfIdentity(identity), action, row);
    if (refusal) throw refusalError(refusal);
    return row;
  }

  /** Sends an Update to the importer's workflow and returns the application as recorded after it. */
  private async update(row: OnboardingRow, name: (typeof ONBOARDING_UPDATES)[keyof typeof ONBOARDING_UPDATES], args: object): Promise<OnboardingRow> {
    try {
      await (await this.client()).workflow.getHandle(row.workflowId).executeUpdate(name, { args: [args] });
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      toGraphQLError(error);
    }
    return this.byId(row.id);
  }

  async decide(identity: Identity, importerId: string, decision: { decision: OnboardingAction; note?: string | null; question?: string | null; effectiveDate?: string | null }): Promise<OnboardingRow> {
    const row = await this.openApplication(identity, importerId, decision.decision);
    return this.update(row, ONBOARDING_UPDATES.decide, { actor: actorOfIdentity(identity), ...decision });
  }

  async reassign(identity: Identity, importerId: string, centerId: string, note?: string | null): Promise<OnboardingRow> {
    const row = await this.openApplication(identity, importerId, 'REASSIGN');
    return this.update(row, ONBOARDING_UPDATES.reassign, { actor: actorOfIdentity(identity), centerId, note });
  }

  /** The importer's answer, with documents of the application (checked here, before the workflow hears of them). */
  async answer(identity: Identity, answer: string, documentIds?: readonly string[] | null): Promise<OnboardingRow> {
    if (identity.role !== 'IMPORTER' || !identity.importerId) throw new ForbiddenError('Only the importer that volunteered may answer its questions');
    const row = await this.openApplication(identity, identity.importerId, 'ANSWER');
    const documents = await checkStepDocuments(this.dataSource, { type: 'ONBOARDING', id: row.id, noun: 'application' }, documentIds);
    return this.update(row, ONBOARDING_UPDATES.answer, { actor: actorOfIdentity(identity), answer, ...(documents ? { documentIds: documents } : {}) });
  }

  async withdraw(identity: Identity, note?: string | null): Promise<OnboardingRow> {
    if (identity.role !== 'IMPORTER' || !identity.importerId) throw new ForbiddenError('Only the importer that volunteered may withdraw its application');
    const row = await this.openApplication(identity, identity.importerId, 'WITHDRAW');
    return this.update(row, ONBOARDING_UPDATES.withdraw, { actor: actorOfIdentity(identity), note });
  }

  /** A participating importer leaves its Center: its entry summaries go to the ports again. */
  async withdrawParticipation(identity: Identity): Promise<string> {
    if (identity.role !== 'IMPORTER' || !identity.importerId) throw new ForbiddenError('Only a participating importer may withdraw its own participation');
    const [rows] = await this.dataSource.query(
      `UPDATE importers.importer SET participation_status = 'WITHDRAWN', participation_center_id = NULL, participating_since = NULL, account_manager_id = NULL
        WHERE id = $1 AND participation_status = 'PARTICIPATING' RETURNING id`,
      [identity.importerId],
    );
    if (rows.length === 0) throw new ConflictError('This importer does not participate in a Center; there is nothing to withdraw from');
    return identity.importerId;
  }
}
