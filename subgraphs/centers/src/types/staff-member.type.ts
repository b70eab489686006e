import { Field, ID, ObjectType } from 'type-graphql';
import { Center } from './center.type';
import { CbpRoleEnum } from './enums';

@ObjectType({ description: 'A CBP person: Center staff, or an HQ admin (no Center)' })
export class StaffMember {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => CbpRoleEnum)
  role: string;

  centerId: string | null;

  @Field(() => Center, { nullable: true })
  center: Center | null;
}
