#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs the plugin's commands straight from the TypeScript sources in src/, without a build.
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
