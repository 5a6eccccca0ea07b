#!/usr/bin/env node
// Recomputes the hashes of Markaz's daily public snapshots with nothing but Node.js.
//
//   node scripts/verify-snapshots.mjs https://markaz.example/          (fetches every day)
//   node scripts/verify-snapshots.mjs day1.json day2.json …            (files saved from
//                                                   /api/v1/public/snapshots/<day>, in any order)
//
// hash(day) = sha256( hash(previous day) + "\n" + canonical JSON of content ), where canonical
// JSON is JSON with object keys sorted at every depth and no spaces; the first day's previous
// hash is 64 zeros. Exit code 0 when every hash and link checks out, 1 otherwise.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const canonical = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .filter((k) => v[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(',')}}`;
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

async function load(args) {
  if (args.length === 1 && /^https?:\/\//.test(args[0])) {
    const base = args[0].replace(/\/$/, '');
    const list = await (await fetch(`${base}/api/v1/public/snapshots`)).json();
    const days = [];
    for (const s of list) days.push(await (await fetch(`${base}/api/v1/public/snapshots/${s.day}`)).json());
    return days;
  }
  return args.map((f) => JSON.parse(readFileSync(f, 'utf8')));
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: verify-snapshots.mjs <base-url> | <snapshot.json>…');
  process.exit(2);
}
const days = (await load(args)).sort((a, b) => a.day.localeCompare(b.day));
let prev = '0'.repeat(64);
let ok = true;
for (const [i, s] of days.entries()) {
  const recomputed = sha256(`${s.prevHash}\n${canonical(s.content)}`);
  const linked = i === 0 ? true : s.prevHash === prev;
  const good = recomputed === s.hash && linked;
  console.log(
    `${s.day}  ${good ? 'OK    ' : 'BROKEN'}  ${s.hash}${linked ? '' : '  (does not link to the day before)'}${recomputed === s.hash ? '' : `  (content hashes to ${recomputed})`}`,
  );
  ok &&= good;
  prev = s.hash;
}
console.log(ok ? `All ${days.length} snapshot(s) verified.` : 'Verification FAILED.');
process.exit(ok ? 0 : 1);
