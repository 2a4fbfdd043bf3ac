import { describe, expect, it } from '@jest/globals';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { listRecipes, locateRecipe, parseRecipe, readRecipe, RecipeError, suggestion } from '../../src/seed/recipe.js';

const context = recipeContext(loadPackageConfig());

function problemsOf(source: string): RecipeError['problems'] {
  try {
    parseRecipe(source, 'test.yaml', context);
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError);
    return (error as RecipeError).problems;
  }
  throw new Error('the recipe was accepted');
}

const VALID = `name: small
keyPrefix: SMALL
stories:
  - story: covered
    accounts: 2
`;

describe('recipe files', () => {
  it('ships the demo, portfolio and volume recipes, and all are valid', () => {
    expect(listRecipes()).toEqual(['demo', 'portfolio', 'volume']);
    for (const name of ['demo', 'portfolio', 'volume']) {
      const recipe = readRecipe(locateRecipe(name) as string, context);
      expect(recipe.name).toBe(name);
      expect(recipe.stories.length).toBeGreaterThan(0);
    }
  });

  it('finds a recipe by name or by path, and nothing for an unknown name', () => {
    expect(locateRecipe('demo')).toMatch(/config\/seed\/demo\.yaml$/);
    expect(locateRecipe('config/seed/volume.yaml')).toMatch(/volume\.yaml$/);
    expect(locateRecipe('nope')).toBeUndefined();
    expect(locateRecipe('./missing.yaml')).toBeUndefined();
  });

  it('fills in defaults: seed, locales, zone, per-story incidents and parameters', () => {
    const recipe = parseRecipe(VALID + '  - story: gap-ahead\n    accounts: 1\n', 'ok.yaml', context);
    expect(recipe).toMatchObject({ seed: 1, locales: ['fr', 'en'], timeZone: 'Europe/Paris', keyPrefix: 'SMALL' });
    expect(recipe.stories[0]).toMatchObject({ story: 'covered', accounts: 2, incidents: 6, params: {} });
    expect(recipe.stories[1].params).toEqual({ gapInDays: 21 });
  });
});

describe('recipe problems name the line, the key and the fix', () => {
  it('reports YAML syntax errors with their line', () => {
    const [problem] = problemsOf('name: x\nkeyPrefix: XX\nstories:\n  - story: covered\n   accounts: 1\n');
    expect(problem.path).toBe('(YAML syntax)');
    expect(problem).toMatchObject({ line: 5, column: 1 });
    expect(problem.fix).toMatch(/YAML syntax/);
  });

  it('reports a duplicated key', () => {
    const [problem] = problemsOf(VALID + 'name: again\n');
    expect(problem.message).toMatch(/unique/i);
    expect(problem.fix).toMatch(/only one/);
  });

  it('points at an unknown story on its line, with a suggestion', () => {
    const [problem] = problemsOf('name: x\nkeyPrefix: XX\nstories:\n  - story: coverd\n    accounts: 1\n');
    expect(problem).toMatchObject({ line: 4, path: 'stories[0].story' });
    expect(problem.fix).toBe('did you mean "covered"?');
  });

  it('points at an unknown field of an object, with the closest real field', () => {
    const source = VALID + '    set:\n      Maintenance_Contract__c:\n        Provder__c: Acme\n';
    const [problem] = problemsOf(source);
    expect(problem).toMatchObject({ line: 8, path: 'stories[0].set.Maintenance_Contract__c.Provder__c' });
    expect(problem.message).toMatch(/has no field "Provder__c"/);
    expect(problem.fix).toBe('did you mean "Provider__c"?');
  });

  it('refuses computed fields, relationships and keys', () => {
    const source =
      VALID +
      '    set:\n      Maintenance_Contract__c:\n        Notice_Deadline__c: today\n        Account__c: x\n        External_Id__c: K\n';
    const messages = problemsOf(source).map((problem) => problem.message);
    expect(messages).toEqual([
      expect.stringMatching(/Notice_Deadline__c is computed/),
      expect.stringMatching(/Account__c is a relationship/),
      expect.stringMatching(/External_Id__c is the key/)
    ]);
  });

  it('checks values against the field: picklist, number size, date, checkbox, configuration names', () => {
    const source =
      VALID +
      '    set:\n      Maintenance_Contract__c:\n        Status__c: Actif\n        Notice_Period_Days__c: 12345\n' +
      '        Start_Date__c: next week\n        Tacit_Renewal__c: yes\n        SLA_Template__c: Gold\n        Calendar__c: Paris\n' +
      '        Time_Zone__c: Mars/Olympus\n';
    const problems = problemsOf(source);
    expect(problems.map((problem) => problem.path.split('.').pop())).toEqual([
      'Status__c',
      'Notice_Period_Days__c',
      'Start_Date__c',
      'Tacit_Renewal__c',
      'SLA_Template__c',
      'Calendar__c',
      'Time_Zone__c'
    ]);
    expect(problems[0].fix).toBe('did you mean "Active"?');
    expect(problems[2].fix).toMatch(/today\+N/);
    expect(problems[4].fix).toMatch(/Critical, Premium, Standard/);
  });

  it('accepts relative dates and resolves numbers for text fields', () => {
    const recipe = parseRecipe(
      VALID + '    set:\n      Maintenance_Contract__c:\n        Start_Date__c: today-3m\n        Provider__c: 42\n',
      'ok.yaml',
      context
    );
    expect(recipe.stories[0].set.Maintenance_Contract__c).toEqual({ Start_Date__c: 'today-3m', Provider__c: 42 });
  });

  it('checks story parameters and their consistency', () => {
    const problems = problemsOf(
      'name: x\nkeyPrefix: XX\nstories:\n  - story: notice-passed\n    accounts: 1\n    daysToEnd: 120\n' +
        '  - story: gap-ahead\n    accounts: 0\n    gapInDays: 200\n    gapDays: 3\n'
    );
    // In the order of the file: line 6, then lines 8, 9 and 10.
    expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
      [6, 'stories[0].daysToEnd'],
      [8, 'stories[1].accounts'],
      [9, 'stories[1].gapInDays'],
      [10, 'stories[1].gapDays']
    ]);
    expect(problems[0].fix).toMatch(/smaller than noticeDays/);
    expect(problems[1]).toMatchObject({ message: '0 is not a whole number between 1 and 100000' });
    expect(problems[3]).toMatchObject({
      message: 'unknown key "gapDays" in story "gap-ahead"',
      fix: 'did you mean "gapInDays"?'
    });
  });

  it('names what an entry lacks, at the entry', () => {
    const problems = problemsOf('name: x\nkeyPrefix: XX\nstories:\n  - story: covered\n  - 3\n  - accounts: 2\n');
    expect(problems.map(({ line, path, message }) => ({ line, path, message }))).toEqual([
      { line: 4, path: 'stories[0].accounts', message: 'story "covered" has no "accounts"' },
      { line: 5, path: 'stories[1]', message: 'a story entry must be a map' },
      { line: 6, path: 'stories[2].story', message: 'the entry has no "story"' }
    ]);
    expect(problems[0].fix).toBe('add "accounts: N" (how many accounts tell this story)');
  });

  it('takes the defaults for keys left blank or absent', () => {
    const recipe = parseRecipe(
      'name: x\nkeyPrefix: XX\ntimeZone:\ndescription:\n' + VALID.slice(VALID.indexOf('stories')),
      'ok.yaml',
      context
    );
    expect(recipe).toMatchObject({ seed: 1, timeZone: 'Europe/Paris', description: '', locales: ['fr', 'en'] });
    expect(recipe.stories[0]).toMatchObject({ accounts: 2, incidents: 6 });
  });

  it('reports every problem of the file at once', () => {
    const problems = problemsOf('name: Bad Name\nkeyPrefix: x\nlocales: [de]\ntimeZone: Nowhere\nextra: 1\n');
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      'extra',
      'keyPrefix',
      'locales[0]',
      'name',
      'stories',
      'timeZone'
    ]);
  });
});

describe('suggestion', () => {
  it('suggests a close candidate, or lists them all', () => {
    expect(suggestion('volum', ['demo', 'volume'])).toBe('did you mean "volume"?');
    expect(suggestion('zzz', ['demo', 'volume'])).toBe('use one of: demo, volume');
  });
});
