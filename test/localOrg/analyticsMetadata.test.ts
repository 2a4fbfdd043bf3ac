/**
 * The package's report types, report folder, reports, dashboard folder and dashboard, converted by
 * source-deploy-retrieve and deployed to a local org as `sf project deploy start` does; and the deploy refusing,
 * with the file and the line, a report type or report that names an object, relationship, field or column that does
 * not exist, a report or dashboard outside a deployed folder, and a dashboard showing a report that does not exist.
 * Reports are stored, never run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { ComponentSet, ComponentStatus, type DeployResult } from '@salesforce/source-deploy-retrieve';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';

const SOURCE = join('force-app', 'main', 'default');
let org: LocalOrg;
let dir: string;
let conn: Connection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'md-analytics-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  conn = await Connection.create({ authInfo });
}, 60_000);
afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

async function deploy(path: string): Promise<DeployResult> {
  const operation = await ComponentSet.fromSource(path).deploy({ usernameOrConnection: conn });
  return operation.pollStatus(100, 120);
}

/** The failures of a deploy as `Type Name (file:line): problem`, as `sf project deploy start` lists them. */
function failures(result: DeployResult): string[] {
  return result
    .getFileResponses()
    .filter((response) => response.state === ComponentStatus.Failed)
    .map((response) => {
      const failed = response as { lineNumber?: number; columnNumber?: number; error?: string; filePath?: string };
      const file = (failed.filePath ?? '').split(/[\\/]/).pop();
      // SDR appends the position to the problem: "... (12:7)".
      const error = (failed.error ?? '').replace(` (${failed.lineNumber}:${failed.columnNumber})`, '');
      return `${response.type} ${response.fullName} (${file}:${failed.lineNumber ?? '?'}): ${error}`;
    })
    .sort();
}

/**
 * A copy of the package's analytics components in a scratch project, with `edit` applied to one file: what a
 * developer's broken change would deploy.
 */
function project(
  name: string,
  edits: Record<string, (text: string) => string> = {},
  extra: Record<string, string> = {}
) {
  const root = join(dir, name);
  for (const folder of ['reportTypes', 'reports', 'dashboards']) {
    cpSync(join(SOURCE, folder), join(root, folder), { recursive: true });
  }
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(root, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

/** The 1-based line of the first occurrence of `text` in a package file. */
function lineOf(file: string, text: string): number {
  return (
    readFileSync(join(SOURCE, file), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe('the package analytics', () => {
  it('are converted by source-deploy-retrieve with their types, folders and names', () => {
    const set = ComponentSet.fromSource(SOURCE);
    const names = (type: string): string[] =>
      set
        .getSourceComponents()
        .toArray()
        .filter((component) => component.type.name === type)
        .map((component) => component.fullName)
        .sort();
    expect(names('ReportType')).toEqual([
      'Accounts_with_Maintenance_Contracts',
      'Accounts_with_Transition_Plans',
      'Contracts_with_Effort_Entries',
      'Contracts_with_Incidents'
    ]);
    expect(names('ReportFolder')).toEqual(['Maintenance_Reports']);
    expect(names('Report')).toEqual([
      'Maintenance_Reports/Budget_Consumption_by_Contract',
      'Maintenance_Reports/Effort_by_Kind_This_Quarter',
      'Maintenance_Reports/Notice_Deadlines_Next_90_Days',
      'Maintenance_Reports/Open_Breached_Incidents_by_Provider'
    ]);
    expect(names('DashboardFolder')).toEqual(['Maintenance_Dashboards']);
    expect(names('Dashboard')).toEqual(['Maintenance_Dashboards/Maintenance_Continuity']);
  });

  it('deploy with the package, and are stored as deployed', async () => {
    const result = await deploy('force-app');
    expect(failures(result)).toEqual([]);
    expect(result.response.success).toBe(true);
    const deployed = result
      .getFileResponses()
      .filter((response) => ['ReportType', 'Report', 'Dashboard'].includes(response.type))
      .map((response) => response.state);
    expect(new Set(deployed)).toEqual(new Set([ComponentStatus.Created]));
  }, 180_000);
});

describe('the deploy refuses broken analytics with the file and the line', () => {
  const incidentsType = 'reportTypes/Contracts_with_Incidents.reportType-meta.xml';
  const breachedReport = 'reports/Maintenance_Reports/Open_Breached_Incidents_by_Provider.report-meta.xml';

  it('a report type naming a field its object does not have', async () => {
    const root = project('bad-field', {
      [incidentsType]: (text) => text.replace('<field>SLA_State__c</field>', '<field>SLA_Status__c</field>')
    });
    expect(failures(await deploy(root))).toEqual([
      // The report names the column the report type no longer offers.
      `Report Maintenance_Reports/Open_Breached_Incidents_by_Provider (Open_Breached_Incidents_by_Provider.report-meta.xml:${lineOf(breachedReport, 'Incidents__r$SLA_State__c')}): ` +
        "Invalid column 'Maintenance_Contract__c.Incidents__r$SLA_State__c': report type Contracts_with_Incidents__c has no such column",
      `ReportType Contracts_with_Incidents (Contracts_with_Incidents.reportType-meta.xml:${lineOf(incidentsType, '<field>SLA_State__c</field>')}): ` +
        "Invalid field 'SLA_Status__c' for object 'Maintenance_Incident__c'"
    ]);
  }, 120_000);

  it('a report type joining a relationship that does not exist, or based on an unknown object', async () => {
    const root = project('bad-join', {
      [incidentsType]: (text) =>
        text.replace('<relationship>Incidents__r</relationship>', '<relationship>Incident__r</relationship>'),
      'reportTypes/Accounts_with_Transition_Plans.reportType-meta.xml': (text) =>
        text.replace('<baseObject>Account</baseObject>', '<baseObject>Transition__c</baseObject>')
    });
    const problems = failures(await deploy(root));
    expect(problems).toContain(
      `ReportType Contracts_with_Incidents (Contracts_with_Incidents.reportType-meta.xml:${lineOf(incidentsType, '<relationship>Incidents__r')}): ` +
        "Invalid relationship name 'Incident__r' for object 'Maintenance_Contract__c'"
    );
    expect(problems).toContain(
      `ReportType Accounts_with_Transition_Plans (Accounts_with_Transition_Plans.reportType-meta.xml:${lineOf('reportTypes/Accounts_with_Transition_Plans.reportType-meta.xml', '<baseObject>')}): ` +
        "Invalid object name 'Transition__c'"
    );
  }, 120_000);

  it('a report naming a column its custom report type does not offer', async () => {
    const root = project('bad-column', {
      [breachedReport]: (text) => text.replace('Incidents__r$Reported_At__c', 'Incidents__r$Description__c')
    });
    expect(failures(await deploy(root))).toEqual([
      `Report Maintenance_Reports/Open_Breached_Incidents_by_Provider (Open_Breached_Incidents_by_Provider.report-meta.xml:${lineOf(breachedReport, 'Incidents__r$Reported_At__c')}): ` +
        "Invalid column 'Maintenance_Contract__c.Incidents__r$Description__c': report type Contracts_with_Incidents__c has no such column"
    ]);
  }, 120_000);

  it('a report of a report type that does not exist, a report outside a folder, a dashboard showing no report', async () => {
    const root = project(
      'bad-references',
      {
        [breachedReport]: (text) =>
          text.replace(
            '<reportType>Contracts_with_Incidents__c</reportType>',
            '<reportType>Contracts_and_Incidents__c</reportType>'
          ),
        'dashboards/Maintenance_Dashboards/Maintenance_Continuity.dashboard-meta.xml': (text) =>
          text.replace('Maintenance_Reports/Effort_by_Kind_This_Quarter', 'Maintenance_Reports/Effort_by_Kind')
      },
      {
        'reports/Elsewhere/Loose.report-meta.xml': readFileSync(join(SOURCE, breachedReport), 'utf8')
      }
    );
    const problems = failures(await deploy(root));
    expect(problems).toContain(
      `Report Maintenance_Reports/Open_Breached_Incidents_by_Provider (Open_Breached_Incidents_by_Provider.report-meta.xml:${lineOf(breachedReport, '<reportType>')}): ` +
        'Invalid report type: Contracts_and_Incidents__c'
    );
    expect(problems).toContain('Report Elsewhere/Loose (Loose.report-meta.xml:2): Cannot find folder:Elsewhere');
    const dashboard = 'dashboards/Maintenance_Dashboards/Maintenance_Continuity.dashboard-meta.xml';
    expect(problems).toContain(
      `Dashboard Maintenance_Dashboards/Maintenance_Continuity (Maintenance_Continuity.dashboard-meta.xml:${lineOf(dashboard, 'Maintenance_Reports/Effort_by_Kind_This_Quarter')}): ` +
        'In field: report - no Report named Maintenance_Reports/Effort_by_Kind found'
    );
  }, 120_000);
});
