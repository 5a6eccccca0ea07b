#!/usr/bin/env node
// The `markaz` command. Markaz runs its TypeScript through tsx, so there is no separate build
// step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
