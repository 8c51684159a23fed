// Lists, at the end of a run, the specs skipped because ../shared is not beside the clone, so a
// run in a user's clone says what it did not cover. (CI fails on any of them: see
// scripts/check-shared-specs.mjs.)
import type { Reporter, TestModule } from 'vitest/node';
import { NEEDS_SHARED } from './shared.js';

export default class SharedSpecsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        if (!test.fullName.includes(NEEDS_SHARED)) continue;
        const suite = `${module.moduleId.replace(/^.*\/tests\//, 'tests/')} > ${test.parent.type === 'suite' ? test.parent.fullName : test.name}`;
        skipped.set(suite, (skipped.get(suite) ?? 0) + 1);
      }
    }
    if (skipped.size === 0) return;
    const total = [...skipped.values()].reduce((sum, count) => sum + count, 0);
    const lines = [...skipped].map(([suite, count]) => `  ${suite}: ${count} test(s)`);
    console.log(`\n${total} test(s) skipped because ../shared is not beside this clone (README: "Tests that need ../shared"):\n${lines.join('\n')}\n`);
  }
}
