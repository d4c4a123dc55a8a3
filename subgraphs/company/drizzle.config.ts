import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/company/src/db/schema.ts',
  out: './drizzle/company',
  schemaFilter: ['company'],
  migrations: { schema: 'company', table: '__drizzle_migrations' },
});
