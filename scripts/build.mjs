// Compiles src/ to dist/ with esbuild: types stripped file by file, nothing bundled, so dist/
// mirrors src/ and every path a module resolves from import.meta.dirname stays right. The
// talkgraph command runs dist/ with plain Node: compiling TypeScript at each start through a
// loader cost two seconds and tens of megabytes of a server's memory.
//
// `node scripts/build.mjs` builds; bin/talkgraph.mjs calls ensureBuilt(), which rebuilds only when
// a source file is newer than the last build, so edits need no build step of their own.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src');
const outDir = join(root, 'dist');
const stamp = join(outDir, '.built');

function sources(dir = sourceDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export async function build() {
  // Imported here: a start that finds dist/ up to date should not carry esbuild in its memory.
  const { buildSync } = await import('esbuild');
  const files = sources();
  rmSync(outDir, { recursive: true, force: true });
  buildSync({
    entryPoints: files,
    outdir: outDir,
    outbase: sourceDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(stamp, `${files.length} files\n`);
  return files.length;
}

/** Rebuilds dist/ when it is missing or older than any file under src/. */
export async function ensureBuilt() {
  if (existsSync(stamp)) {
    const built = statSync(stamp).mtimeMs;
    if (!sources().some((file) => statSync(file).mtimeMs > built)) return false;
  }
  await build();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const count = await build();
  console.log(`Compiled ${count} files from ${relative(root, sourceDir)}/ to ${relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms`);
}
