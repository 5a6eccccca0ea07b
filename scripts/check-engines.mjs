#!/usr/bin/env node
// Fails when Markaz's `engines.node` promises a Node.js that some installed dependency does not
// support, or when this process runs on an older Node than Markaz needs (CI runs on Node 22 LTS).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const root = new URL('..', import.meta.url).pathname;
const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
const floor = semver.minVersion(range).version;
const problems = [];
if (!semver.satisfies(process.versions.node, range)) {
  problems.push(`this Node.js is ${process.versions.node}; Markaz needs ${range}`);
}
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) {
      walk(path);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      const wants = pkg.engines?.node;
      if (wants && !semver.satisfies(floor, wants)) {
        problems.push(`${pkg.name}@${pkg.version} needs Node ${wants}, but engines.node allows ${floor}`);
      }
    }
    if (existsSync(join(path, 'node_modules'))) walk(join(path, 'node_modules'));
  }
}
walk(join(root, 'node_modules'));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `engines.node ${range}: every installed dependency supports Node ${floor}; running on ${process.versions.node}`,
);
