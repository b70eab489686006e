import type { FilingStatus } from '@cee-hub/db';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { FilingStatusEnum } from './enums';

@ObjectType({ description: 'One entry of the append-only log of what happened to an entry summary' })
export class FilingEvent {
  /** Not a field: resolves `filing`. */
  entrySummaryId: string;

  @Field(() => ID, { description: 'Increases with every event of every filing, so it can resume a feed' })
  id: string;

  @Field({ description: 'What happened, e.g. FILED or STATUS_CHANGED' })
  type: string;

  @Field(() => FilingStatusEnum, { nullable: true, description: 'Null for the event that created the filing' })
  fromStatus: FilingStatus | null;

  @Field(() => FilingStatusEnum)
  toStatus: FilingStatus;

  @Field({ description: 'Who caused the event (an email address where known)' })
  actor: string;

  @Field({ description: 'The role the actor acted in' })
  actorRole: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => GraphQLDateTime)
  occurredAt: Date;
}
