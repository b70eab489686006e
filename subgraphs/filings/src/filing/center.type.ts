import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The centers subgraph owns Center; this subgraph only adds the filings it processes. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Center of Excellence and Expertise: a virtual, industry-focused CBP office that processes entry summaries' })
export class Center {
  @Field(() => ID, { description: 'Stable id, e.g. ELECTRONICS' })
  id: string;
}
