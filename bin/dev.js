#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
import { execute } from '@oclif/core';

// Development entry point: runs the commands straight from the TypeScript sources (no build needed).
await execute({ development: true, dir: import.meta.url });
