/**
 * `seed --plan`: the checks of the plan file and its data files (zod schemas of the shape `sf data export tree --plan`
 * writes), every problem of every file reported at once, each with where it is and how to fix it.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { PlanError, readPlan } from '../../src/seed/plan.js';
import { tempDir } from './pluginFixtures.js';

const context = recipeContext(loadPackageConfig());
const dir = tempDir('plan-');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

function problemsOf(planFile: string): { where: string; message: string; fix: string }[] {
  try {
    readPlan(planFile, context);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as PlanError).problems.map(({ where, message, fix }) => ({ where, message, fix }));
  }
  throw new Error('the plan was accepted');
}

describe('plan checks', () => {
  it('refuses a plan that is not a non-empty array', () => {
    for (const plan of [{}, []]) {
      expect(problemsOf(write('shape.json', plan))).toEqual([
        {
          where: '(plan)',
          message: 'a plan is a non-empty JSON array of { sobject, files }',
          fix: 'generate one with sf data export tree --plan'
        }
      ]);
    }
  });

  it('reports every bad entry, record and file at once', () => {
    write('accounts.json', {
      records: [
        { attributes: { type: 'Account', referenceId: 'AccountRef1' }, AccountNumber: 'K1', Name: 'A' },
        7,
        { attributes: { referenceId: 5 }, AccountNumber: 'K3', Name: 'C' }
      ]
    });
    write('norecords.json', { recs: [] });
    write('typo.json', { records: [{ AccountNumber: 'K2', Nme: 'B' }] });
    const problems = problemsOf(
      write('plan.json', [
        { sobject: 'Acount', files: ['accounts.json'] },
        { sobject: 'Account', files: 'accounts.json' },
        5,
        { sobject: 'account', files: ['accounts.json', 'norecords.json', 'typo.json'], saveRefs: true }
      ])
    );
    expect(problems.map(({ where, message }) => `${where}: ${message}`)).toEqual([
      'entry 1: sObject "Acount" is not one the seed writes',
      'entry 2: "files" must be a list of file names',
      'entry 3: a plan entry must be a JSON object { sobject, files }',
      'record 2: a record must be a JSON object',
      `record 3: a record's "attributes" must be { "type": text, "referenceId": text }`,
      '(file): the file has no "records" list',
      'record 1: Account has no field "Nme"'
    ]);
    expect(problems[0].fix).toBe('did you mean "Account"?');
    expect(problems[6].fix).toBe('did you mean "Name"?');
  });

  it('reads a plan whose sObject is written in another case, with extra keys', () => {
    write('one.json', {
      records: [{ attributes: { type: 'Account', referenceId: 'AccountRef1' }, AccountNumber: 'K1', Name: 'A' }]
    });
    const dataset = readPlan(
      write('ok.json', [{ sobject: 'ACCOUNT', files: ['one.json'], resolveRefs: true }]),
      context
    );
    expect(dataset.objects).toEqual([
      { sobject: 'Account', records: [{ key: 'K1', fields: { Name: 'A' }, refs: {} }] }
    ]);
  });
});
