import type { DataSource, EntityManager } from 'typeorm';

/**
 * What other domains may read of the Centers domain: the filings subgraph names the Center
 * office the trade sees acting, and the people an overdue review step goes to. The Centers
 * domain owns these queries, so its tables stay its own; plain SQL because a reader's
 * DataSource registers only its own entities.
 */
export class CenterDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Every Center's display name (e.g. "Electronics") by id. */
  async names(): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(`SELECT id, name FROM centers.center`);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * The emails of a Center's active supervisors, or of the active CBP admins when `centerId` is
   * null (a port processes the filing), alphabetical. `manager` reads inside the caller's transaction.
   */
  async supervisorEmails(centerId: string | null, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ email: string }> = centerId
      ? await manager.query(`SELECT email FROM centers.staff_member WHERE center_id = $1 AND role = 'SUPERVISOR' AND active ORDER BY email`, [centerId])
      : await manager.query(`SELECT email FROM centers.staff_member WHERE role = 'ADMIN' AND active ORDER BY email`);
    return rows.map((row) => row.email);
  }
}
