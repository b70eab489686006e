import { type Identity, ProblemCollector, canSeeImporterData, isUuid, decodeCursor, encodeCursor, parseImporterNumber } from '@cee-hub/common';
import { ImporterRow, type ParticipationStatus } from '@cee-hub/db';
import { type DataSource, In, QueryFailedError } from 'typeorm';
import { DuplicateImporterError, UnknownImporterError } from '../errors';

/** What a registration gives; the rest of the row is derived or starts empty. */
export type RegisterImporterData = Pick<
  ImporterRow,
  'importerNumber' | 'name' | 'street' | 'city' | 'state' | 'postalCode' | 'country' | 'contactEmail' | 'ctpatTier' | 'isaMember' | 'aceAccount'
>;

export interface ImporterFilter {
  centerId?: string;
  participationStatus?: ParticipationStatus;
  /** Part of the name or the importer number, case-insensitive. */
  search?: string;
}

export interface ImporterPageData {
  rows: ImporterRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The Center whose staff may see an importer: the one it participates in, if any. */
export function importerCenterId(row: Pick<ImporterRow, 'participationStatus' | 'participationCenterId'>): string | null {
  return row.participationStatus === 'PARTICIPATING' ? row.participationCenterId : null;
}

export function canSeeImporter(identity: Identity, row: ImporterRow): boolean {
  return canSeeImporterData(identity, row.id, [importerCenterId(row)]);
}

/** Registered importers: registration, look-ups and lists. */
export class ImporterService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(ImporterRow);
  }

  /** Importers in the order of `ids`, undefined for unknown ids. */
  async byIds(ids: readonly string[]): Promise<Array<ImporterRow | undefined>> {
    const valid = ids.filter(isUuid);
    const rows = valid.length > 0 ? await this.repository.findBy({ id: In(valid) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  async get(id: string): Promise<ImporterRow> {
    const [row] = await this.byIds([id]);
    if (!row) throw new UnknownImporterError(id);
    return row;
  }

  /** A page ordered by name then id; `after` is the endCursor of the previous page. */
  async list(filter: ImporterFilter, first: number, after?: string): Promise<ImporterPageData> {
    const query = this.repository.createQueryBuilder('importer');
    if (filter.centerId) {
      query.andWhere("importer.participationStatus = 'PARTICIPATING' AND importer.participationCenterId = :centerId", { centerId: filter.centerId });
    }
    if (filter.participationStatus) query.andWhere('importer.participationStatus = :status', { status: filter.participationStatus });
    if (filter.search?.trim()) {
      query.andWhere('(importer.name ILIKE :search OR importer.importerNumber ILIKE :search)', {
        search: `%${filter.search.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      });
    }
    const totalCount = await query.clone().getCount();
    if (after) {
      const [name, id] = decodeCursor(after, ['text', 'uuid']);
      query.andWhere('(importer.name, importer.id) > (:name, :id)', { name, id });
    }
    const rows = await query.orderBy('importer.name', 'ASC').addOrderBy('importer.id', 'ASC').take(first + 1).getMany();
    return pageOf(rows, first, totalCount);
  }

  /** The first `first` participants of each Center, in one statement. */
  async participantsOfCenters(centerIds: readonly string[], first: number): Promise<Map<string, ImporterPageData>> {
    const rows: Array<{ id: string; total: string }> = await this.dataSource.query(
      `SELECT id, total FROM (
         SELECT id, name, participation_center_id,
                row_number() OVER (PARTITION BY participation_center_id ORDER BY name, id) AS position,
                count(*) OVER (PARTITION BY participation_center_id) AS total
           FROM importers.importer
          WHERE participation_status = 'PARTICIPATING' AND participation_center_id = ANY($1)
       ) ranked WHERE position <= $2 ORDER BY participation_center_id, name, id`,
      [centerIds, first + 1],
    );
    const importers = new Map((await this.byIds(rows.map((row) => row.id))).map((row) => [row!.id, row!]));
    const result = new Map<string, ImporterPageData>();
    for (const centerId of centerIds) {
      const ofCenter = rows.filter((row) => importers.get(row.id)!.participationCenterId === centerId);
      result.set(centerId, pageOf(ofCenter.map((row) => importers.get(row.id)!), first, ofCenter.length > 0 ? Number(ofCenter[0]!.total) : 0));
    }
    return result;
  }

  /** Registers an importer after checking every field; a taken number or email is a CONFLICT. */
  async register(data: RegisterImporterData): Promise<ImporterRow> {
    const problems = new ProblemCollector();
    const number = parseImporterNumber(data.importerNumber);
    if (!number.ok) problems.add('importerNumber', number.message);
    const name = data.name.trim();
    if (name.length < 2 || name.length > 200) problems.add('name', 'must be 2 to 200 characters');
    const country = data.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) problems.add('address.country', `'${data.country}' is not a two-letter ISO country code like US`);
    const street = data.street.trim();
    if (street.length < 1 || street.length > 200) problems.add('address.street', 'must be 1 to 200 characters');
    const city = data.city.trim();
    if (city.length < 1 || city.length > 100) problems.add('address.city', 'must be 1 to 100 characters');
    const state = data.state.trim().toUpperCase();
    const postalCode = data.postalCode.trim();
    if (country === 'US') {
      if (!/^[A-Z]{2}$/.test(state)) problems.add('address.state', `'${data.state}' is not a two-letter state code like CA`);
      if (!/^\d{5}(-\d{4})?$/.test(postalCode)) problems.add('address.postalCode', `'${data.postalCode}' is not a ZIP code like 90802 or 90802-1234`);
    } else {
      if (!/^[A-Z0-9]{0,3}$/.test(state)) problems.add('address.state', `'${data.state}' is not a region code of up to 3 letters or digits`);
      if (!/^[A-Z0-9 -]{2,10}$/i.test(postalCode)) problems.add('address.postalCode', `'${data.postalCode}' is not a postal code`);
    }
    const contactEmail = data.contactEmail.trim().toLowerCase();
    if (!EMAIL.test(contactEmail) || contactEmail.length > 254) problems.add('contactEmail', `'${data.contactEmail}' is not an email address`);
    problems.throwIfAny();
    if (!number.ok) throw new Error('unreachable: problems were thrown');

    const taken = await this.repository.findOne({ where: [{ importerNumber: number.importerNumber }, { contactEmail }] });
    if (taken) {
      throw taken.importerNumber === number.importerNumber
        ? new DuplicateImporterError('importerNumber', number.importerNumber)
        : new DuplicateImporterError('contactEmail', contactEmail);
    }
    try {
      return await this.repository.save(
        this.repository.create({
          importerNumber: number.importerNumber,
          importerNumberType: number.type,
          name,
          street,
          city,
          state,
          postalCode,
          country,
          contactEmail,
          ctpatTier: data.ctpatTier,
          isaMember: data.isaMember,
          aceAccount: data.aceAccount,
          participationStatus: 'NOT_PARTICIPATING',
          participationCenterId: null,
          participatingSince: null,
        }),
      );
    } catch (error) {
      // Two registrations racing past the check above: the unique index decides.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        const detail = String((error.driverError as { detail?: string }).detail ?? '');
        throw detail.includes('contact_email')
          ? new DuplicateImporterError('contactEmail', contactEmail)
          : new DuplicateImporterError('importerNumber', number.importerNumber);
      }
      throw error;
    }
  }
}

function pageOf(rows: ImporterRow[], first: number, totalCount: number): ImporterPageData {
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return { rows: page, totalCount, hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.name, last.id]) : null };
}
