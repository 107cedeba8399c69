import { defineConfig } from 'prisma/config';

// Migrations are plain SQL applied by `npm run migrate` (src/infra/migrations.ts); the config
// only tells the CLI where the schema and the migrations live for `prisma generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
