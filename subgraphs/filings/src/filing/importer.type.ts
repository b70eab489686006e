import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The importers subgraph owns Importer; this subgraph only adds its filings. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An importer of record' })
export class Importer {
  @Field(() => ID)
  id: string;
}
