/**
 * Salesforce-shaped errors, from one factory. Every failure the local org reports to a client is an `SfApiError`
 * whose code is one of ERROR_CODES below (the type refuses any other): REST answers it as
 * `[{"message","errorCode","fields"}]` with its HTTP status, sObject Collections and composite trees as
 * `{"statusCode","message","fields"}`, Bulk API 2.0 as `errorCode:message:fields --`, SOAP as a fault (soap.ts).
 * Anything else thrown inside a request is a bug and becomes a 500 `UNKNOWN_EXCEPTION`.
 */

/**
 * Every error code the local org answers, with the HTTP status it answers by default (a call may name another, as
 * Salesforce answers `ENTITY_IS_DELETED` with 404 on a record's URL and 400 in a body).
 */
export const ERROR_CODES = {
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 400,
  API_ERROR: 400,
  /** A request too broken to parse as HTTP. */
  BAD_REQUEST: 400,
  DELETE_FAILED: 400,
  /** Several records match an upsert's external id: Salesforce answers 300 Multiple Choices. */
  DUPLICATE_EXTERNAL_ID: 300,
  DUPLICATE_VALUE: 400,
  ENTITY_IS_DELETED: 400,
  EXCEEDED_ID_LIMIT: 400,
  EXCEEDED_MAX_SIZE_REQUEST: 413,
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 400,
  FIELD_INTEGRITY_EXCEPTION: 400,
  INSUFFICIENT_ACCESS: 403,
  INSUFFICIENT_ACCESS_OR_READONLY: 400,
  INVALIDCONTENTTYPE: 400,
  INVALIDENTITY: 400,
  INVALIDJOB: 400,
  INVALIDJOBSTATE: 409,
  INVALID_CROSS_REFERENCE_KEY: 400,
  INVALID_EMAIL_ADDRESS: 400,
  INVALID_FIELD: 400,
  INVALID_FIELD_FOR_INSERT_UPDATE: 400,
  INVALID_ID_FIELD: 400,
  INVALID_INPUT: 400,
  INVALID_LOCATOR: 400,
  /** The Partner API's `login` fault: Salesforce answers every SOAP fault with 500. */
  INVALID_LOGIN: 500,
  INVALID_NEW_PASSWORD: 400,
  INVALID_OPERATION: 400,
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 400,
  INVALID_QUERY_FILTER_OPERATOR: 400,
  INVALID_QUERY_LOCATOR: 400,
  INVALID_SESSION_ID: 401,
  INVALID_TYPE: 400,
  INVALID_TYPE_FOR_OPERATION: 400,
  INVALID_TYPE_ON_FIELD_IN_RECORD: 400,
  INVALID_ZIP: 400,
  JSON_PARSER_ERROR: 400,
  LIMIT_EXCEEDED: 400,
  MALFORMED_ID: 400,
  MALFORMED_QUERY: 400,
  METHOD_NOT_ALLOWED: 405,
  MISSING_ARGUMENT: 400,
  NOT_FOUND: 404,
  NUMBER_OUTSIDE_VALID_RANGE: 400,
  PRECONDITION_FAILED: 412,
  REQUIRED_FIELD_MISSING: 400,
  STRING_TOO_LONG: 400,
  UNKNOWN_EXCEPTION: 500,
  UNSUPPORTED_API: 400,
  /** SOAP's own code for a request that is not a valid envelope or operation (a fault without `sf:`). */
  'soapenv:Client': 400
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class SfApiError extends Error {
  public constructor(
    public readonly errorCode: ErrorCode,
    message: string,
    public readonly status: number = ERROR_CODES[errorCode],
    public readonly fields: string[] = []
  ) {
    super(message);
    this.name = 'SfApiError';
  }

  /** The REST body Salesforce sends for one error. */
  public toJSON(): { message: string; errorCode: string; fields: string[] } {
    return { message: this.message, errorCode: this.errorCode, fields: this.fields };
  }

  /** The error as a save result carries it (sObject Collections, composite tree): `statusCode`, not `errorCode`. */
  public toSaveError(): { statusCode: string; message: string; fields: string[] } {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields };
  }

  /** The error in a Bulk API 2.0 `sf__Error` cell: `CODE:message:fields --`. */
  public toBulkText(): string {
    return `${this.errorCode}:${this.message}:${this.fields.join(',')} --`;
  }
}

/** Several errors about one record (a record can break several validation rules at once). */
export class SfRecordErrors extends Error {
  public constructor(public readonly errors: SfApiError[]) {
    super(errors.map((error) => `${error.errorCode}: ${error.message}`).join('; '));
    this.name = 'SfRecordErrors';
  }
}

/** The errors carried by anything thrown while saving one record. */
export function recordErrorsOf(error: unknown): SfApiError[] {
  if (error instanceof SfRecordErrors) return error.errors;
  if (error instanceof SfApiError) return [error];
  throw error;
}

/** `INVALID_FIELD` for a field that the object does not have, worded as Salesforce words it for DML. */
export function noSuchFieldOnSobject(field: string, objectName: string): SfApiError {
  return new SfApiError('INVALID_FIELD', `No such column '${field}' on sobject of type ${objectName}`, 400, [field]);
}

/** `NOT_FOUND` as REST answers for an unknown record or resource. */
export function notFound(message = 'The requested resource does not exist'): SfApiError {
  return new SfApiError('NOT_FOUND', message, 404);
}

/** `INVALID_TYPE` for an sObject name used in SOQL or in a body that the org does not know. */
export function invalidType(name: string): SfApiError {
  return new SfApiError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the ` +
      `'__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
  );
}

/** `MALFORMED_QUERY` with Salesforce's prefix-less message. */
export function malformedQuery(message: string): SfApiError {
  return new SfApiError('MALFORMED_QUERY', message, 400);
}

/** `UNKNOWN_EXCEPTION` (500) for a failure that is the org's bug, not the request's; the details go to the log. */
export function unknownException(): SfApiError {
  return new SfApiError('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please check the server log.');
}
