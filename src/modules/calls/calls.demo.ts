import type { Deps } from '../../deps.ts';
export async function seedCallsDemo(_deps: Deps): Promise<void> {}
