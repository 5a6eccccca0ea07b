#!/usr/bin/env node
// The architecture's boundaries, checked with dependency-cruiser (run by .ci/run):
//   1. the platform (src/platform, src/server, src/db, src/shared, src/jobs, src/deps.ts,
//      src/config.ts) imports no area and not the composition (src/areas.ts), tests aside;
//   2. an area imports another area only through its index.ts (never its internals);
//   3. no import cycle between areas (the file graph collapsed to areas), and none between files.
// `node scripts/check-boundaries.mjs [root]` prints each violation and exits 1 when there is one.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';

const PLATFORM = '^src/(platform|server|db|shared|jobs)/|^src/(deps|config)\\.ts$';

export const RULES = [
  {
    name: 'platform-imports-no-area',
    comment: 'The platform knows no feature: areas plug into it through their manifests (src/areas.ts).',
    severity: 'error',
    from: { path: PLATFORM, pathNot: ['\\.test\\.ts$', '/testing/'] },
    to: { path: ['^src/modules/', '^src/areas\\.ts$'] },
  },
  {
    name: 'no-deep-imports-from-outside-areas',
    comment:
      'Outside src/modules (the CLI, the demo, ops, testing), an area is reached through its index.ts, or its light <area>.cli.ts for the command tree.',
    severity: 'error',
    from: { path: '^src/', pathNot: ['^src/modules/', '\\.test\\.ts$'] },
    to: {
      path: '^src/modules/[^/]+/',
      pathNot: ['^src/modules/[^/]+/index\\.ts$', '^src/modules/([^/]+)/\\1\\.cli\\.ts$'],
    },
  },
  {
    name: 'areas-import-no-composition',
    comment: 'An area does not reach into the CLI, the demo, operations or test fixtures (tests aside).',
    severity: 'error',
    from: { path: '^src/modules/', pathNot: '\\.(test|fixtures)\\.ts$' },
    to: { path: ['^src/(cli|demo|ops|testing)/', '^src/areas(\\.cli)?\\.ts$'] },
  },
  {
    name: 'no-deep-imports-between-areas',
    comment: 'Another area is reached only through its index.ts, its public face.',
    severity: 'error',
    from: { path: '^src/modules/([^/]+)/' },
    to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
  },
  {
    name: 'no-circular-files',
    severity: 'error',
    from: { path: '^src/' },
    // Cycles of runtime imports; a cycle through `import type` is erased at run time.
    to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
  },
];

const areaOf = (path) => /^src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Cycles in the graph of areas (an edge A → B when a file of A imports a file of B), as paths. */
export function areaCycles(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = areaOf(m.source);
    if (!from || /\.test\.ts$/.test(m.source)) continue;
    for (const d of m.dependencies) {
      const to = areaOf(d.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
  // Tarjan's strongly connected components: each with more than one area is a cycle.
  let index = 0;
  const stack = [];
  const meta = new Map();
  const cycles = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, on: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).on) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
    }
    if (meta.get(v).low === meta.get(v).index) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).on = false;
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) {
        const inScc = new Set(scc);
        const why = scc.flatMap((a) =>
          [...(edges.get(a) ?? [])].filter(([b]) => inScc.has(b)).map(([b, via]) => `${a} → ${b} (${via})`),
        );
        cycles.push({ areas: scc.sort(), why });
      }
    }
  };
  for (const v of edges.keys()) if (!meta.has(v)) visit(v);
  return cycles;
}

/** Every violation under `root` (which has src/ and tsconfig.json), as readable lines. */
export async function checkBoundaries(root) {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(
      ['src'],
      {
        validate: true,
        ruleSet: { forbidden: RULES },
        tsPreCompilationDeps: true,
        doNotFollow: { path: 'node_modules' },
        exclude: { path: 'node_modules' },
        ...(existsSync(join(root, 'tsconfig.json')) ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
      },
      undefined,
      existsSync(join(root, 'tsconfig.json')) ? { tsConfig: { fileName: 'tsconfig.json' } } : undefined,
    );
    const out = result.output;
    const lines = out.summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`,
    );
    for (const c of areaCycles(out.modules))
      lines.push(`no-circular-areas: ${c.areas.join(' ↔ ')}\n    ${c.why.join('\n    ')}`);
    const unresolved = out.modules
      .filter((m) => m.source.startsWith('src/'))
      .flatMap((m) =>
        m.dependencies
          .filter((d) => d.couldNotResolve && d.module.startsWith('.'))
          .map((d) => `${m.source} → ${d.module}`),
      );
    for (const u of unresolved) lines.push(`unresolved import: ${u}`);
    return { lines, modules: out.modules.length };
  } finally {
    process.chdir(cwd);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
  const { lines, modules } = await checkBoundaries(root);
  if (lines.length) {
    console.error(`${lines.length} boundary violation(s):\n${lines.map((l) => `  ${l}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `Boundaries hold: ${modules} modules, no area imports another's internals, no cycles, the platform imports no area.`,
  );
}
