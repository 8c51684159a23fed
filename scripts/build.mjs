// Compiles src/ to dist/ with esbuild, twice:
//
// - dist/ mirrors src/, types stripped file by file, so every path a module resolves from
//   import.meta.dirname stays right; scripts that need one module import it from here.
// - dist/bundle/talkgraph.cjs is what the talkgraph command runs: src/cli.ts with the packages it
//   imports, in one CommonJS file that bin/talkgraph.mjs compiles with V8's code cache. Node
//   resolving, reading and compiling some eight hundred modules one by one took about half a
//   second of every start; the bundle takes half of that, and the code cache saves a good part
//   of the rest. What a command imports lazily is still only run when asked for. Each src/
//   module's import.meta.dirname and import.meta.url are rewritten to the place the module has in
//   the mirror, so the paths it finds from them are the same. Packages that find their own files
//   next to their code (PGlite's wasm and data, Prisma's query compiler and schema engine, pino's
//   workers) stay in node_modules, and so does GraphiQL's 9 MB page.
//
// The talkgraph command runs dist/ with plain Node: compiling TypeScript at each start through a
// loader cost two seconds and tens of megabytes of a server's memory.
//
// `node scripts/build.mjs` builds; bin/talkgraph.mjs calls ensureBuilt(), which rebuilds only when
// a source file, this script or the installed packages are newer than the last build, so edits
// need no build step of their own.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src');
const outDir = join(root, 'dist');
const stamp = join(outDir, '.built');
/** What bin/talkgraph.mjs runs. Its first line names the build: `// talkgraph build <id>`. */
export const bundleFile = join(outDir, 'bundle', 'talkgraph.cjs');

/**
 * Left to Node's resolution from node_modules (see above); every other package is bundled. A
 * package these depend on must not be bundled as well: there would be two copies of it, and
 * @prisma/adapter-pg took talkgraph's pg.Pool, not an instance of its own pg's Pool, for a
 * configuration. build() checks that.
 */
const unbundled = ['@electric-sql/pglite', '@prisma/client', '@prisma/driver-adapter-utils', '@prisma/schema-engine-wasm', 'pino', '@graphql-yoga/render-graphiql'];
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isUnbundled = (specifier) => unbundled.includes(packageOf(specifier));

/**
 * Rewrites import.meta.dirname and import.meta.url in src/ modules to the directory and file the
 * module has in dist/, expressed from the bundle's own location (its __dirname), so the bundle
 * still works when the project moves.
 */
function placedAsInDist(bundleDir) {
  return {
    name: 'import-meta-as-in-dist',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || isUnbundled(args.path) ? { path: args.path, external: true } : undefined));
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(sourceDir)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.')) return undefined;
        const mirrored = join(outDir, relative(sourceDir, args.path)).replace(/\.ts$/, '.js');
        const dir = relative(bundleDir, dirname(mirrored));
        const file = relative(bundleDir, mirrored);
        return {
          loader: 'ts',
          contents: text
            .replaceAll('import.meta.dirname', `(__dirname + ${JSON.stringify(dir ? `/${dir}` : '')})`)
            .replaceAll('import.meta.filename', `(__dirname + ${JSON.stringify(`/${file}`)})`)
            .replaceAll('import.meta.url', `__talkgraphFileUrl(__dirname + ${JSON.stringify(`/${file}`)})`),
        };
      });
    },
  };
}

function sources(dir = sourceDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export async function build() {
  // Imported here: a start that finds dist/ up to date should not carry esbuild in its memory.
  const { build: bundle, buildSync } = await import('esbuild');
  const files = sources();
  // Built beside dist/ and swapped in, so a process that is running from dist/ never sees half of it.
  const fresh = `${outDir}.${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  buildSync({
    entryPoints: files,
    outdir: fresh,
    outbase: sourceDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const bundled = join(fresh, relative(outDir, bundleFile));
  const { metafile } = await bundle({
    entryPoints: [join(sourceDir, 'cli.ts')],
    outfile: bundled,
    bundle: true,
    format: 'cjs',
    // import() of an unbundled package stays a dynamic import, for packages that are ES modules only.
    supported: { 'dynamic-import': true },
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    banner: { js: `// talkgraph build ${randomBytes(8).toString('hex')}\nvar __talkgraphFileUrl = (path) => require('node:url').pathToFileURL(path).href;` },
    plugins: [placedAsInDist(dirname(bundleFile))],
    metafile: true,
    logLevel: 'warning',
  });
  const bundledPackages = new Set(Object.keys(metafile.inputs).flatMap((input) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []));
  const twice = unbundled.flatMap((name) => {
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    return Object.keys(manifest.dependencies ?? {}).filter((dependency) => bundledPackages.has(dependency)).map((dependency) => `${dependency} (a dependency of ${name})`);
  });
  if (twice.length > 0) throw new Error(`Bundled, and also loaded from node_modules by a package left there: ${twice.join(', ')}. Leave them out of the bundle too.`);
  // Node 20 loses the import() callback of code compiled from a code cache (bin/talkgraph.mjs), so
  // import() of a module outside the bundle calls bin/talkgraph.mjs's __talkgraphImport instead.
  const outside = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external));
  let code = readFileSync(bundled, 'utf8');
  for (const { path } of outside) code = code.replaceAll(`import(${JSON.stringify(path)})`, `__talkgraphImport(${JSON.stringify(path)})`);
  writeFileSync(bundled, code);
  mkdirSync(fresh, { recursive: true });
  writeFileSync(join(fresh, '.built'), `${files.length} files\n`);
  const old = `${outDir}.old.${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(fresh, outDir);
  rmSync(old, { recursive: true, force: true });
  return files.length;
}

const lockFile = join(root, '.dist.lock');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `work` while holding .dist.lock, so processes started together build once, not all at once. */
async function whileLocked(work) {
  for (const started = Date.now(); ; sleep(50)) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      // A lock older than a minute belongs to a build that died.
      if (existsSync(lockFile) && Date.now() - statSync(lockFile).mtimeMs > 60_000) unlinkSync(lockFile);
      if (Date.now() - started > 120_000) throw new Error(`Waited two minutes for ${lockFile}; remove it if no build is running.`);
    }
  }
  try {
    return await work();
  } finally {
    unlinkSync(lockFile);
  }
}

/** What dist/ is built from: src/, this script, and the installed packages (npm rewrites node_modules/.package-lock.json). */
const inputs = () => [...sources(), fileURLToPath(import.meta.url), join(root, 'node_modules', '.package-lock.json')];

/** Rebuilds dist/ when it is missing or older than any of its inputs. */
export async function ensureBuilt() {
  const fresh = () => {
    if (!existsSync(stamp)) return false;
    const built = statSync(stamp).mtimeMs;
    return !inputs().some((file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > built);
  };
  if (fresh()) return false;
  return whileLocked(async () => {
    if (fresh()) return false; // another process built it while this one waited
    await build();
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const count = await build();
  console.log(`Compiled ${count} files from ${relative(root, sourceDir)}/ to ${relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms`);
}
