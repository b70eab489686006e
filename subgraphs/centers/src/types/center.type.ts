import type { CenterStatus } from '@cee-hub/db';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Address } from '@cee-hub/common/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CenterStatusEnum } from './enums';

@ObjectType({ description: "How to reach a Center's staff" })
export class CenterContact {
  @Field()
  email: string;

  @Field()
  phone: string;

  @Field(() => Address)
  address: Address;

  @Field({ description: 'Office hours, in local time' })
  hours: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Center of Excellence and Expertise: a virtual, industry-focused CBP office that processes entry summaries' })
export class Center {
  @Field(() => ID, { description: 'Stable id, e.g. ELECTRONICS' })
  id: string;

  @Field()
  name: string;

  @Field({ description: 'City of the management office' })
  managementCity: string;

  @Field(() => CenterStatusEnum)
  status: CenterStatus;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date CBP announced the Center' })
  openedOn: string | null;

  @Field(() => CenterContact)
  contact: CenterContact;
}
