import { CenterDirectory } from '@cee-hub/centers/read';
import { addDays, BadUserInputError, ConflictError, type Identity, isIsoDate, NotFoundError, ProblemCollector, requireAdmin, textProblem, today } from '@cee-hub/common';
import { eventActorOf } from '@cee-hub/contracts';
import { CTPAT_TIERS, type CtpatTier, FederalRegisterNoticeRow, NoticeEventRow, type NoticeEventType } from '@cee-hub/db';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

export interface PublishNoticeData {
  citation: string;
  title: string;
  publishedOn: string;
  opensOn: string;
  closesOn?: string | null;
  centerIds: string[];
  eligibility: { qualifyingCtpatTiers: CtpatTier[]; isaQualifies: boolean; aceAccountRequired: boolean; description: string };
  note?: string | null;
}

/** A Federal Register citation: volume, "FR", page (e.g. 91 FR 12345). */
const FR_CITATION = /^([1-9]\d{0,2}) FR ([1-9]\d{0,5})$/;

/** The id a notice gets from its citation: `91 FR 12345` → `91-FR-12345`, as the seeded notices have. */
export function noticeIdOf(citation: string): string {
  return citation.replace(/ /g, '-');
}

/** Checks every field of a notice to publish at once; answers the row to insert. */
export function noticeToPublish(input: PublishNoticeData, knownCenterIds: ReadonlySet<string>): FederalRegisterNoticeRow {
  const problems = new ProblemCollector();
  const citation = input.citation.trim().replace(/\s+/g, ' ');
  if (!FR_CITATION.test(citation)) problems.add('citation', `'${input.citation}' is not a Federal Register citation like 91 FR 12345 (volume, FR, page)`);
  const text = (field: string, value: string | null | undefined, max: number, required: boolean): string | null => {
    const trimmed = value?.trim() ?? '';
    if (!trimmed) {
      if (required) problems.add(field, 'must not be empty');
      return null;
    }
    const problem = textProblem(trimmed, max);
    if (problem) problems.add(field, problem);
    return trimmed;
  };
  const title = text('title', input.title, 500, true);
  const description = text('eligibility.description', input.eligibility.description, 2000, true);
  const note = text('note', input.note, 2000, false);
  const dates: Array<[string, string | null | undefined]> = [['publishedOn', input.publishedOn], ['opensOn', input.opensOn], ['closesOn', input.closesOn]];
  for (const [field, value] of dates) if (value != null && !isIsoDate(value)) problems.add(field, `'${value}' is not a date like 2026-12-01`);
  if (problems.ok && input.opensOn < input.publishedOn) problems.add('opensOn', `a notice opens on or after its publication (${input.publishedOn}), not on ${input.opensOn}`);
  if (problems.ok && input.closesOn && input.closesOn < input.opensOn) problems.add('closesOn', `the last day to volunteer (${input.closesOn}) comes before the first (${input.opensOn})`);
  const centerIds = [...new Set(input.centerIds.map((id) => id.trim()))];
  if (centerIds.length === 0) problems.add('centerIds', 'name at least one Center the notice opens');
  const unknown = centerIds.filter((id) => !knownCenterIds.has(id));
  if (unknown.length) problems.add('centerIds', `no Center has the id ${unknown.join(', ')}; the Centers are ${[...knownCenterIds].sort().join(', ')}`);
  const tiers = [...new Set(input.eligibility.qualifyingCtpatTiers)];
  if (tiers.some((tier) => !(CTPAT_TIERS as readonly string[]).includes(tier))) problems.add('eligibility.qualifyingCtpatTiers', `tiers are ${CTPAT_TIERS.join(', ')}`);
  if (tiers.length === 0 && !input.eligibility.isaQualifies) problems.add('eligibility', 'nobody could volunteer: list a qualifying C-TPAT tier or let ISA membership qualify');
  problems.throwIfAny();
  return Object.assign(new FederalRegisterNoticeRow(), {
    id: noticeIdOf(citation),
    citation,
    title: title!,
    publishedOn: input.publishedOn,
    opensOn: input.opensOn,
    closesOn: input.closesOn ?? null,
    centerIds,
    qualifyingCtpatTiers: tiers,
    isaQualifies: input.eligibility.isaQualifies,
    aceAccountRequired: input.eligibility.aceAccountRequired,
    eligibilityText: description!,
    note,
  });
}

/** The notice as its audit rows keep it. */
function noticeRecord(row: FederalRegisterNoticeRow): Record<string, unknown> {
  return { ...row };
}

async function recordNoticeEvent(manager: EntityManager, identity: Identity, type: NoticeEventType, before: FederalRegisterNoticeRow | null, after: FederalRegisterNoticeRow): Promise<void> {
  const { actor, actorRole } = eventActorOf(identity);
  await manager.getRepository(NoticeEventRow).save({ noticeId: after.id, type, actor, actorRole, note: null, before: before && noticeRecord(before), after: noticeRecord(after) });
}

/** CBP admins publish and close the Federal Register notices that open volunteering. */
export class NoticeAdminService {
  private readonly centers: CenterDirectory;

  constructor(private readonly dataSource: DataSource) {
    this.centers = new CenterDirectory(dataSource);
  }

  async publish(identity: Identity, input: PublishNoticeData): Promise<FederalRegisterNoticeRow> {
    requireAdmin(identity, 'publish a Federal Register notice');
    const row = noticeToPublish(input, new Set((await this.centers.names()).keys()));
    return this.dataSource.transaction(async (manager) => {
      const exists = await manager.getRepository(FederalRegisterNoticeRow).existsBy({ id: row.id });
      if (exists) throw new ConflictError(`Notice ${row.citation} is published already (id ${row.id})`);
      try {
        await manager.getRepository(FederalRegisterNoticeRow).insert(row);
      } catch (error) {
        if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') throw new ConflictError(`Notice ${row.citation} is published already (id ${row.id})`);
        throw error;
      }
      await recordNoticeEvent(manager, identity, 'PUBLISHED', null, row);
      return row;
    });
  }

  /**
   * Closes volunteering under a notice from `closedOn` (today by default, never earlier): its
   * last day to volunteer becomes the day before, never before its opening day. Applications
   * under way are not touched.
   */
  async close(identity: Identity, id: string, closedOn?: string | null): Promise<FederalRegisterNoticeRow> {
    requireAdmin(identity, 'close a Federal Register notice');
    const now = today();
    const from = closedOn ?? now;
    if (!isIsoDate(from)) throw new BadUserInputError({ field: 'closedOn', message: `'${from}' is not a date like 2026-12-01` });
    if (from < now) throw new BadUserInputError({ field: 'closedOn', message: `a notice closes from today (${now}) or later, not from ${from}: applications made meanwhile stand` });
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(FederalRegisterNoticeRow);
      const row = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError(`There is no notice ${id}`);
      const lastDay = addDays(from, -1);
      if (row.closesOn !== null && row.closesOn <= lastDay) {
        throw new ConflictError(`Notice ${row.citation} closes already: its last day to volunteer is ${row.closesOn}`);
      }
      if (lastDay < row.opensOn) {
        // The table holds closes_on ≥ opens_on: a notice keeps at least its opening day.
        throw new ConflictError(`Notice ${row.citation} opens for volunteering on ${row.opensOn}; it can close from ${addDays(row.opensOn, 1)} at the earliest`);
      }
      const before = { ...row };
      row.closesOn = lastDay;
      await repository.update({ id }, { closesOn: lastDay });
      await recordNoticeEvent(manager, identity, 'CLOSED', before, row);
      return row;
    });
  }
}
