// Writes the dump a first start on an empty embedded data folder loads (src/db/embedded-template.ts).
// Run by npm install after the build; a failure here only makes that first start slower.
import { ensureBuilt } from './build.mjs';

await ensureBuilt();
try {
  const { writeSeededTemplate } = await import('../dist/db/embedded-template.js');
  const started = performance.now();
  const file = await writeSeededTemplate();
  console.log(`Embedded database template: ${file} (${Math.round(performance.now() - started)} ms)`);
} catch (error) {
  console.warn(`Could not write the embedded database template (first starts will take longer): ${error.message}`);
}
