import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

describe('project', () => {
  it('is an ESM sf plugin with the Node 20 pins', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies['@oclif/core']).toBe('4.14.0');
    // Installed with `sf plugins install`, overrides do not apply: the pin is a direct dependency, and the lock file
    // holds that one copy of jsforce-node, so every client in the plugin speaks the same version.
    expect(pkg.dependencies['@jsforce/jsforce-node']).toBe('3.10.16');
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const copies = Object.entries(lock.packages).filter(([path]) =>
      path.endsWith('node_modules/@jsforce/jsforce-node')
    );
    expect(copies.map(([, entry]) => entry.version)).toEqual(['3.10.16']);
  });
});
