#!/usr/bin/env node
// The JS budget for people on slow phone connections, checked in CI after `npm run build`.
// It measures, gzipped, what a first visit downloads before anything shows (the entry script,
// everything it preloads, and the stylesheet), and each public page's own lazy chunk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = { initial: 150, page: 25 };
const PUBLIC_PAGES = [
  'PortalPage',
  'ProvinceMap',
  'FigureCharts',
  'CentreDirectory',
  'FindPage',
  'CentrePage',
  'CallsListPage',
  'CallDetailPage',
];

const dir = 'dist/web';
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length / 1024;
const initialFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const initial = initialFiles.reduce((s, f) => s + gz(f), 0);
let failed = false;
console.log(
  `first visit: ${initial.toFixed(1)} KB gzip (budget ${BUDGET_KB.initial} KB) — ${initialFiles.length} files`,
);
if (initial > BUDGET_KB.initial) failed = true;
const assets = readdirSync(join(dir, 'assets'));
for (const page of PUBLIC_PAGES) {
  const chunk = assets.find((f) => f.startsWith(`${page}-`) && f.endsWith('.js'));
  if (!chunk) continue;
  const size = gz(`assets/${chunk}`);
  console.log(`${page}: ${size.toFixed(1)} KB gzip (budget ${BUDGET_KB.page} KB)`);
  if (size > BUDGET_KB.page) failed = true;
}
if (failed) {
  console.error('Over the JS budget: see README ("Speed on slow connections").');
  process.exit(1);
}
