/**
 * Every page of the web app, read from the router's source (web/src/app/App.tsx and each area's
 * web/src/pages/<area>/routes.tsx), with the roles its guard names. A new page is in the layout
 * check and the screenshot gallery without anyone listing it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.ts';

export type RouteInfo = { path: string; roles: string[]; file: string };

function quoted(list: string): string[] {
  return [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

/** The routes of one source file: `<Route path="x" element={…roles={NAME or […]}…} />`. */
export function routesIn(source: string, file: string): RouteInfo[] {
  const consts = new Map<string, string[]>();
  for (const m of source.matchAll(/const ([A-Z_]+)(?::[^=]+)? = (\[[^\]]*\])/g))
    consts.set(m[1]!, quoted(m[2]!));
  const chunks = source.split(/<Route\b/).slice(1);
  const out: RouteInfo[] = [];
  for (const chunk of chunks) {
    const path = /path="([^"]+)"/.exec(chunk)?.[1];
    if (!path || path === '*') continue;
    const named = /roles=\{([A-Z_]+)\}/.exec(chunk)?.[1];
    const literal = /roles=\{(\[[^\]]*\])\}/.exec(chunk)?.[1];
    const roles = named ? (consts.get(named) ?? []) : literal ? quoted(literal) : [];
    out.push({ path: `/${path}`.replace(/\/+/g, '/'), roles, file });
  }
  return out;
}

export function appRoutes(): RouteInfo[] {
  const files = [join('web', 'src', 'app', 'App.tsx')];
  const pages = join(ROOT, 'web', 'src', 'pages');
  for (const area of readdirSync(pages, { withFileTypes: true })) {
    if (area.isDirectory()) files.push(join('web', 'src', 'pages', area.name, 'routes.tsx'));
  }
  const routes: RouteInfo[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      continue; // an area without routes of its own
    }
    routes.push(...routesIn(source, file));
  }
  // The home page is the index route, which has no path attribute.
  return [{ path: '/', roles: [], file: 'web/src/app/App.tsx' }, ...routes];
}

/** An address for a route with ids: a link seen as its role first, then as anyone; else its parent's. */
export function sampleAddress(path: string, mine: Set<string>, all: Set<string>[]): string | undefined {
  const match = (pattern: string, pool: Set<string>[]) => {
    const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
    for (const set of pool) for (const h of set) if (re.test(h)) return h;
    return undefined;
  };
  const direct = match(path, [mine, ...all]);
  if (direct) return direct;
  const parts = path.split('/');
  const last = parts.findLastIndex((p) => p.startsWith(':'));
  const parent = match(parts.slice(0, last + 1).join('/'), [mine, ...all]);
  return parent ? [parent, ...parts.slice(last + 1)].join('/') : undefined;
}
