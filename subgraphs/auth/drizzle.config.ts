import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/auth/src/db/schema.ts',
  out: './drizzle/auth',
  schemaFilter: ['auth'],
  migrations: { schema: 'auth', table: '__drizzle_migrations' },
});
