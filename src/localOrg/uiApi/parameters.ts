/**
 * The parameters of the UI API's list resources (related lists, list views), from a query string (GET) or a JSON
 * body (the POST forms). Arrays come comma-separated in query strings and as JSON arrays in bodies.
 */
import { invalidInput } from './errors.js';

export interface ListParameters {
  fields: string[];
  optionalFields: string[];
  pageSize: number;
  /** Index of the first record (the page token is the offset). */
  offset: number;
  sortBy: string[];
  /** GraphQL filter: not supported by the local org (rejected when present). */
  where?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1999;

function names(value: unknown, parameter: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw invalidInput(`${parameter} must be a list of field names`);
  }
  return (list as string[]).map((item) => item.trim()).filter(Boolean);
}

function pageSize(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_PAGE_SIZE;
  const size = typeof value === 'string' ? Number(value) : value;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidInput(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${String(value)}`);
  }
  return size;
}

function offset(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const text = String(value);
  if (!/^\d{1,9}$/.test(text)) throw invalidInput(`Invalid pageToken: ${text}`);
  return Number(text);
}

function where(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  throw invalidInput('The where parameter is not supported by the local org; filter on the client.');
}

/** Parameters from a query string. */
export function parametersFromQuery(query: URLSearchParams): ListParameters {
  return {
    fields: names(query.get('fields') ?? undefined, 'fields'),
    optionalFields: names(query.get('optionalFields') ?? undefined, 'optionalFields'),
    pageSize: pageSize(query.get('pageSize') ?? undefined),
    offset: offset(query.get('pageToken') ?? undefined),
    sortBy: names(query.get('sortBy') ?? undefined, 'sortBy'),
    where: where(query.get('where') ?? undefined)
  };
}

/** Parameters from a JSON body (or one entry of a batch body). */
export function parametersFromBody(body: Record<string, unknown>): ListParameters {
  return {
    fields: names(body.fields, 'fields'),
    optionalFields: names(body.optionalFields, 'optionalFields'),
    pageSize: pageSize(body.pageSize),
    offset: offset(body.pageToken),
    sortBy: names(body.sortBy, 'sortBy'),
    where: where(body.where)
  };
}

/** The query string of a page, for currentPageUrl / nextPageUrl. */
export function pageQuery(parameters: ListParameters, pageOffset: number): string {
  const query = new URLSearchParams();
  if (parameters.fields.length) query.set('fields', parameters.fields.join(','));
  if (parameters.optionalFields.length) query.set('optionalFields', parameters.optionalFields.join(','));
  query.set('pageSize', String(parameters.pageSize));
  if (pageOffset > 0) query.set('pageToken', String(pageOffset));
  if (parameters.sortBy.length) query.set('sortBy', parameters.sortBy.join(','));
  return query.toString();
}

/**
 * The paging members of a record collection (list records and related-list records answer both): the page's token and
 * URL, those of the pages before and after it, and the parameters that shaped it.
 * @param url the resource's URL, without query
 * @param parameters what the request asked for
 * @param hasMore whether records follow this page
 */
export function pageMembers(url: string, parameters: ListParameters, hasMore: boolean) {
  const previous = parameters.offset > 0 ? Math.max(parameters.offset - parameters.pageSize, 0) : null;
  const next = hasMore ? parameters.offset + parameters.pageSize : null;
  return {
    currentPageToken: String(parameters.offset),
    currentPageUrl: `${url}?${pageQuery(parameters, parameters.offset)}`,
    nextPageToken: next === null ? null : String(next),
    nextPageUrl: next === null ? null : `${url}?${pageQuery(parameters, next)}`,
    optionalFields: parameters.optionalFields,
    pageSize: parameters.pageSize,
    previousPageToken: previous === null ? null : String(previous),
    previousPageUrl: previous === null ? null : `${url}?${pageQuery(parameters, previous)}`,
    sortBy: parameters.sortBy.length > 0 ? parameters.sortBy.join(',') : null,
    where: null
  };
}
