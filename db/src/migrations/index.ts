import { InitialSchemas1764288000000 } from './1764288000000-initial-schemas';
import { Onboarding1764400000000 } from './1764400000000-onboarding';

/** Every migration, oldest first; a new migration is a new file added here. */
export const allMigrations = [InitialSchemas1764288000000, Onboarding1764400000000];
