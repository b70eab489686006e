import { today } from '@cee-hub/common';
import { FederalRegisterNoticeRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';

/** Whether volunteering under a notice is possible on `date`. */
export function isNoticeOpen(notice: Pick<FederalRegisterNoticeRow, 'opensOn' | 'closesOn'>, date = today()): boolean {
  return notice.opensOn <= date && (notice.closesOn === null || notice.closesOn >= date);
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
