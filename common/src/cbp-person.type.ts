import { Field, ID, ObjectType } from 'type-graphql';

/**
 * How a CBP person is named wherever the graph shows one: the centers subgraph's StaffMember,
 * and the importers subgraph's StaffContact (an importer's account manager). Each subgraph's
 * type extends it with its own description and fields. Being abstract and reached by no field,
 * it is never printed itself (type-graphql 2 prints only the types the schema reaches).
 */
@ObjectType()
export abstract class CbpPersonFields {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  email: string;
}
