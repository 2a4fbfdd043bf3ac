#!/usr/bin/env node
// Runs the plugin's commands from the compiled lib/ (npm run build), as `sf` would after `sf plugins link .`.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
