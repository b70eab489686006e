import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** When a row was first written and last changed; TypeORM sets both on insert and `updatedAt` on every update. */
export abstract class TimestampedRow {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One entry of an append-only history (a filing's, an application's): what happened, who did it
 * in which role, and their note. `id` is a bigint sequence, so it orders every entry of the table.
 */
export abstract class ActorEventRow<TType extends string = string> {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  type: TType;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 24 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
