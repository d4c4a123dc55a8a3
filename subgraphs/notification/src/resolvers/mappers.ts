/**
 * Objects the resolvers hand over for GraphQL types that have no row of their own here
 * (codegen.ts maps the generated resolver types onto them).
 */
import type { RecipientRow } from '../db/schema';

/** The preferences of a user: their recipient row, or nothing yet (defaults apply). */
export interface PreferencesSource {
  userId: string;
  recipient: RecipientRow | null;
}
