#!/usr/bin/env node
// The talkgraph command: the bundle of the compiled sources, dist/bundle/talkgraph.cjs, rebuilt
// first when src/ has changed (scripts/build.mjs).
//
// The bundle is compiled with V8's code cache, as Node 22's module compile cache would (Node 20
// has none): the bytecode of the functions a run compiled is kept in a file beside the bundle and
// handed back to V8 at the next start, which then neither parses them nor compiles them again
// (a tenth of a start). A cache is made by one build under one set of Node flags, and V8 refuses
// it under others, so the file is named by both, and by the command, whose runs compile different
// parts of the bundle. The first run of a command writes its cache, once it has started (after
// 10 s, or at a successful exit when sooner).
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { bundleFile, ensureBuilt } from '../scripts/build.mjs';

await ensureBuilt();
const source = readFileSync(bundleFile, 'utf8');
const build = /^\/\/ talkgraph build (\w+)/.exec(source)?.[1] ?? 'unknown';
const flags = createHash('sha256')
  .update(JSON.stringify([process.version, process.execArgv, process.env.NODE_OPTIONS ?? '']))
  .digest('hex')
  .slice(0, 12);
const command = /^[a-z-]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
const cacheFile = `${bundleFile}.${build}.${flags}.${command}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // none yet
}

// The bundle's code was written as ES modules: strict, as it ran before bundling.
// import() of what is not bundled (packages left in node_modules, Node's modules) is made here,
// by __talkgraphImport (scripts/build.mjs).
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __talkgraphImport) {'use strict';${source}\n})`, {
  filename: bundleFile,
  cachedData,
});
if (!cachedData || script.cachedDataRejected) {
  let written = false;
  const writeCache = () => {
    if (written) return;
    written = true;
    try {
      writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
      renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    } catch {
      // A project the user cannot write to runs without a cache.
    }
  };
  setTimeout(writeCache, 10_000).unref();
  // Not for a run that failed: it may have stopped before running much, or had no command to run.
  process.once('exit', (code) => code === 0 && writeCache());
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile), (specifier) => import(specifier));
