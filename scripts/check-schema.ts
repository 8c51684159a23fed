// Compares the schema the code builds with the last release's SDL (schema/releases/) and fails on a
// breaking change nobody accepted. Dangerous and safe changes are printed only.
//
//   npm run schema:check                        report; exit 1 on a breaking change not accepted
//   npm run schema:check -- --accept "<reason>"  accept the breaking changes found, with a reason
//   npm run schema:check -- --release           record the current SDL as the release of package.json's version
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sdl } from '../src/schema/print.js';
import {
  acceptedChangesFile,
  formatChanges,
  lastRelease,
  packageVersion,
  readAcceptedChanges,
  releasesDir,
  schemaChanges,
  withAccepted,
} from '../src/schema/releases.js';

const { values } = parseArgs({ options: { accept: { type: 'string' }, release: { type: 'boolean' } }, strict: true });

if (values.release) {
  const version = packageVersion();
  const file = resolve(releasesDir, `${version}.graphql`);
  if (existsSync(file) && readFileSync(file, 'utf8') !== sdl()) {
    console.error(`${file} already records release ${version} with another schema; raise the version in package.json first.`);
    process.exit(1);
  }
  mkdirSync(releasesDir, { recursive: true });
  writeFileSync(file, sdl());
  // The new release is the new baseline: changes accepted against the old one are part of it.
  writeFileSync(acceptedChangesFile, `${JSON.stringify({ against: version, accepted: [] }, null, 2)}\n`);
  console.log(`Recorded the schema of release ${version} in ${file}.`);
  process.exit(0);
}

const previous = readAcceptedChanges();
const changes = await schemaChanges(sdl(), lastRelease(), previous);
console.log(formatChanges(changes));

if (values.accept !== undefined) {
  const reason = values.accept.trim();
  if (!reason) {
    console.error('--accept needs a reason: say why clients may break and what they should use instead.');
    process.exit(1);
  }
  if (changes.breaking.length === 0) {
    console.log('Nothing to accept: no breaking change is waiting.');
  } else {
    writeFileSync(acceptedChangesFile, `${JSON.stringify(withAccepted(changes, reason, previous), null, 2)}\n`);
    console.log(`Accepted ${changes.breaking.length} breaking change(s) in ${acceptedChangesFile}; commit it with the change.`);
  }
} else if (changes.breaking.length > 0) {
  console.error(
    `\n${changes.breaking.length} breaking change(s) against release ${changes.release.version}. Keep the old field or type (deprecate it), ` +
      'or accept the change on purpose: npm run schema:check -- --accept "<why, and what clients use instead>".',
  );
  process.exitCode = 1;
}
