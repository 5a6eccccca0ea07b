#!/usr/bin/env node
// The `markaz` command. Markaz runs its TypeScript through tsx, so there is no separate build
// step for the server.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  console.error(
    `Markaz needs Node.js 22.22 or newer; this is ${process.versions.node}. ` +
      '`npm install` brings Node 22 into node_modules, and `npm start` / `npx markaz` use it.',
  );
  process.exit(2);
}
const { register } = await import('tsx/esm/api');

register();
await import('../src/cli/main.ts');
