import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

describe('project', () => {
  it('is an ESM sf plugin with the Node 20 pins', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies['@oclif/core']).toBe('4.14.0');
    expect(pkg.overrides['@jsforce/jsforce-node']).toBe('3.10.16');
  });
});
