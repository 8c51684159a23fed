#!/usr/bin/env node
// The talkgraph command: the bundle of the compiled sources in dist/bundle/, rebuilt first when
// src/ has changed (scripts/build.mjs).
import { ensureBuilt } from '../scripts/build.mjs';

await ensureBuilt();
await import('../dist/bundle/cli.js');
