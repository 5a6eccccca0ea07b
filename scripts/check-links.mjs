#!/usr/bin/env node
// Every link in README.md and docs/**/*.md that points into the repository must stay inside it and
// name a file or folder a clone has (run by .ci/run); so must a code span that is only a relative
// path (`../shared/X.md`), which readers follow like a link. Web links (http:, https:, mailto:) and
// same-page anchors are not checked. `node scripts/check-links.mjs [root]` prints each bad link as
// file:line and exits 1 when there is one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The Markdown files checked: README.md and everything under docs/. */
export function markdownFiles(root) {
  const out = [];
  if (existsSync(join(root, 'README.md'))) out.push(join(root, 'README.md'));
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  if (existsSync(join(root, 'docs')) && statSync(join(root, 'docs')).isDirectory()) walk(join(root, 'docs'));
  return out;
}

/** The link targets in a Markdown text, with their line numbers (code spans and blocks skipped). */
export function linksIn(text) {
  const links = [];
  let fenced = false;
  for (const [i, raw] of text.split('\n').entries()) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    // A code span that is nothing but a path up and out (`../x/y.md`) names a file as a link would.
    for (const m of raw.matchAll(/`(\.\.\/[\w./-]+)`/g)) links.push({ line: i + 1, target: m[1] });
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line: i + 1, target: m[1] });
    const ref = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(line);
    if (ref) links.push({ line: i + 1, target: ref[1] });
    for (const m of line.matchAll(/\b(?:href|src)\s*=\s*"([^"]+)"/g))
      links.push({ line: i + 1, target: m[1] });
  }
  return links;
}

const external = (t) => /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//');

/** Every link that leaves the repository or names a missing path, as "file:line: target (why)". */
export function badLinks(root) {
  const abs = resolve(root);
  const bad = [];
  for (const file of markdownFiles(abs)) {
    for (const { line, target } of linksIn(readFileSync(file, 'utf8'))) {
      if (external(target) || target.startsWith('#')) continue;
      const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
      if (!path) continue;
      const to = path.startsWith('/') ? join(abs, path) : resolve(dirname(file), path);
      const where = `${relative(abs, file)}:${line}: ${target}`;
      if (to !== abs && !to.startsWith(abs + sep)) bad.push(`${where} (outside the repository)`);
      else if (!existsSync(to)) bad.push(`${where} (no such file)`);
    }
  }
  return bad;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? resolve(dirname(new URL(import.meta.url).pathname), '..');
  const bad = badLinks(root);
  if (bad.length) {
    console.error(`${bad.length} link(s) a clone cannot follow:\n  ${bad.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `Links hold: ${markdownFiles(root).length} Markdown files, every local link inside the repository and present.`,
  );
}
