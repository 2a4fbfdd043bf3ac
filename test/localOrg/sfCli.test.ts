/**
 * The real `sf` CLI against the local org: `org login access-token`, `project deploy start` (this project's
 * force-app), `data query`, `data import tree`, `data upsert bulk`, `data export bulk` (CSV and JSON) and
 * `org list sobject record-counts`, asserting on their JSON output. The CLI is
 * @salesforce/cli 2.146.3 (the last release whose engines allow Node 20), kept in test/sfcli with its own lock file
 * and installed on first use by scripts/ensure-sf-cli.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { delimiter, dirname, join, resolve } from 'node:path';
import { SF_CLI_BIN, ensureSfCli } from '../../scripts/ensure-sf-cli.js';
import { readIdentity, startBackground, stopBackground, type RunningOrg } from '../../src/localOrg/daemon.js';
import { parseXml, type XmlElement } from '../../src/localOrg/xml.js';
import { removeDir, tempDir } from './orgFixtures.js';

const root = resolve('.');
let home: string;
let dataDir: string;
let org: RunningOrg;

interface SfResult {
  status: number;
  result: Record<string, unknown> & { records?: Record<string, unknown>[] };
  name?: string;
  message?: string;
  data?: Record<string, unknown>;
}

function sf(args: string[], env: Record<string, string> = {}, cwd = home): SfResult {
  const run = spawnSync(SF_CLI_BIN, [...args, '--json'], {
    cwd,
    encoding: 'utf8',
    timeout: 180000,
    env: {
      PATH: `${dirname(SF_CLI_BIN)}${delimiter}${process.env.PATH ?? ''}`,
      HOME: home,
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_SKIP_NEW_VERSION_CHECK: 'true',
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      ...env
    }
  });
  try {
    return JSON.parse(run.stdout) as SfResult;
  } catch {
    throw new Error(`sf ${args.join(' ')} printed no JSON (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
  }
}

beforeAll(async () => {
  ensureSfCli();
  home = tempDir('localorg-sf-');
  dataDir = join(home, 'org');
  ({ org } = await startBackground({ dataDir }));
}, 660000);

afterAll(async () => {
  await stopBackground(dataDir);
  removeDir(home);
});

describe('the real sf CLI', () => {
  it('sf org login access-token registers the org (not a Dev Hub)', () => {
    const token = readIdentity(dataDir)?.accessToken as string;
    const login = sf(
      ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--alias', 'local', '--no-prompt'],
      {
        SF_ACCESS_TOKEN: token
      }
    );
    expect(login.status).toBe(0);
    expect(login.result).toMatchObject({
      username: org.username,
      orgId: org.orgId,
      isDevHub: false,
      orgEdition: 'Developer Edition',
      instanceApiVersion: '64.0'
    });
  }, 180000);

  it('sf project deploy start deploys this project’s force-app', () => {
    const deploy = sf(
      ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'local', '--wait', '10'],
      {},
      root
    );
    expect(deploy.status).toBe(0);
    expect(deploy.result).toMatchObject({ status: 'Succeeded', success: true, checkOnly: false });
    expect(Number(deploy.result.numberComponentsDeployed)).toBeGreaterThan(50);
  }, 300000);

  it('sf data query reads the deployed custom metadata records', () => {
    const query = sf([
      'data',
      'query',
      '--query',
      "SELECT DeveloperName, Time_Zone__c FROM Maintenance_Calendar__mdt WHERE DeveloperName = 'Paris_Business_Hours'",
      '--target-org',
      'local'
    ]);
    expect(query.result.records).toEqual([
      expect.objectContaining({ DeveloperName: 'Paris_Business_Hours', Time_Zone__c: 'Europe/Paris' })
    ]);
  }, 180000);

  it('sf data import tree creates parents and children from a tree file', () => {
    const file = join(home, 'accounts.json');
    writeFileSync(
      file,
      JSON.stringify({
        records: [
          {
            attributes: { type: 'Account', referenceId: 'AccountRef1' },
            Name: 'Tree Industries',
            Maintenance_Contracts__r: {
              records: [
                {
                  attributes: { type: 'Maintenance_Contract__c', referenceId: 'ContractRef1' },
                  Name: 'TMA Tree',
                  Start_Date__c: '2026-01-01',
                  End_Date__c: '2026-12-31',
                  External_Id__c: 'TREE-1'
                }
              ]
            }
          }
        ]
      })
    );
    const imported = sf(['data', 'import', 'tree', '--files', file, '--target-org', 'local']);
    expect(imported.status).toBe(0);
    expect(imported.result).toEqual([
      { refId: 'AccountRef1', type: 'Account', id: expect.stringMatching(/^001/) },
      { refId: 'ContractRef1', type: 'Maintenance_Contract__c', id: expect.stringMatching(/^a0/) }
    ]);
  }, 180000);

  it('sf data query answers relationships, subqueries and formula fields', () => {
    const query = sf([
      'data',
      'query',
      '--query',
      "SELECT Name, Owner.Name, (SELECT Name, Notice_Deadline__c FROM Maintenance_Contracts__r) FROM Account WHERE Name = 'Tree Industries'",
      '--target-org',
      'local'
    ]);
    expect(query.status).toBe(0);
    expect(query.result).toMatchObject({
      totalSize: 1,
      done: true,
      records: [
        {
          Name: 'Tree Industries',
          Owner: { Name: 'Local Admin' },
          Maintenance_Contracts__r: { totalSize: 1, records: [{ Name: 'TMA Tree', Notice_Deadline__c: '2026-10-02' }] }
        }
      ]
    });
  }, 180000);

  it('sf data upsert bulk loads a CSV by external id, twice, and reports failing rows', () => {
    const accounts = sf([
      'data',
      'query',
      '--query',
      "SELECT Id FROM Account WHERE Name = 'Tree Industries'",
      '--target-org',
      'local'
    ]);
    const accountId = String(accounts.result.records?.[0].Id);
    const file = join(home, 'contracts.csv');
    const rows = ['External_Id__c,Name,Account__c,Start_Date__c,End_Date__c'];
    for (let index = 0; index < 500; index++)
      rows.push(`BULK-${index},Contract ${index},${accountId},2026-01-01,2026-12-31`);
    writeFileSync(file, rows.join('\n') + '\n');
    const upsert = (): SfResult =>
      sf([
        'data',
        'upsert',
        'bulk',
        '--sobject',
        'Maintenance_Contract__c',
        '--file',
        file,
        '--external-id',
        'External_Id__c',
        '--wait',
        '5',
        '--target-org',
        'local'
      ]);
    const first = upsert();
    expect(first.status).toBe(0);
    expect(first.result).toMatchObject({
      jobInfo: { state: 'JobComplete', numberRecordsProcessed: 500, numberRecordsFailed: 0 }
    });
    expect(upsert().status).toBe(0);
    const count = sf([
      'data',
      'query',
      '--query',
      "SELECT COUNT() FROM Maintenance_Contract__c WHERE External_Id__c LIKE 'BULK-%'",
      '--target-org',
      'local'
    ]);
    expect(count.result.totalSize).toBe(500);

    writeFileSync(
      file,
      `${rows[0]}\nBULK-BAD,Backwards,${accountId},2026-06-01,2026-01-01\nBULK-1,Renamed,${accountId},2026-01-01,2026-12-31\n`
    );
    const failing = upsert();
    expect(failing.status).toBe(1);
    expect(failing.name).toBe('FailedRecordDetailsError');
    const results = sf(
      ['data', 'bulk', 'results', '--job-id', String(failing.data?.jobId), '--target-org', 'local'],
      {},
      home
    );
    expect(results.result).toMatchObject({ processedRecords: 2, successfulRecords: 1, failedRecords: 1 });
  }, 300000);

  it('sf data export bulk writes the records of a query job as CSV and as JSON', () => {
    const query =
      "SELECT External_Id__c, Name, Account__r.Name FROM Maintenance_Contract__c WHERE External_Id__c LIKE 'BULK-%' " +
      'ORDER BY External_Id__c';
    const csvFile = join(home, 'export.csv');
    const csv = sf([
      'data',
      'export',
      'bulk',
      '--query',
      query,
      '--output-file',
      csvFile,
      '--wait',
      '5',
      '--target-org',
      'local'
    ]);
    expect(csv.status).toBe(0);
    expect(csv.result).toMatchObject({ totalSize: 500, filePath: csvFile });
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('"External_Id__c","Name","Account__r.Name"');
    expect(lines).toHaveLength(501);
    const jsonFile = join(home, 'export.json');
    const json = sf([
      'data',
      'export',
      'bulk',
      '--query',
      query,
      '--output-file',
      jsonFile,
      '--result-format',
      'json',
      '--wait',
      '5',
      '--target-org',
      'local'
    ]);
    expect(json.status).toBe(0);
    const records = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, string>[];
    expect(records).toHaveLength(500);
    expect(records[0]).toEqual({ External_Id__c: 'BULK-0', Name: 'Contract 0', 'Account__r.Name': 'Tree Industries' });
  }, 300000);

  it('sf org list sobject record-counts reads /limits/recordCount', () => {
    const counts = sf([
      'org',
      'list',
      'sobject',
      'record-counts',
      '--sobject',
      'Account',
      '--sobject',
      'Maintenance_Contract__c',
      '--target-org',
      'local'
    ]);
    expect(counts.status).toBe(0);
    expect(counts.result).toEqual([
      { name: 'Account', count: 1 },
      { name: 'Maintenance_Contract__c', count: 501 }
    ]);
  }, 180000);

  /** A new sfdx project (one package directory, force-app) in the home directory. */
  function emptyProject(name: string): string {
    const dir = join(home, name);
    mkdirSync(join(dir, 'force-app'), { recursive: true });
    writeFileSync(
      join(dir, 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' })
    );
    return dir;
  }

  /** Every component of a source tree, children included, as `Type:FullName`. */
  function componentKeys(path: string): string[] {
    return ComponentSet.fromSource(path)
      .getSourceComponents()
      .toArray()
      .flatMap((component) => [component, ...component.getChildren()])
      .map((component) => `${component.type.name}:${component.fullName}`)
      .sort();
  }

  it('sf project retrieve start --metadata brings objects, bundles and resources back as source', () => {
    const project = emptyProject('retrieve-metadata');
    const retrieved = sf(
      [
        'project',
        'retrieve',
        'start',
        '--metadata',
        'CustomObject:Maintenance_Incident__c',
        '--metadata',
        'LightningComponentBundle:incidentList',
        '--metadata',
        'CustomField:Maintenance_Contract__c.Status__c',
        '--target-org',
        'local'
      ],
      {},
      project
    );
    expect([retrieved.status, retrieved.message]).toEqual([0, undefined]);
    const base = join(project, 'force-app/main/default');
    for (const file of [
      'objects/Maintenance_Incident__c/Maintenance_Incident__c.object-meta.xml',
      'objects/Maintenance_Incident__c/fields/Status__c.field-meta.xml',
      'lwc/incidentList/incidentList.js',
      'lwc/incidentList/incidentList.html',
      'objects/Maintenance_Contract__c/fields/Status__c.field-meta.xml'
    ]) {
      expect([file, existsSync(join(base, file))]).toEqual([file, true]);
    }
    expect(readFileSync(join(base, 'lwc/incidentList/incidentList.js'), 'utf8')).toBe(
      readFileSync(join(root, 'force-app/main/default/lwc/incidentList/incidentList.js'), 'utf8')
    );
    // A field asked alone does not bring its object's other fields.
    expect(existsSync(join(base, 'objects/Maintenance_Contract__c/fields/End_Date__c.field-meta.xml'))).toBe(false);
  }, 180000);

  it('sf project retrieve start --manifest round-trips force-app into an empty project', async () => {
    const project = emptyProject('retrieve-manifest');
    writeFileSync(join(project, 'package.xml'), await ComponentSet.fromSource(join(root, 'force-app')).getPackageXml());
    const retrieved = sf(
      ['project', 'retrieve', 'start', '--manifest', 'package.xml', '--target-org', 'local', '--wait', '10'],
      {},
      project
    );
    expect([retrieved.status, retrieved.message]).toEqual([0, undefined]);
    const original = componentKeys(join(root, 'force-app'));
    const back = componentKeys(join(project, 'force-app'));
    // SDR writes a parent file for Opportunity, whose source has only fields, list views and rules: as against a
    // real org, it is an empty CustomObject.
    expect(back.filter((key) => key !== 'CustomObject:Opportunity')).toEqual(original);
  }, 300000);

  it('sf project retrieve start --source-dir overwrites local changes with what the org has', () => {
    const project = emptyProject('retrieve-source-dir');
    const objectDir = 'force-app/main/default/objects/Maintenance_Incident__c';
    cpSync(join(root, objectDir), join(project, objectDir), { recursive: true });
    const field = join(project, objectDir, 'fields/Subject__c.field-meta.xml');
    const original = readFileSync(field, 'utf8');
    writeFileSync(field, original.replace(/<label>[^<]*<\/label>/, '<label>Changed here</label>'));
    const tree = (text: string): unknown => {
      const strip = (element: XmlElement): unknown => [element.name, element.text.trim(), element.children.map(strip)];
      return strip(parseXml(text));
    };
    const retrieved = sf(
      ['project', 'retrieve', 'start', '--source-dir', objectDir, '--target-org', 'local'],
      {},
      project
    );
    expect([retrieved.status, retrieved.message]).toEqual([0, undefined]);
    // SDR rewrites the file in its own layout: the same XML, not the same bytes.
    expect(tree(readFileSync(field, 'utf8'))).toEqual(tree(original));
  }, 180000);

  it('sf project retrieve start --target-metadata-dir --unzip --single-package writes Metadata API format', () => {
    const project = emptyProject('retrieve-mdapi');
    const retrieved = sf(
      [
        'project',
        'retrieve',
        'start',
        '--metadata',
        'CustomObject:Maintenance_Incident__c',
        '--target-metadata-dir',
        'mdapi',
        '--unzip',
        '--single-package',
        '--target-org',
        'local'
      ],
      {},
      project
    );
    expect([retrieved.status, retrieved.message]).toEqual([0, undefined]);
    const object = readFileSync(join(project, 'mdapi/unpackaged/objects/Maintenance_Incident__c.object'), 'utf8');
    expect(object).toContain('<fullName>Status__c</fullName>');
    expect(readFileSync(join(project, 'mdapi/unpackaged/package.xml'), 'utf8')).toContain(
      '<members>Maintenance_Incident__c</members>'
    );
  }, 180000);

  it('sf project retrieve start --target-metadata-dir --unzip by --manifest and by --source-dir round-trips force-app', async () => {
    const project = emptyProject('retrieve-mdapi-round-trip');
    writeFileSync(join(project, 'package.xml'), await ComponentSet.fromSource(join(root, 'force-app')).getPackageXml());
    const byManifest = sf(
      [
        'project',
        'retrieve',
        'start',
        '--manifest',
        'package.xml',
        '--target-metadata-dir',
        'by-manifest',
        '--unzip',
        '--target-org',
        'local',
        '--wait',
        '10'
      ],
      {},
      project
    );
    expect([byManifest.status, byManifest.message]).toEqual([0, undefined]);
    // --source-dir names what to retrieve by the local files: the project holds a copy of force-app.
    cpSync(join(root, 'force-app'), join(project, 'force-app'), { recursive: true });
    const bySourceDir = sf(
      [
        'project',
        'retrieve',
        'start',
        '--source-dir',
        'force-app',
        '--target-metadata-dir',
        'by-source-dir',
        '--unzip',
        '--target-org',
        'local',
        '--wait',
        '10'
      ],
      {},
      project
    );
    expect([bySourceDir.status, bySourceDir.message]).toEqual([0, undefined]);
    const original = componentKeys(join(root, 'force-app'));
    for (const dir of ['by-manifest', 'by-source-dir']) {
      // Metadata API format (one .object file per object, its fields inside), read by SDR and converted to source
      // format as `sf project convert mdapi` does, children included.
      const converted = join(project, `${dir}-source`);
      await new MetadataConverter().convert(ComponentSet.fromSource(join(project, dir, 'unpackaged')), 'source', {
        type: 'directory',
        outputDirectory: converted,
        genUniqueDir: false
      });
      const back = componentKeys(converted).filter((key) => key !== 'CustomObject:Opportunity');
      expect([dir, back]).toEqual([dir, original]);
    }
  }, 300000);

  it('sf project deploy validate, then quick, report and resume, on deploys and validations', () => {
    const validate = sf(
      ['project', 'deploy', 'validate', '--source-dir', 'force-app', '--target-org', 'local', '--wait', '10'],
      {},
      root
    );
    expect(validate.status).toBe(0);
    expect(validate.result).toMatchObject({ checkOnly: true, success: true, status: 'Succeeded' });
    const validationId = String(validate.result.id);
    const quick = sf(
      ['project', 'deploy', 'quick', '--job-id', validationId, '--target-org', 'local', '--wait', '10'],
      {},
      root
    );
    expect(quick.status).toBe(0);
    expect(quick.result).toMatchObject({ checkOnly: false, success: true, status: 'Succeeded' });
    expect(quick.result.id).not.toBe(validationId);
    const again = sf(
      ['project', 'deploy', 'quick', '--job-id', validationId, '--target-org', 'local', '--wait', '10'],
      {},
      root
    );
    expect(again.status).toBe(1);
    expect(String(again.message)).toMatch(/can't be used for quick deployment/);
    const report = sf(
      ['project', 'deploy', 'report', '--job-id', String(quick.result.id), '--target-org', 'local'],
      {},
      root
    );
    expect(report.result).toMatchObject({ status: 'Succeeded', success: true });
    const validationReport = sf(
      ['project', 'deploy', 'report', '--job-id', validationId, '--target-org', 'local'],
      {},
      root
    );
    expect(validationReport.result).toMatchObject({ id: validationId, checkOnly: true, status: 'Succeeded' });

    // A validation started without waiting is resumed like a deploy, and can then be quick-deployed.
    const asyncValidation = sf(
      ['project', 'deploy', 'validate', '--source-dir', 'force-app', '--target-org', 'local', '--async'],
      {},
      root
    );
    expect(asyncValidation.status).toBe(0);
    const resumedValidation = sf(
      ['project', 'deploy', 'resume', '--job-id', String(asyncValidation.result.id), '--wait', '10'],
      {},
      root
    );
    expect(resumedValidation.status).toBe(0);
    expect(resumedValidation.result).toMatchObject({ checkOnly: true, success: true, status: 'Succeeded' });
    const quickAfterResume = sf(
      [
        'project',
        'deploy',
        'quick',
        '--job-id',
        String(asyncValidation.result.id),
        '--target-org',
        'local',
        '--wait',
        '10'
      ],
      {},
      root
    );
    expect(quickAfterResume.result).toMatchObject({ checkOnly: false, success: true, status: 'Succeeded' });

    const started = sf(
      ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'local', '--async'],
      {},
      root
    );
    expect(started.status).toBe(0);
    const resumed = sf(
      ['project', 'deploy', 'resume', '--job-id', String(started.result.id), '--wait', '10'],
      {},
      root
    );
    expect(resumed.status).toBe(0);
    expect(resumed.result).toMatchObject({ status: 'Succeeded', success: true });
  }, 600000);
});
