import { type FieldProblem, today } from '@cee-hub/common';
import { FederalRegisterNoticeRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';

/** Whether volunteering under a notice is possible on `date`. */
export function isNoticeOpen(notice: Pick<FederalRegisterNoticeRow, 'opensOn' | 'closesOn'>, date = today()): boolean {
  return notice.opensOn <= date && (notice.closesOn === null || notice.closesOn >= date);
}

/** The part of a notice that says when and for which Centers one may volunteer. */
export type NoticeWindow = Pick<FederalRegisterNoticeRow, 'citation' | 'opensOn' | 'closesOn' | 'centerIds'>;

/**
 * Why nobody may volunteer for `centerId` under `notice` on `date` (the notice is not open, or
 * does not open that Center), field by field; empty when one may. The graph refuses these at
 * once and the onboarding workflow checks them again when it runs.
 */
export function volunteeringProblems(notice: NoticeWindow, centerId: string, date: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isNoticeOpen(notice, date)) {
    problems.push({
      field: 'noticeId',
      message: notice.opensOn > date ? `Notice ${notice.citation} opens for volunteering on ${notice.opensOn}` : `Notice ${notice.citation} closed for volunteering on ${notice.closesOn}`,
    });
  }
  if (!notice.centerIds.includes(centerId)) {
    problems.push({ field: 'centerId', message: `Notice ${notice.citation} does not open the ${centerId} Center; it opens ${notice.centerIds.join(', ')}` });
  }
  return problems;
}

/** Federal Register notices that open volunteering for Centers. */
export class NoticeService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; `open` keeps only notices open (true) or closed (false) today. */
  async list(open?: boolean): Promise<FederalRegisterNoticeRow[]> {
    const rows = await this.dataSource.getRepository(FederalRegisterNoticeRow).find({ order: { publishedOn: 'DESC', id: 'ASC' } });
    return open === undefined ? rows : rows.filter((row) => isNoticeOpen(row) === open);
  }
}
