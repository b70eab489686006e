import { CenterDirectory } from '@cee-hub/centers/read';
import type { DataSource } from 'typeorm';
import type { FilingEventLog } from '../event-log/filing-event-log';
import type { AudienceLookups } from './filing-audience';

/** How long the Center names read for the trade's view of events are reused. */
const CENTER_NAMES_TTL_MS = 60_000;

/**
 * The reads behind the trade's view of a filing (filing-audience): the Center's name, through
 * the Centers domain's read module, and earlier notes of the event log.
 */
export class AudienceReads implements AudienceLookups {
  private readonly centers: CenterDirectory;
  private centerNames: { readAt: number; names: Promise<Map<string, string>> } | null = null;

  constructor(
    dataSource: DataSource,
    private readonly eventLog: FilingEventLog,
  ) {
    this.centers = new CenterDirectory(dataSource);
  }

  /** The ten names change rarely (an admin edits the directory), so they are read at most once a minute. */
  async centerName(centerId: string): Promise<string | null> {
    if (!this.centerNames || this.centerNames.readAt < Date.now() - CENTER_NAMES_TTL_MS) {
      const names = this.centers.names();
      // A failed read is not remembered: the next caller tries again.
      names.catch(() => {
        this.centerNames = null;
      });
      this.centerNames = { readAt: Date.now(), names };
    }
    return (await this.centerNames.names).get(centerId) ?? null;
  }

  noteBefore(entrySummaryId: string, beforeId: string, type: string): Promise<string | null> {
    return this.eventLog.noteBefore(entrySummaryId, beforeId, type);
  }
}
