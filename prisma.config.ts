import { defineConfig } from 'prisma/config';

// The CLI is used for `prisma generate` only; the database URL is read by src/db/client.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
