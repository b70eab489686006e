import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrows onboardingUpdated; every field given must match, and none may reach past what the caller may see' })
export class OnboardingUpdateFilter {
  @Field(() => ID, { nullable: true, description: "One importer's applications" })
  importerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The applications a Center reviews' })
  centerId?: string | null;
}
