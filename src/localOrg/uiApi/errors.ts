/**
 * Errors in the UI API's shapes. Most failures answer like the rest of the REST API, `[{ errorCode, message }]`
 * (thrown as SfApiError and sent by the router). A record that the org refuses to save (required fields, restricted
 * picklists, validation rules...) answers "Error with Output": `{ enhancedErrorType: 'RecordError', message,
 * output: { errors: [...], fieldErrors: { Field: [...] } } }` with Record Exception Errors, which is what
 * Lightning Data Service hands to `createRecord`/`updateRecord` callers as `error.body`.
 */
import { SfApiError, recordErrorsOf } from '../errors.js';
import type { ApiResponse } from '../http.js';
import type { ObjectDef } from '../schema.js';
import type { Store } from '../store.js';

/** One Record Exception Error. */
export interface RecordExceptionError {
  constituentField: string | null;
  duplicateRecordError: null;
  errorCode: string;
  field: string | null;
  fieldLabel: string | null;
  message: string;
}

/**
 * Throws the UI API's answer for an object the running user cannot read (object info, records, list views and
 * related lists alike): 403 INSUFFICIENT_ACCESS.
 */
export function assertReadable(store: Store, def: ObjectDef): void {
  if (store.access?.can(def, 'read') === false) {
    throw new SfApiError('INSUFFICIENT_ACCESS', `You don't have access to the object ${def.name}`, 403);
  }
}

/** The message Salesforce puts on top of a record save error. */
export const RECORD_ERROR_MESSAGE = 'An error occurred while trying to update the record. Please try again.';

/**
 * The 400 "Error with Output" answer for whatever a save threw; rethrows anything that is not a Salesforce error
 * (a bug stays a 500).
 * @param store the org, for field labels
 * @param def the object being saved
 * @param error what the DML path threw
 */
export function recordSaveError(store: Store, def: ObjectDef, error: unknown): ApiResponse {
  const errors: RecordExceptionError[] = [];
  const fieldErrors: Record<string, RecordExceptionError[]> = {};
  for (const failure of recordErrorsOf(error)) {
    const fields = failure.fields.filter(Boolean);
    if (fields.length === 0) {
      errors.push(exceptionError(failure, null, null));
      continue;
    }
    for (const name of fields) {
      const field = store.getField(def, name);
      const apiName = field?.name ?? name;
      (fieldErrors[apiName] ??= []).push(exceptionError(failure, apiName, field?.label ?? apiName));
    }
  }
  return {
    status: 400,
    body: { enhancedErrorType: 'RecordError', message: RECORD_ERROR_MESSAGE, output: { errors, fieldErrors } }
  };
}

function exceptionError(error: SfApiError, field: string | null, label: string | null): RecordExceptionError {
  return {
    constituentField: null,
    duplicateRecordError: null,
    errorCode: error.errorCode,
    field,
    fieldLabel: label,
    message: error.message
  };
}

/** `INVALID_FIELD` for a field the object does not have, worded as the UI API words it. */
export function invalidField(objectName: string, path: string): SfApiError {
  return new SfApiError(
    'INVALID_FIELD',
    `No such column '${path}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to ` +
      `append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
      `appropriate names.`,
    400
  );
}

/** `INVALID_INPUT` with a message naming the bad parameter. */
export function invalidInput(message: string): SfApiError {
  return new SfApiError('INVALID_INPUT', message, 400);
}
