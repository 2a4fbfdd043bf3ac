import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Seed, { type SeedResult } from '../../src/commands/maintenance/seed.js';
import { loadPackageConfig } from '../../src/seed/packageConfig.js';
import { isolateSfHome, runCommand, tempDir } from './pluginFixtures.js';

const sandbox = isolateSfHome();
afterAll(() => sandbox.restore());

// Counted from config/seed/demo.yaml: 11 checklists (2 gap-today, 3 in progress, 3 signed off, 2 transitions, 1
// signed waiting), one item per handover template item each; 31 contracts (gap-ahead has a Draft renewal too,
// gap-today an expired extension and a Draft proposal, amended-delay an extension and a signed TMA); 1 amendment;
// 2 transition plans; 99 incidents (accounts x incidents, plus the two of sla-evidence); and one effort entry per
// incident worked on, plus the
// time-and-materials work, which the generator draws: read from the result.
const ITEMS = 11 * loadPackageConfig().templateItems.length;
const FIXED = 27 + 11 + ITEMS + 31 + 1 + 2 + 99;

describe('sf maintenance seed --dry-run', () => {
  const dir = join(tempDir('dry-run-'), 'preview');
  let result: SeedResult;

  it('returns what it would load, object by object, with the API each would use', async () => {
    const run = await runCommand(Seed, [
      '--recipe',
      'demo',
      '--dry-run',
      '--output-dir',
      dir,
      '--bulk-threshold',
      '100'
    ]);
    expect(run.error).toBeUndefined();
    result = run.result as SeedResult;
    expect(result).toMatchObject({
      recipe: 'demo',
      seed: 20260501,
      scale: 1,
      dryRun: true,
      outputDir: dir,
      created: 0,
      updated: 0,
      failed: 0
    });
    expect(result.targetOrg).toBeUndefined();
    const effort = result.objects.find((object) => object.sobject === 'Effort_Entry__c')?.records ?? 0;
    expect(effort).toBeGreaterThan(0);
    expect(result.objects.map((object) => [object.sobject, object.records, object.api])).toEqual([
      ['Account', 27, 'collections'],
      ['Handover_Checklist__c', 11, 'collections'],
      ['Handover_Item__c', ITEMS, 'bulk2'],
      ['Maintenance_Contract__c', 31, 'collections'],
      ['Contract_Amendment__c', 1, 'collections'],
      ['Maintenance_Transition__c', 2, 'collections'],
      ['Maintenance_Incident__c', 99, 'collections'],
      ['Effort_Entry__c', effort, effort >= 100 ? 'bulk2' : 'collections']
    ]);
    expect(result.total).toBe(FIXED + effort);
  });

  it('writes one CSV per object in load order, and a summary', () => {
    expect(readdirSync(dir).sort()).toEqual([
      '01-Account.csv',
      '02-Handover_Checklist__c.csv',
      '03-Handover_Item__c.csv',
      '04-Maintenance_Contract__c.csv',
      '05-Contract_Amendment__c.csv',
      '06-Maintenance_Transition__c.csv',
      '07-Maintenance_Incident__c.csv',
      '08-Effort_Entry__c.csv',
      'summary.json'
    ]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      total: number;
      details: Record<string, unknown>;
    };
    expect(summary.total).toBe(result.total);
    expect(summary.details).toMatchObject({ recipe: 'demo', seed: 20260501, scale: 1 });
  });

  it('writes Bulk API 2.0 CSV: key first, references by external id, accounts and users by key', () => {
    const incidents = parse<Record<string, string>>(readFileSync(join(dir, '07-Maintenance_Incident__c.csv')), {
      columns: true
    });
    expect(incidents).toHaveLength(99);
    const header = Object.keys(incidents[0]);
    expect(header[0]).toBe('External_Id__c');
    expect(header).toEqual(
      expect.arrayContaining(['Account__c', 'Contract__r.External_Id__c', 'Reported_At__c', 'Resolution_Due__c'])
    );
    expect(incidents.every((row) => row.Account__c.startsWith('DEMO-'))).toBe(true);
    // An explicit null is #N/A (Bulk API 2.0's "set to null"); a covered incident points to its contract's key.
    expect(incidents.some((row) => row.Resolution_Due__c === '#N/A')).toBe(true);
    expect(incidents.some((row) => row['Contract__r.External_Id__c'].endsWith('-C1'))).toBe(true);
    const checklists = parse<Record<string, string>>(readFileSync(join(dir, '02-Handover_Checklist__c.csv')), {
      columns: true
    });
    expect(checklists.filter((row) => row.Signed_Off_By__c === '$runningUser').length).toBeGreaterThan(0);
  });

  it('touched no org: nothing started, nothing registered', () => {
    expect(readdirSync(sandbox.localOrgDir)).toEqual([]);
    const authDir = join(sandbox.home, '.sfdx');
    const authFiles = existsSync(authDir) ? readdirSync(authDir).filter((file) => file.includes('@')) : [];
    expect(authFiles).toEqual([]);
  });

  it('gives the same files for the same seed', async () => {
    const again = join(tempDir('dry-run-again-'), 'preview');
    await runCommand(Seed, ['--recipe', 'demo', '--dry-run', '--output-dir', again]);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.csv'))) {
      expect(readFileSync(join(again, file), 'utf8')).toBe(readFileSync(join(dir, file), 'utf8'));
    }
  });
});
