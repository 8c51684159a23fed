// CI's guard: reads vitest's JSON report and fails when a test whose name says it needs ../shared
// was skipped (CI has ../shared beside the clone, so each of them must run), or when no such test
// ran at all (their names lost the marker, and this guard would see nothing).
// Usage: node scripts/check-shared-specs.mjs <vitest-report.json>
import { readFileSync } from 'node:fs';

const marker = '(needs ../shared';
const [reportPath] = process.argv.slice(2);
if (!reportPath) {
  console.error('Usage: node scripts/check-shared-specs.mjs <vitest-report.json>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const tests = report.testResults.flatMap((file) => file.assertionResults.map((test) => ({ file: file.name, ...test })));
const needingShared = tests.filter((test) => test.fullName.includes(marker));
const notRun = needingShared.filter((test) => test.status !== 'passed' && test.status !== 'failed');
const ran = needingShared.length - notRun.length;
if (notRun.length > 0) {
  console.error(`${notRun.length} test(s) that need ../shared did not run, though CI has ../shared beside the clone:`);
  for (const test of notRun) console.error(`  ${test.file.replace(/^.*\/tests\//, 'tests/')} > ${test.fullName} (${test.status})`);
  process.exit(1);
}
if (ran === 0) {
  console.error(`No test whose name contains "${marker}" ran: the specs that need ../shared were renamed or lost.`);
  process.exit(1);
}
console.log(`All ${ran} test(s) that need ../shared ran.`);
