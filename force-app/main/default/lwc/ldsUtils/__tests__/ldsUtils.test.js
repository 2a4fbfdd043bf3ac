import { reduceErrors, fieldErrorsOf } from 'c/ldsUtils';

describe('c/ldsUtils', () => {
  describe('reduceErrors', () => {
    it('reads UI API fetch errors whose body is an array', () => {
      const error = {
        status: 400,
        body: [{ errorCode: 'INVALID_FIELD', message: 'No such column Foo__c' }, { message: 'Second' }]
      };
      expect(reduceErrors(error)).toEqual(['No such column Foo__c', 'Second']);
    });

    it('reads a body with a single message', () => {
      expect(reduceErrors({ body: { message: 'The requested resource does not exist' } })).toEqual([
        'The requested resource does not exist'
      ]);
    });

    it('reads page and field errors of a failed record save', () => {
      const error = {
        body: {
          message: 'An error occurred while trying to update the record. Please try again.',
          output: {
            errors: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Checklist not signed off' }],
            fieldErrors: {
              Subject__c: [{ field: 'Subject__c', message: 'Subject is required' }]
            }
          }
        }
      };
      expect(reduceErrors(error)).toEqual(['Checklist not signed off', 'Subject is required']);
    });

    it('falls back to the body message when a save error carries no details', () => {
      const error = { body: { message: 'Generic failure', output: { errors: [], fieldErrors: {} } } };
      expect(reduceErrors(error)).toEqual(['Generic failure']);
    });

    it('reads only the failed entries of a batch answer', () => {
      const error = {
        body: {
          results: [
            { statusCode: 200, result: { records: [] } },
            { statusCode: 403, result: [{ message: 'Insufficient access to Maintenance Contracts' }] }
          ]
        }
      };
      expect(reduceErrors(error)).toEqual(['Insufficient access to Maintenance Contracts']);
    });

    it('reads JavaScript errors, strings, status texts, nested arrays, and drops duplicates and blanks', () => {
      const errors = [
        new TypeError('calendar is required'),
        'plain text',
        ['plain text', { statusText: 'Service Unavailable' }],
        null,
        undefined,
        { body: {} }
      ];
      expect(reduceErrors(errors)).toEqual(['calendar is required', 'plain text', 'Service Unavailable']);
    });
  });

  describe('fieldErrorsOf', () => {
    it('joins the messages of each field', () => {
      const error = {
        body: {
          output: {
            fieldErrors: {
              Resolved_At__c: [{ message: 'Must be after report' }, { message: 'Required' }],
              Subject__c: { message: 'Too long' }
            }
          }
        }
      };
      expect(fieldErrorsOf(error)).toEqual({ Resolved_At__c: 'Must be after report Required', Subject__c: 'Too long' });
    });

    it('returns an empty map when the error has no field errors', () => {
      expect(fieldErrorsOf(new Error('boom'))).toEqual({});
      expect(fieldErrorsOf({ body: { output: { fieldErrors: { X__c: [] } } } })).toEqual({});
    });
  });
});
