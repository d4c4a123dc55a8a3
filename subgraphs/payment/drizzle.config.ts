import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/payment/src/db/schema.ts',
  out: './drizzle/payment',
  schemaFilter: ['payment'],
  migrations: { schema: 'payment', table: '__drizzle_migrations' },
});
