import { CbpPersonFields } from '@cee-hub/common/subgraph';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Center } from './center.type';
import { CbpRoleEnum } from './enums';

@ObjectType({ description: 'A CBP person: Center staff, or an HQ admin (no Center)' })
export class StaffMember extends CbpPersonFields {
  @Field(() => CbpRoleEnum)
  role: string;

  centerId: string | null;

  @Field(() => Center, { nullable: true })
  center: Center | null;

  @Field({ description: 'False once deactivated: the person is in no list or lookup any more' })
  active: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  deactivatedAt: Date | null;
}
