// Generates the Prisma client and Pothos types offline. `prisma generate` insists on locating a
// native schema engine it never runs; PRISMA_SCHEMA_ENGINE_BINARY (Prisma's documented override)
// points it at a script of ours instead, so no binary is downloaded.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(new URL('./no-native-schema-engine.sh', import.meta.url)),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
