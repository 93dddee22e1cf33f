// The README's test command: unit + integration (SQLite + in-process store,
// or PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set), then the
// browser flows in Chromium. Ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projects = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'integration', 'e2e'];
const out = mkdtempSync(join(tmpdir(), 'uia-tests-'));
let passed = 0;
let failed = 0;
let exitCode = 0;

// The browser flows need the portal and the app built. CI builds once before its background steps
// copy the tree (UIA_TESTS_PREBUILT=1), so a rebuild here would race with that copy.
if (projects.includes('e2e') && process.env.UIA_TESTS_PREBUILT !== '1') {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

for (const project of projects) {
  const report = join(out, `${project}.json`);
  const run = spawnSync('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (summary.numTotalTests === 0) {
      console.error(`no tests ran in project ${project}`);
      exitCode = 1;
    }
  } catch {
    console.error(`project ${project} produced no report`);
    failed += 1;
  }
  if (run.status !== 0) exitCode = run.status ?? 1;
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : exitCode);
