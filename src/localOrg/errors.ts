/**
 * Salesforce-shaped errors. Every failure the local org reports to a client is an `SfApiError`: REST answers it as
 * `[{"message","errorCode","fields"}]` with its HTTP status, Bulk writes it as `errorCode:message:fields--`, SOAP
 * wraps it in a fault. Anything else thrown inside a request is a bug and becomes a 500 `UNKNOWN_EXCEPTION`.
 */

export class SfApiError extends Error {
  public constructor(
    public readonly errorCode: string,
    message: string,
    public readonly status = 400,
    public readonly fields: string[] = []
  ) {
    super(message);
    this.name = 'SfApiError';
  }

  /** The REST body Salesforce sends for one error. */
  public toJSON(): { message: string; errorCode: string; fields: string[] } {
    return { message: this.message, errorCode: this.errorCode, fields: this.fields };
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
