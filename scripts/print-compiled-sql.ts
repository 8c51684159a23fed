// Writes the SQL each example and benchmark operation compiles to beside it (<name>.sql), or why it
// is executed instead. Run with `npm run sql:print` after a change to the read path; a test fails
// when a stored file is stale, so a changed plan is part of the diff a reviewer reads.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { compiledOperationFiles } from '../src/read/compiled-sql.js';
import { schema } from '../src/schema/index.js';

for (const { sqlFile, sql } of compiledOperationFiles(schema)) {
  writeFileSync(sqlFile, sql);
  console.log(`Wrote ${relative(process.cwd(), sqlFile)}`);
}
