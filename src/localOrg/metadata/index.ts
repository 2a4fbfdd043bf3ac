/**
 * The local org's Metadata API (SOAP, `POST /services/Soap/m/{version}`): deploy and its status, cancelDeploy,
 * describeMetadata, listMetadata and readMetadata, answered in the shapes jsforce's Metadata client (and so
 * @salesforce/source-deploy-retrieve and the sf CLI) reads. A deploy is queued and processed right after the call
 * returns, as Salesforce processes it asynchronously; clients poll checkDeployStatus.
 *
 * Faults: a fault caused by the request (malformed envelope, unknown operation or id) answers HTTP 400 rather than
 * Salesforce's 500, so that bad input never looks like a server failure; jsforce reads the fault the same way.
 */
import { SfApiError, type ErrorCode } from '../errors.js';
import { makeId, normalizeId } from '../ids.js';
import type { Store } from '../store.js';
import { runDeploy, type DeployMessage, type DeployOutcome } from './deploy.js';
import { checkRetrieveStatus, retrieve } from './retrieve.js';
import { allTypes, childTypeByName, typeByName } from './registry.js';
import {
  getComponent,
  getDeploy,
  insertDeploy,
  listComponents,
  pendingDeployIds,
  pruneDeploys,
  updateDeploy,
  type DeployRow
} from './repository.js';
import {
  parseSoapRequest,
  RAW_XML,
  soapFault,
  soapResult,
  XSI_TYPE,
  type SoapResponse,
  type XmlObject,
  type XmlValue
} from '../soap.js';
import { children, childText, parseXml, serializeElement } from '../xml.js';

export { soapFault, SOAP_CONTENT_TYPE } from '../soap.js';

export interface MetadataContext {
  store: Store;
  /** The org's base URL (`http://127.0.0.1:PORT`). */
  baseUrl: string;
  /** Milliseconds a deploy waits in the queue before it runs (default 0); tests use it to cancel one. */
  deployDelayMs?: number;
}

/** Operations of the real Metadata API that the local org does not implement (answered with a clear fault). */
const UNSUPPORTED = new Set([
  'checkStatus',
  'createMetadata',
  'updateMetadata',
  'upsertMetadata',
  'deleteMetadata',
  'renameMetadata',
  'describeValueType'
]);

/** How long a successful validation can be quick-deployed, as on Salesforce. */
const VALIDATION_VALID_MS = 10 * 24 * 60 * 60 * 1000;

const clientFault = (code: ErrorCode, message: string): SoapResponse => soapFault(new SfApiError(code, message, 400));

/**
 * Answers one Metadata API SOAP request. `xmlBody` is the request envelope; authentication is the caller's job
 * (the router reads the SessionHeader). Never throws for bad input: it answers a SOAP fault.
 */
export async function handleMetadataSoap(
  xmlBody: string,
  ctx: MetadataContext
): Promise<{ status: number; body: string; contentType: string }> {
  try {
    const request = parseSoapRequest(xmlBody);
    resumePendingDeploys(ctx);
    const args = request.args;
    switch (request.operation) {
      case 'deploy':
        return deploy(args, ctx);
      case 'checkDeployStatus':
        return checkDeployStatus(args, ctx);
      case 'cancelDeploy':
        return cancelDeploy(args, ctx);
      case 'deployRecentValidation':
        return deployRecentValidation(args, ctx);
      case 'describeMetadata':
        return describeMetadata();
      case 'listMetadata':
        return listMetadata(args, ctx);
      case 'readMetadata':
        return readMetadata(args, ctx);
      case 'retrieve':
        return retrieve(args, ctx.store);
      case 'checkRetrieveStatus':
        return checkRetrieveStatus(args, ctx.store);
      default:
        if (UNSUPPORTED.has(request.operation)) {
          return clientFault(
            'INVALID_OPERATION',
            `The local org does not implement ${request.operation}; it supports deploy, checkDeployStatus, ` +
              'cancelDeploy, deployRecentValidation, retrieve, checkRetrieveStatus, describeMetadata, listMetadata and ' +
              'readMetadata'
          );
        }
        return clientFault(
          'soapenv:Client',
          `No operation available for request {http://soap.sforce.com/2006/04/metadata}${request.operation}`
        );
    }
  } catch (error) {
    if (error instanceof SfApiError) return soapFault(error);
    return soapFault(new SfApiError('UNKNOWN_EXCEPTION', (error as Error).message));
  }
}

type Args = Parameters<typeof childText>[0];

// ------------------------------------------------------------------------------------------------------------
// deploy

const scheduled = new WeakMap<Store, Set<string>>();
const resumed = new WeakSet<Store>();

function schedule(ctx: MetadataContext, id: string): void {
  const ids = scheduled.get(ctx.store) ?? new Set<string>();
  scheduled.set(ctx.store, ids);
  if (ids.has(id)) return;
  ids.add(id);
  const timer = setTimeout(() => {
    ids.delete(id);
    if (ctx.store.db.open) processDeploy(ctx.store, id);
  }, ctx.deployDelayMs ?? 0);
  timer.unref?.();
}

/** Deploys left waiting by a stopped org run when the org next answers a Metadata API call. */
function resumePendingDeploys(ctx: MetadataContext): void {
  if (resumed.has(ctx.store)) return;
  resumed.add(ctx.store);
  for (const id of pendingDeployIds(ctx.store)) schedule(ctx, id);
}

interface DeployResultData {
  id: string;
  status: string;
  checkOnly: boolean;
  ignoreWarnings: boolean;
  rollbackOnError: boolean;
  createdDate: string;
  startDate?: string;
  completedDate?: string;
  canceled?: boolean;
  outcome?: DeployOutcome;
  /** For a validation: the deploy that applied it (`deployRecentValidation`). */
  quickDeployedAs?: string;
}

function processDeploy(store: Store, id: string): void {
  const row = getDeploy(store, id);
  if (!row || row.status !== 'Pending' || row.zip === null) return;
  const startDate = new Date().toISOString();
  let outcome: DeployOutcome;
  try {
    outcome = runDeploy(store, row.zip, { checkOnly: row.checkOnly });
  } catch (error) {
    // A bug, not bad input: report it on the deploy rather than leave it pending forever.
    outcome = {
      successes: [],
      failures: [
        {
          changed: false,
          componentType: '',
          created: false,
          createdDate: startDate,
          deleted: false,
          fileName: 'package.xml',
          fullName: 'package.xml',
          problem: `UNKNOWN_EXCEPTION: ${(error as Error).message}`,
          problemType: 'Error',
          success: false
        }
      ],
      total: 0
    };
  }
  const data: DeployResultData = {
    ...baseResult(row),
    status: outcome.failures.length > 0 ? 'Failed' : 'Succeeded',
    startDate,
    completedDate: new Date().toISOString(),
    outcome
  };
  store.transaction(() => {
    updateDeploy(store, id, data.status, JSON.stringify(data));
    pruneDeploys(store);
  });
}

function baseResult(row: DeployRow): DeployResultData {
  return {
    id: row.id,
    status: row.status,
    checkOnly: row.checkOnly,
    ignoreWarnings: row.options.ignoreWarnings === 'true',
    // Every deploy is all or nothing here, whatever the request asked.
    rollbackOnError: true,
    createdDate: row.createdDate
  };
}

function deploy(args: Args, ctx: MetadataContext): SoapResponse {
  const zip = childText(args, 'ZipFile');
  if (!zip) throw new SfApiError('INVALID_ZIP', 'The deploy call carries no ZipFile');
  const options: Record<string, string> = {};
  for (const option of args?.children.find((c) => c.name === 'DeployOptions')?.children ?? []) {
    options[option.name] = option.text.trim();
  }
  const store = ctx.store;
  const id = store.transaction(() => {
    const deployId = makeId('0Af', store.nextSequence('id:0Af'));
    insertDeploy(store, {
      id: deployId,
      status: 'Pending',
      checkOnly: options.checkOnly === 'true',
      createdDate: new Date().toISOString(),
      options,
      zip,
      result: null
    });
    return deployId;
  });
  schedule(ctx, id);
  return soapResult('deploy', { done: false, id, state: 'Queued' });
}

/**
 * `deployRecentValidation` (`sf project deploy quick`): applies the zip of a successful validation (a check-only
 * deploy of the last 10 days that was not quick-deployed yet) as a new deploy, whose id it answers; the deploy then
 * runs as any other, all its checks included.
 */
function deployRecentValidation(args: Args, ctx: MetadataContext): SoapResponse {
  const store = ctx.store;
  const validation = findDeploy(store, childText(args, 'validationId') ?? childText(args, 'id'));
  const result = validation.result ? (JSON.parse(validation.result) as DeployResultData) : undefined;
  const reason = !validation.checkOnly
    ? 'it is not a validation (a check-only deploy)'
    : validation.status !== 'Succeeded'
      ? `it did not succeed (${validation.status})`
      : result?.quickDeployedAs
        ? `it was quick-deployed already, as ${result.quickDeployedAs}`
        : Date.now() - Date.parse(validation.createdDate) > VALIDATION_VALID_MS || validation.zip === null
          ? 'it is older than 10 days, or no longer kept'
          : undefined;
  if (reason || !result) {
    throw new SfApiError(
      'INVALID_ID_FIELD',
      `The validation ${validation.id} can't be quick-deployed: ${reason ?? ''}`
    );
  }
  const id = store.transaction(() => {
    const deployId = makeId('0Af', store.nextSequence('id:0Af'));
    insertDeploy(store, {
      id: deployId,
      status: 'Pending',
      checkOnly: false,
      createdDate: new Date().toISOString(),
      options: { ...validation.options, checkOnly: 'false', validationId: validation.id },
      zip: validation.zip,
      result: null
    });
    updateDeploy(store, validation.id, validation.status, JSON.stringify({ ...result, quickDeployedAs: deployId }));
    return deployId;
  });
  schedule(ctx, id);
  return soapResult('deployRecentValidation', id);
}

function findDeploy(store: Store, rawId: string | undefined): DeployRow {
  const id = normalizeId(rawId ?? '');
  const row = id ? getDeploy(store, id) : undefined;
  if (!row) throw new SfApiError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${rawId ?? ''}`);
  return row;
}

function userName(store: Store): string {
  const user = store.getRecord('User', store.identity.userId);
  return typeof user?.Name === 'string' ? user.Name : store.identity.username;
}

function messageXml(message: DeployMessage): XmlObject {
  return {
    changed: message.changed,
    columnNumber: message.columnNumber,
    componentType: message.componentType,
    created: message.created,
    createdDate: message.createdDate,
    deleted: message.deleted,
    fileName: message.fileName,
    fullName: message.fullName,
    id: message.id,
    lineNumber: message.lineNumber,
    problem: message.problem,
    problemType: message.problemType,
    success: message.success
  };
}

function deployResultXml(data: DeployResultData, store: Store, includeDetails: boolean): XmlObject {
  const outcome = data.outcome;
  const done = data.status !== 'Pending' && data.status !== 'InProgress' && data.status !== 'Canceling';
  const successes = outcome?.successes.filter((m) => m.fullName !== 'package.xml').length ?? 0;
  const result: XmlObject = {
    canceledBy: data.canceled ? store.identity.userId : undefined,
    canceledByName: data.canceled ? userName(store) : undefined,
    checkOnly: data.checkOnly,
    completedDate: data.completedDate,
    createdBy: store.identity.userId,
    createdByName: userName(store),
    createdDate: data.createdDate,
    details:
      includeDetails && outcome
        ? {
            componentFailures: outcome.failures.map(messageXml),
            componentSuccesses: outcome.successes.map(messageXml),
            runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: 0 }
          }
        : undefined,
    done,
    id: data.id,
    ignoreWarnings: data.ignoreWarnings,
    lastModifiedDate: data.completedDate ?? data.startDate ?? data.createdDate,
    numberComponentErrors: outcome?.failures.length ?? 0,
    numberComponentsDeployed: successes,
    numberComponentsTotal: outcome ? Math.max(outcome.total, successes + outcome.failures.length) : 0,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    rollbackOnError: data.rollbackOnError,
    runTestsEnabled: false,
    startDate: data.startDate,
    status: data.status,
    success: data.status === 'Succeeded'
  };
  return result;
}

function checkDeployStatus(args: Args, ctx: MetadataContext): SoapResponse {
  const row = findDeploy(ctx.store, childText(args, 'asyncProcessId'));
  const includeDetails = childText(args, 'includeDetails') === 'true';
  const data: DeployResultData = row.result ? (JSON.parse(row.result) as DeployResultData) : baseResult(row);
  return soapResult('checkDeployStatus', deployResultXml(data, ctx.store, includeDetails));
}

function cancelDeploy(args: Args, ctx: MetadataContext): SoapResponse {
  const store = ctx.store;
  const row = findDeploy(store, childText(args, 'id') ?? childText(args, 'String'));
  if (row.status !== 'Pending') {
    throw new SfApiError(
      'INVALID_ID_FIELD',
      `The deploy ${row.id} has already completed (${row.status}) and cannot be canceled`
    );
  }
  const now = new Date().toISOString();
  const data: DeployResultData = { ...baseResult(row), status: 'Canceled', canceled: true, completedDate: now };
  store.transaction(() => updateDeploy(store, row.id, 'Canceled', JSON.stringify(data)));
  return soapResult('cancelDeploy', { done: true, id: row.id });
}

// ------------------------------------------------------------------------------------------------------------
// describe, list, read

function describeMetadata(): SoapResponse {
  const metadataObjects = allTypes()
    .filter((t) => !t.isFolder)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({
      childXmlNames: t.children.map((c) => c.name),
      directoryName: t.directoryName,
      inFolder: t.inFolder,
      metaFile: t.metaFile,
      suffix: t.suffix,
      xmlName: t.name
    }));
  return soapResult('describeMetadata', {
    metadataObjects,
    organizationNamespace: '',
    partialSaveAllowed: true,
    testRequired: false
  });
}

function fileProperties(
  store: Store,
  entry: {
    type: string;
    fullName: string;
    fileName: string;
    id: string;
    createdDate: string;
    lastModifiedDate: string;
  },
  manageableState = 'unmanaged'
): XmlObject {
  const by = store.identity.userId;
  const name = userName(store);
  return {
    createdById: by,
    createdByName: name,
    createdDate: entry.createdDate,
    fileName: entry.fileName,
    fullName: entry.fullName,
    id: entry.id,
    lastModifiedById: by,
    lastModifiedByName: name,
    lastModifiedDate: entry.lastModifiedDate,
    manageableState,
    type: entry.type
  };
}

function listMetadata(args: Args, ctx: MetadataContext): SoapResponse {
  const store = ctx.store;
  const queries = children(args, 'queries');
  if (queries.length > 3) throw new SfApiError('INVALID_OPERATION', 'listMetadata accepts at most 3 queries');
  const results: XmlObject[] = [];
  for (const query of queries) {
    const typeName = childText(query, 'type') ?? '';
    const folder = childText(query, 'folder');
    const known = typeByName(typeName) ?? childTypeByName(typeName);
    if (!known) throw new SfApiError('INVALID_TYPE', `Unknown type: ${typeName}`);
    const type = 'name' in known ? known.name : known.child.name;
    for (const component of listComponents(store, type)) {
      if (folder && !component.fullName.startsWith(`${folder}/`)) continue;
      results.push(fileProperties(store, component));
    }
    if (type === 'CustomObject') {
      // Standard objects are part of every org's CustomObject list.
      for (const def of store.listObjects().filter((o) => !o.custom && !o.historyOf)) {
        results.push(
          fileProperties(store, {
            type,
            fullName: def.name,
            fileName: `objects/${def.name}.object`,
            id: '',
            createdDate: store.identity.createdDate,
            lastModifiedDate: store.identity.createdDate
          })
        );
      }
    }
  }
  return soapResult('listMetadata', results);
}

/** Child types stored apart from their parent (fields of an object), put back when the parent is read. */
function withChildren(store: Store, type: string, fullName: string, content: string): string {
  const root = parseXml(content);
  const parent = typeByName(type);
  const inner = root.children.filter((c) => c.name !== 'fullName').map((c) => serializeElement(c));
  for (const childType of parent?.children ?? []) {
    for (const stored of listComponents(store, childType.name)) {
      if (!stored.fullName.toLowerCase().startsWith(`${fullName.toLowerCase()}.`)) continue;
      inner.push(serializeElement(parseXml(stored.content)));
    }
  }
  return inner.join('');
}

function readMetadata(args: Args, ctx: MetadataContext): SoapResponse {
  const type = childText(args, 'type') ?? '';
  if (!typeByName(type) && !childTypeByName(type)) throw new SfApiError('INVALID_TYPE', `Unknown type: ${type}`);
  const fullNames = children(args, 'fullNames').map((e) => e.text.trim());
  if (fullNames.length > 10) throw new SfApiError('INVALID_OPERATION', 'readMetadata accepts at most 10 full names');
  const records: XmlValue[] = [];
  for (const fullName of fullNames) {
    const stored = getComponent(ctx.store, type, fullName);
    if (!stored || stored.content === '') continue;
    records.push({
      [XSI_TYPE]: type,
      fullName: stored.fullName,
      [RAW_XML]: withChildren(ctx.store, type, stored.fullName, stored.content)
    });
  }
  return soapResult('readMetadata', { records });
}
