import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/ticketing/src/db/schema.ts',
  out: './drizzle/ticketing',
  schemaFilter: ['ticketing'],
  migrations: { schema: 'ticketing', table: '__drizzle_migrations' },
});
