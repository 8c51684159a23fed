#!/usr/bin/env node
// The talkgraph command: the compiled sources in dist/, rebuilt first when src/ has changed.
import { ensureBuilt } from '../scripts/build.mjs';

await ensureBuilt();
await import('../dist/cli.js');
