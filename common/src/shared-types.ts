import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * GraphQL value types that several subgraphs return. Federation requires such a type to be
 * identical and @shareable in every subgraph, so they are defined once here.
 */

@Directive('@shareable')
@ObjectType({ description: 'A postal address' })
export class Address {
  @Field()
  street: string;

  @Field()
  city: string;

  @Field({ description: 'Two-letter state code' })
  state: string;

  @Field()
  postalCode: string;

  @Field({ description: 'Two-letter ISO country code' })
  country: string;
}

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a list ends' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}
