// Lints openapi.json with Redocly CLI's recommended rules (redocly.yaml) and fails on any error
// or warning: Redocly itself exits 0 on warnings, and the bar here is zero of both (issue 20).
import { spawnSync } from 'node:child_process';

const run = spawnSync('redocly', ['lint', 'openapi.json', '--format=json', '--max-problems=1000'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
  // No telemetry or update check: CI reaches no network but the package registries.
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(run.stdout + run.stderr);
  console.error('redocly lint printed no report');
  process.exit(1);
}
for (const p of report.problems) {
  const where = p.location?.[0]?.pointer ?? '';
  console.log(`${p.severity.padEnd(7)} ${p.ruleId.padEnd(28)} ${where}\n        ${p.message}`);
}
const { errors, warnings, ignored } = report.totals;
console.log(
  `Redocly ${report.version}, recommended rules: ${errors} errors, ${warnings} warnings, ${ignored} ignored.`,
);
if (errors + warnings + ignored > 0) process.exit(1);
