/**
 * zod as @salesforce/core loads it, its CommonJS build, so that a command loads one copy of zod: `import ... from
 * 'zod'` in an ES module takes zod's ES module build, a second copy of its 95 files beside the one every command
 * already has through @salesforce/core (some 40 ms of CPU in each seed). Its types come from the package as usual.
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

export const { z } = createRequire(import.meta.url)('zod') as typeof Zod;
export type { ZodNumber, core } from 'zod';
