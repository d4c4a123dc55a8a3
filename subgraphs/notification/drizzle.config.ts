import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/notification/src/db/schema.ts',
  out: './drizzle/notification',
  schemaFilter: ['notification'],
  migrations: { schema: 'notification', table: '__drizzle_migrations' },
});
