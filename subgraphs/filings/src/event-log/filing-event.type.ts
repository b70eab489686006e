import type { FilingStatus } from '@cee-hub/db';
import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FilingStatusEnum } from '../filing/filing.enums';

/** A document, owned by the documents subgraph: this one names the documents its events came with. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Document {
  @Field(() => ID)
  id: string;
}

@ObjectType({
  description:
    'One entry of the append-only log of what happened to an entry summary. The trade is not shown internal steps (claims, referrals, escalations, proposals before sign-off, declined sign-offs)',
})
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

  @Field({ description: 'Who caused the event (an email address where known). The trade sees CBP as the office, e.g. "CBP — Electronics Center" or "CBP (port of entry)"' })
  actor: string;

  @Field({ description: 'The role the actor acted in; CBP for the trade when CBP acted' })
  actorRole: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the viewer may read: CBP the note as recorded; the trade the part addressed to it (a CF-28 question, a CF-29 or rejection once issued, a return reason, its own answers), never risk reasons or internal remarks',
  })
  note: string | null;

  @Field(() => GraphQLDateTime)
  occurredAt: Date;

  @Field(() => [Document], { description: 'The documents the step came with (a CF-28 request, the answer to it, a CF-29 response); resolved by the documents service' })
  documents: Document[];
}
