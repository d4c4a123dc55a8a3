import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/user/src/db/schema.ts',
  out: './drizzle/user',
  schemaFilter: ['user'],
  migrations: { schema: 'user', table: '__drizzle_migrations' },
});
