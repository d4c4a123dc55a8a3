import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/qr/src/db/schema.ts',
  out: './drizzle/qr',
  schemaFilter: ['qr'],
  migrations: { schema: 'qr', table: '__drizzle_migrations' },
});
