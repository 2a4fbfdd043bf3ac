/**
 * The bad-input matrix: every way the commands are commonly misused or an org commonly fails. Each case must end
 * with a named error that says what to do (actions), a non-zero exit code, and an org left as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalOrg, stopLocalOrg } from '../../src/localOrg/index.js';
import Deploy from '../../src/commands/maintenance/deploy.js';
import Renewals from '../../src/commands/maintenance/renewals.js';
import Report from '../../src/commands/maintenance/report.js';
import Seed from '../../src/commands/maintenance/seed.js';
import Setup from '../../src/commands/maintenance/setup.js';
import SlaRecompute from '../../src/commands/maintenance/sla/recompute.js';
import { forceAppDir } from '../../src/shared/projectPaths.js';
import {
  isolateSfHome,
  recordCounts,
  registerAlias,
  runCommand,
  startTestOrg,
  tempDir,
  type CommandError,
  type TestOrg
} from './pluginFixtures.js';

const sandbox = isolateSfHome();
const files = tempDir('bad-input-');
/** Deployed and seeded with the demo: the org every "leaves it as it was" case checks. */
let seeded: TestOrg;
/** Nothing deployed. */
let bare: TestOrg;
const started: TestOrg[] = [];
const stoppedOrgs: Awaited<ReturnType<typeof startLocalOrg>>[] = [];

function file(name: string, content: string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

const RECIPE_HEAD = 'name: broken\nkeyPrefix: BROKEN\nstories:\n';

beforeAll(async () => {
  seeded = await startTestOrg('bad-seeded');
  bare = await startTestOrg('bad-bare');
  started.push(seeded, bare);
  const deploy = await runCommand(Deploy, ['-o', 'bad-seeded']);
  expect(deploy.error).toBeUndefined();
  const seed = await runCommand(Seed, ['-o', 'bad-seeded']);
  expect(seed.error).toBeUndefined();

  // An alias whose org is gone: the port no longer answers.
  const gone = await startLocalOrg({ dataDir: join(files, 'gone-org'), writeServerFile: false });
  await registerAlias(gone.instanceUrl, gone.accessToken, 'bad-gone');
  await stopLocalOrg(gone);
  // An alias whose token the org no longer accepts: same address, a new org (and a new token) behind it.
  const old = await startLocalOrg({ dataDir: join(files, 'old-org'), writeServerFile: false });
  await registerAlias(old.instanceUrl, old.accessToken, 'bad-expired');
  await stopLocalOrg(old);
  stoppedOrgs.push(await startLocalOrg({ dataDir: join(files, 'new-org'), port: old.port, writeServerFile: false }));
}, 180_000);

afterAll(async () => {
  for (const org of started) await org.stop();
  for (const org of stoppedOrgs) await stopLocalOrg(org);
  rmSync(files, { recursive: true, force: true });
  sandbox.restore();
});

interface Case {
  title: string;
  command: object;
  argv: () => string[];
  error: string;
  message?: RegExp;
  action?: RegExp;
}

const cases: Case[] = [
  {
    title: 'unknown recipe',
    command: Seed,
    argv: () => ['--recipe', 'nope'],
    error: 'RecipeNotFoundError',
    message: /no recipe "nope"/,
    action: /demo, portfolio, volume/
  },
  {
    title: 'malformed YAML',
    command: Seed,
    argv: () => ['--recipe', file('malformed.yaml', RECIPE_HEAD + '  - story: covered\n   accounts: 1\n')],
    error: 'InvalidRecipeError',
    message: /line 5, column 1/,
    action: /YAML syntax/
  },
  {
    title: 'recipe referencing an unknown field',
    command: Seed,
    argv: () => [
      '--recipe',
      file(
        'field.yaml',
        RECIPE_HEAD +
          '  - story: covered\n    accounts: 1\n    set:\n      Maintenance_Contract__c:\n        Provder__c: Acme\n'
      )
    ],
    error: 'InvalidRecipeError',
    message: /line 8.*no field "Provder__c"/,
    action: /did you mean "Provider__c"/
  },
  {
    title: 'recipe with an unknown story',
    command: Seed,
    argv: () => ['--recipe', file('story.yaml', RECIPE_HEAD + '  - story: coverd\n    accounts: 1\n')],
    error: 'InvalidRecipeError',
    message: /unknown story "coverd"/,
    action: /did you mean "covered"/
  },
  {
    title: 'recipe setting a formula field',
    command: Seed,
    argv: () => [
      '--recipe',
      file(
        'formula.yaml',
        RECIPE_HEAD +
          '  - story: covered\n    accounts: 1\n    set:\n      Maintenance_Incident__c:\n        SLA_State__c: Met\n'
      )
    ],
    error: 'InvalidRecipeError',
    message: /SLA_State__c is computed/,
    action: /remove it/
  },
  {
    title: 'recipe with a picklist value the org rejects',
    command: Seed,
    argv: () => [
      '--recipe',
      file(
        'picklist.yaml',
        RECIPE_HEAD +
          '  - story: covered\n    accounts: 1\n    set:\n      Maintenance_Contract__c:\n        Status__c: Actif\n'
      )
    ],
    error: 'InvalidRecipeError',
    message: /"Actif" is not a value of the picklist Status__c/,
    action: /did you mean "Active"/
  },
  {
    title: 'recipe path that is a directory',
    command: Seed,
    argv: () => {
      mkdirSync(join(files, 'dir.yaml'), { recursive: true });
      return ['--recipe', join(files, 'dir.yaml')];
    },
    error: 'InvalidRecipeError',
    message: /cannot read the file/,
    action: /check the path/
  },
  {
    title: 'plan that is not JSON',
    command: Seed,
    argv: () => ['--plan', file('broken-plan.json', '[{"sobject": "Account", ')],
    error: 'InvalidPlanError',
    message: /not valid JSON/,
    action: /fix the JSON syntax/
  },
  {
    title: 'plan record without its key',
    command: Seed,
    argv: () => {
      file(
        'nokey-accounts.json',
        JSON.stringify({ records: [{ attributes: { type: 'Account', referenceId: 'AccountRef1' }, Name: 'No key' }] })
      );
      return [
        '--plan',
        file('nokey-plan.json', JSON.stringify([{ sobject: 'Account', files: ['nokey-accounts.json'] }]))
      ];
    },
    error: 'InvalidPlanError',
    message: /record 1 \(AccountRef1\): Account record has no AccountNumber/,
    action: /add "AccountNumber"/
  },
  {
    title: 'plan reference to no record',
    command: Seed,
    argv: () => {
      file(
        'dangling-contracts.json',
        JSON.stringify({
          records: [
            {
              attributes: { type: 'Maintenance_Contract__c', referenceId: 'ContractRef1' },
              External_Id__c: 'P-C1',
              Name: 'Orphan',
              Account__c: '@AccountRef9',
              Start_Date__c: '2026-01-01',
              End_Date__c: '2026-12-31'
            }
          ]
        })
      );
      return [
        '--plan',
        file(
          'dangling-plan.json',
          JSON.stringify([{ sobject: 'Maintenance_Contract__c', files: ['dangling-contracts.json'] }])
        )
      ];
    },
    error: 'InvalidPlanError',
    message: /@AccountRef9, which no record declares/,
    action: /add the parent record/
  },
  {
    title: '--output-dir that is a file',
    command: Seed,
    argv: () => ['--dry-run', '--output-dir', file('not-a-dir.txt', 'x')],
    error: 'DryRunTargetError',
    action: /path of a directory/
  },
  {
    title: 'unknown org alias',
    command: Seed,
    argv: () => ['-o', 'nobody-here'],
    error: 'OrgNotFoundError',
    action: /sf org login web --alias nobody-here/
  },
  {
    title: 'unreachable org',
    command: Seed,
    argv: () => ['-o', 'bad-gone'],
    error: 'OrgUnreachableError',
    message: /did not answer/,
    action: /sf maintenance org start/
  },
  {
    title: 'expired token',
    command: Report,
    argv: () => ['-o', 'bad-expired'],
    error: 'SessionExpiredError',
    action: /Log in again/
  },
  {
    title: 'package not deployed',
    command: Seed,
    argv: () => ['-o', 'bad-bare'],
    error: 'SchemaMissingError',
    message: /Account|Maintenance/,
    action: /sf maintenance deploy --target-org bad-bare/
  },
  {
    title: 'unknown permission set',
    command: Deploy,
    argv: () => ['--permsets', 'Maintenance_Admin'],
    error: 'UnknownPermissionSetError',
    action: /Maintenance_Viewer, Maintenance_Support, Maintenance_Manager/
  },
  {
    title: 'month that does not exist',
    command: Report,
    argv: () => ['--month', '2026-13'],
    error: 'InvalidMonthError',
    action: /--month 2026-03/
  },
  {
    title: 'report on an unknown account',
    command: Report,
    argv: () => ['-o', 'bad-seeded', '--account', 'Nobody Inc'],
    error: 'AccountNotFoundError',
    action: /exact name/
  },
  {
    title: 'recompute of an unknown account',
    command: SlaRecompute,
    argv: () => ['-o', 'bad-seeded', '--account', 'Nobody Inc'],
    error: 'AccountNotFoundError',
    action: /AccountNumber/
  },
  {
    title: 'setup with an unknown recipe',
    command: Setup,
    argv: () => ['-o', 'bad-bare', '--recipe', 'nope'],
    error: 'RecipeNotFoundError',
    action: /demo, portfolio, volume/
  }
];

/**
 * Flag shapes and bounds are oclif's to check (min/max, exists, exclusive, dependsOn), before run() starts: the
 * message names the flag and what it accepts (a refused value also points to --help).
 */
const flagCases: { title: string; command: object; argv: () => string[]; message: RegExp }[] = [
  {
    title: 'negative scale',
    command: Seed,
    argv: () => ['--scale', '-1'],
    message: /--scale[\s\S]*at least|--scale[\s\S]*greater than or equal to 1/
  },
  {
    title: 'zero scale',
    command: Seed,
    argv: () => ['--scale', '0'],
    message: /--scale[\s\S]*greater than or equal to 1/
  },
  {
    title: 'absurd scale',
    command: Seed,
    argv: () => ['--scale', '20000'],
    message: /--scale[\s\S]*less than or equal to 10000/
  },
  {
    title: 'negative seed',
    command: Seed,
    argv: () => ['--seed', '-5'],
    message: /--seed[\s\S]*greater than or equal to 0/
  },
  {
    title: 'zero bulk threshold',
    command: Seed,
    argv: () => ['--bulk-threshold', '0'],
    message: /--bulk-threshold[\s\S]*greater than or equal to 1/
  },
  {
    title: '--plan together with --recipe',
    command: Seed,
    argv: () => ['--plan', file('plan.json', '[]'), '--recipe', 'demo'],
    message: /--recipe=demo cannot also be provided when using --plan/
  },
  {
    title: 'missing plan file',
    command: Seed,
    argv: () => ['--plan', join(files, 'missing.json')],
    message: /No file found at .*missing\.json/
  },
  {
    title: '--output-dir without --dry-run',
    command: Seed,
    argv: () => ['--output-dir', files],
    message:
      /--dry-run=.* must also be provided when using --output-dir|All of the following must be provided when using --output-dir: --dry-run/
  },
  {
    title: 'zero wait',
    command: Deploy,
    argv: () => ['--wait', '0'],
    message: /--wait[\s\S]*between 1 and 600/
  },
  {
    title: 'missing source directory',
    command: Deploy,
    argv: () => ['--source-dir', join(files, 'nope')],
    message: /No directory found at .*nope/
  },
  {
    title: 'setup with a bad scale',
    command: Setup,
    argv: () => ['--scale', '0'],
    message: /--scale[\s\S]*greater than or equal to 1/
  },
  {
    title: 'renewals window of no days',
    command: Renewals,
    argv: () => ['--within', '0'],
    message: /--within[\s\S]*between 1 and 3660/
  }
];

function expectActionableFailure(
  error: CommandError | undefined,
  expected: Pick<Case, 'error' | 'message' | 'action'>
): void {
  expect(error).toBeDefined();
  expect(error?.name).toBe(expected.error);
  expect(error?.exitCode).toBeGreaterThan(0);
  expect(error?.actions?.length).toBeGreaterThan(0);
  if (expected.message) expect(error?.message).toMatch(expected.message);
  if (expected.action) expect(error?.actions?.join('\n')).toMatch(expected.action);
}

describe('bad input: a clear error with an action, a non-zero exit, the org as it was', () => {
  it.each(cases)(
    '$title',
    async (testCase) => {
      const conn = await seeded.conn();
      const before = await recordCounts(conn);
      const { result, error } = await runCommand(testCase.command, testCase.argv());
      expect(result).toBeUndefined();
      expectActionableFailure(error, testCase);
      expect(await recordCounts(conn)).toEqual(before);
      // No case may start the default local org: input is checked before any org is looked for.
      expect(readdirSync(sandbox.localOrgDir)).toEqual([]);
      expect((await recordCounts(await bare.conn())).Account).toBe(0);
    },
    60_000
  );

  it.each(flagCases)(
    'refused by oclif: $title',
    async (testCase) => {
      const { result, error } = await runCommand(testCase.command, testCase.argv());
      expect(result).toBeUndefined();
      expect(error?.exitCode).toBeGreaterThan(0);
      expect(error?.message).toMatch(testCase.message);
      expect(readdirSync(sandbox.localOrgDir)).toEqual([]);
    },
    30_000
  );

  it('deploy failure: the org names the broken file, and nothing is deployed', async () => {
    const broken = join(files, 'broken-source', 'main', 'default', 'objects', 'Broken__c');
    mkdirSync(join(broken, 'fields'), { recursive: true });
    writeFileSync(
      join(broken, 'Broken__c.object-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n  <label>Broken</label>\n  <pluralLabel>Brokens</pluralLabel>\n  <nameField><label>Name</label><type>Text</type></nameField>\n  <deploymentStatus>Deployed</deploymentStatus>\n  <sharingModel>ReadWrite</sharingModel>\n</CustomObject>\n'
    );
    writeFileSync(
      join(broken, 'fields', 'Size__c.field-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n  <fullName>Size__c</fullName>\n  <label>Size</label>\n  <type>Banana</type>\n</CustomField>\n'
    );
    const { error } = await runCommand(Deploy, ['-o', 'bad-bare', '--source-dir', join(files, 'broken-source')]);
    expectActionableFailure(error, {
      error: 'DeployFailedError',
      message: /Size__c/,
      action: /Fix the files named above/
    });
    const described = await (await bare.conn()).describeGlobal();
    expect(described.sobjects.some((object) => object.name === 'Broken__c')).toBe(false);
  }, 120_000);

  it('permission set missing from the org: deployed without it, nothing assigned', async () => {
    const fresh = await startTestOrg('bad-nopermsets');
    started.push(fresh);
    const objectsOnly = join(files, 'objects-only', 'main', 'default');
    mkdirSync(objectsOnly, { recursive: true });
    cpSync(join(forceAppDir, 'main', 'default', 'objects'), join(objectsOnly, 'objects'), { recursive: true });
    // The validation rules read $Permission.Maintenance_SLA_Correction: the custom permission goes with the objects.
    cpSync(join(forceAppDir, 'main', 'default', 'customPermissions'), join(objectsOnly, 'customPermissions'), {
      recursive: true
    });
    const { error } = await runCommand(Deploy, ['-o', 'bad-nopermsets', '--source-dir', join(files, 'objects-only')]);
    expectActionableFailure(error, {
      error: 'PermissionSetNotFoundError',
      message: /Maintenance_Manager/,
      action: /Deploy the package first/
    });
    const assignments = await (await fresh.conn()).query('SELECT Id FROM PermissionSetAssignment');
    expect(assignments.totalSize).toBe(0);
  }, 120_000);

  it('a calendar the org lacks: the recompute writes nothing', async () => {
    const conn = await seeded.conn();
    // A contract with open incidents: those are the ones the recompute would need the calendar for.
    const open = await conn.query<{ Contract__c: string }>(
      "SELECT Contract__c FROM Maintenance_Incident__c WHERE Contract__c != null AND Status__c IN ('New','Acknowledged','In Progress') LIMIT 1"
    );
    const contract = { Id: open.records[0].Contract__c };
    await conn.sobject('Maintenance_Contract__c').update({ Id: contract.Id, Calendar__c: 'Mars_Calendar' });
    try {
      const dues = await conn.query('SELECT Id, Resolution_Due__c FROM Maintenance_Incident__c ORDER BY Id');
      const { error } = await runCommand(SlaRecompute, ['-o', 'bad-seeded']);
      expectActionableFailure(error, {
        error: 'CalendarMissingError',
        message: /"Mars_Calendar"/,
        action: /Deploy the calendars/
      });
      expect(
        (await conn.query('SELECT Id, Resolution_Due__c FROM Maintenance_Incident__c ORDER BY Id')).records
      ).toEqual(dues.records);
    } finally {
      await conn.sobject('Maintenance_Contract__c').update({ Id: contract.Id, Calendar__c: 'Paris_Business_Hours' });
    }
  }, 60_000);

  it('records the org rejects: a table of failures with the org error, the ids written, exit 1; the rerun after the fix finishes', async () => {
    const conn = await seeded.conn();
    const accounts = [
      { attributes: { type: 'Account', referenceId: 'AccountRef1' }, AccountNumber: 'PLAN-ACC-1', Name: 'Plan Account' }
    ];
    const contract = (endDate: string) => ({
      records: [
        {
          attributes: { type: 'Maintenance_Contract__c', referenceId: 'ContractRef1' },
          External_Id__c: 'PLAN-C-1',
          Name: 'Plan contract',
          Account__c: '@AccountRef1',
          Start_Date__c: '2026-06-01',
          End_Date__c: endDate
        }
      ]
    });
    file('reject-accounts.json', JSON.stringify({ records: accounts }));
    file('reject-contracts.json', JSON.stringify(contract('2026-01-01')));
    const plan = file(
      'reject-plan.json',
      JSON.stringify([
        { sobject: 'Account', files: ['reject-accounts.json'] },
        { sobject: 'Maintenance_Contract__c', files: ['reject-contracts.json'] }
      ])
    );
    const before = await recordCounts(conn);
    const { error } = await runCommand(Seed, ['-o', 'bad-seeded', '--plan', plan]);
    expectActionableFailure(error, {
      error: 'LoadFailedError',
      message: /1 of 2 record\(s\) could not be written/,
      action: /run the same command again/
    });
    expect(error?.exitCode).toBe(1);
    const data = error?.data as {
      failures: { sobject: string; key: string; error: string }[];
      written: Record<string, string[]>;
    };
    expect(data.failures).toEqual([
      {
        sobject: 'Maintenance_Contract__c',
        key: 'PLAN-C-1',
        error: expect.stringMatching(/FIELD_CUSTOM_VALIDATION_EXCEPTION/)
      }
    ]);
    expect(data.written.Account).toHaveLength(1);
    expect(await recordCounts(conn)).toEqual({ ...before, Account: before.Account + 1 });

    file('reject-contracts.json', JSON.stringify(contract('2026-12-31')));
    const rerun = await runCommand<{ created: number; updated: number }>(Seed, ['-o', 'bad-seeded', '--plan', plan]);
    expect(rerun.result).toMatchObject({ created: 1, updated: 1 });
    expect(await recordCounts(conn)).toEqual({
      ...before,
      Account: before.Account + 1,
      Maintenance_Contract__c: before.Maintenance_Contract__c + 1
    });
  }, 60_000);

  it('covers at least 25 cases', () => {
    expect(cases.length + flagCases.length + 4).toBeGreaterThanOrEqual(25);
  });
});
