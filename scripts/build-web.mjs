// Builds the dashboard (web/) into web/dist with Vite: hashed assets, index.html and the manifest
// of trusted documents (persisted-documents.json) that the server loads. npm install runs it; it
// does nothing when web/dist is newer than every source of the dashboard, unless given --force.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'web');
const outDir = join(webDir, 'dist');
const stamp = join(outDir, '.built');
const inputs = [join(webDir, 'src'), join(webDir, 'public'), join(webDir, 'index.html'), join(webDir, 'vite.config.ts'), join(webDir, 'graphql-documents.ts'), join(root, 'schema/schema.graphql'), join(root, 'package-lock.json')];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export function isFresh() {
  return existsSync(stamp) && existsSync(join(outDir, 'index.html')) && newestChange(stamp) >= Math.max(...inputs.map(newestChange));
}

export async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--force') && isFresh()) {
    console.log(`The dashboard in ${relative(root, outDir)}/ is up to date.`);
  } else {
    const started = performance.now();
    await buildWeb();
    console.log(`Built the dashboard into ${relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms`);
  }
}
