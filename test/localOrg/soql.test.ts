import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SfApiError } from '../../src/localOrg/errors.js';
import { buildConditionTree } from '../../src/localOrg/soql/conditionTree.js';
import { dateLiteralRange } from '../../src/localOrg/soql/dateLiterals.js';
import { executeQuery, shapePage } from '../../src/localOrg/soql/execute.js';
import type { Store } from '../../src/localOrg/store.js';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { openFixtureStore, removeDir } from './orgFixtures.js';

let store: Store;
let dir: string;
const ids: Record<string, string> = {};

function query(text: string, queryAll = false): Record<string, unknown>[] {
  const executed = executeQuery(store, text, { queryAll });
  return shapePage(store, executed, 0, executed.rows.length, '/services/data/v62.0') as Record<string, unknown>[];
}

function names(text: string): unknown[] {
  return query(text).map((record) => record.Name);
}

function errorOf(text: string): SfApiError {
  try {
    executeQuery(store, text);
  } catch (error) {
    return error as SfApiError;
  }
  throw new Error(`expected ${text} to fail`);
}

beforeAll(() => {
  ({ store, dir } = openFixtureStore());
  store.transaction(() => {
    ids.acme = store.insert('Account', { Name: 'Acme', Industry: 'Banking', NumberOfEmployees: 10 });
    ids.globex = store.insert('Account', { Name: 'Globex', Industry: 'Energy', NumberOfEmployees: 200 });
    ids.initech = store.insert('Account', { Name: 'Initech', ParentId: ids.acme });
    ids.contract = store.insert('Maintenance_Contract__c', {
      Name: 'TMA Acme',
      Account__c: ids.acme,
      Start_Date__c: '2026-01-01',
      End_Date__c: '2026-12-31',
      Budget_Days__c: 40
    });
    const incidents: [string, string, string, string | null, string][] = [
      ['Network down', 'P1', 'Network;Database', ids.contract, '2026-03-01T08:00:00Z'],
      ['Slow page', 'P3', 'UI', ids.contract, '2026-03-02T09:00:00Z'],
      ['Typo', 'P4', 'UI', null, '2026-03-03T10:00:00Z']
    ];
    for (const [subject, priority, tags, contract, reported] of incidents) {
      store.insert('Maintenance_Incident__c', {
        Account__c: ids.acme,
        Subject__c: subject,
        Priority__c: priority,
        Tags__c: tags,
        Contract__c: contract,
        Reported_At__c: reported,
        Effort_Days__c: priority === 'P1' ? 2 : 0.5
      });
    }
    store.insert('Maintenance_Incident__c', {
      Account__c: ids.globex,
      Subject__c: 'Outage',
      Priority__c: 'P2',
      Reported_At__c: new Date().toISOString()
    });
  });
});

afterAll(() => {
  store.close();
  removeDir(dir);
});

describe('WHERE precedence', () => {
  it('rebuilds AND/OR/NOT from the parser chain, parentheses included', () => {
    const where = (text: string): unknown =>
      buildConditionTree(parseQuery(`SELECT Id FROM A WHERE ${text}`).where as never);
    const leaf = (field: string): unknown =>
      expect.objectContaining({ kind: 'leaf', condition: expect.objectContaining({ field }) });
    expect(where('a = 1 AND (b = 2 OR c = 3)')).toEqual({
      kind: 'and',
      operands: [leaf('a'), { kind: 'or', operands: [leaf('b'), leaf('c')] }]
    });
    expect(where('NOT (a = 1 OR b = 2) AND c = 3')).toEqual({
      kind: 'and',
      operands: [{ kind: 'not', operand: { kind: 'or', operands: [leaf('a'), leaf('b')] } }, leaf('c')]
    });
    expect(where('(NOT a = 1) OR ((b = 2))')).toEqual({
      kind: 'or',
      operands: [{ kind: 'not', operand: leaf('a') }, leaf('b')]
    });
  });

  it('answers rows that match the grouping, not left-to-right evaluation', () => {
    expect(
      names(
        "SELECT Name FROM Account WHERE Name = 'Initech' OR (Industry = 'Banking' AND NumberOfEmployees > 5) ORDER BY Name"
      )
    ).toEqual(['Acme', 'Initech']);
    expect(
      names("SELECT Name FROM Account WHERE (Name = 'Initech' OR Industry = 'Banking') AND NumberOfEmployees > 5")
    ).toEqual(['Acme']);
    expect(names("SELECT Name FROM Account WHERE NOT (Industry = 'Banking' OR Industry = 'Energy')")).toEqual([
      'Initech'
    ]);
  });

  it('rejects AND and OR mixed without parentheses, as Salesforce does', () => {
    const error = errorOf("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'");
    expect(error.errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('operators and literals', () => {
  it('compares text without regard to case, and != includes blanks', () => {
    expect(names("SELECT Name FROM Account WHERE Name = 'acme'")).toEqual(['Acme']);
    expect(names("SELECT Name FROM Account WHERE Industry != 'Banking' ORDER BY Name")).toEqual(['Globex', 'Initech']);
    expect(names('SELECT Name FROM Account WHERE Industry = null')).toEqual(['Initech']);
    expect(names("SELECT Name FROM Account WHERE Name LIKE 'gl%'")).toEqual(['Globex']);
    expect(names("SELECT Name FROM Account WHERE Name IN ('Acme', 'Globex') AND Name NOT IN ('Globex')")).toEqual([
      'Acme'
    ]);
  });

  it('INCLUDES and EXCLUDES on multi-select picklists', () => {
    const subjects = (text: string): unknown[] => query(text).map((record) => record.Subject__c);
    expect(
      subjects("SELECT Subject__c FROM Maintenance_Incident__c WHERE Tags__c INCLUDES ('Database;Network')")
    ).toEqual(['Network down']);
    expect(
      subjects(
        "SELECT Subject__c FROM Maintenance_Incident__c WHERE Tags__c INCLUDES ('Network', 'UI') ORDER BY Subject__c"
      )
    ).toEqual(['Network down', 'Slow page', 'Typo']);
    expect(
      subjects("SELECT Subject__c FROM Maintenance_Incident__c WHERE Tags__c EXCLUDES ('UI') AND Tags__c != null")
    ).toEqual(['Network down']);
  });

  it('filters by id in 15- or 18-character form and rejects malformed ids', () => {
    expect(names(`SELECT Name FROM Account WHERE Id = '${ids.globex.slice(0, 15)}'`)).toEqual(['Globex']);
    expect(errorOf("SELECT Name FROM Account WHERE Id = 'xyz'").errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('rejects a literal of the wrong type with INVALID_FIELD', () => {
    const error = errorOf("SELECT Name FROM Account WHERE NumberOfEmployees = '10'");
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain("value of filter criterion for field 'NumberOfEmployees' must be of type double");
  });

  it('date literals on date and date/time fields', () => {
    expect(query('SELECT Id FROM Maintenance_Incident__c WHERE Reported_At__c = TODAY')).toHaveLength(1);
    expect(query('SELECT Id FROM Maintenance_Incident__c WHERE Reported_At__c < TODAY')).toHaveLength(3);
    expect(query('SELECT Id FROM Maintenance_Incident__c WHERE Reported_At__c = LAST_N_DAYS:3')).toHaveLength(1);
    expect(
      query(
        'SELECT Id FROM Maintenance_Incident__c WHERE Reported_At__c >= 2026-03-02T00:00:00Z AND Reported_At__c < 2026-03-03T00:00:00Z'
      )
    ).toHaveLength(1);
    expect(query('SELECT Id FROM Maintenance_Contract__c WHERE Start_Date__c = 2026-01-01')).toHaveLength(1);
  });

  it('date literal ranges: half-open, in the user time zone for date/times', () => {
    const now = new Date('2026-03-15T10:00:00Z');
    const options = { now, timeZone: 'Europe/Paris', mondayFirst: true };
    expect(dateLiteralRange('TODAY', { ...options, datetime: false })).toEqual({
      start: '2026-03-15',
      end: '2026-03-16'
    });
    expect(dateLiteralRange('TODAY', { ...options, datetime: true })).toEqual({
      start: '2026-03-14T23:00:00.000Z',
      end: '2026-03-15T23:00:00.000Z'
    });
    expect(dateLiteralRange('LAST_N_DAYS:7', { ...options, datetime: false })).toEqual({
      start: '2026-03-08',
      end: '2026-03-16'
    });
    expect(dateLiteralRange('NEXT_N_DAYS:2', { ...options, datetime: false })).toEqual({
      start: '2026-03-16',
      end: '2026-03-18'
    });
    expect(dateLiteralRange('THIS_WEEK', { ...options, datetime: false })).toEqual({
      start: '2026-03-09',
      end: '2026-03-16'
    });
    expect(dateLiteralRange('THIS_WEEK', { ...options, mondayFirst: false, datetime: false })).toEqual({
      start: '2026-03-15',
      end: '2026-03-22'
    });
    expect(dateLiteralRange('LAST_MONTH', { ...options, datetime: false })).toEqual({
      start: '2026-02-01',
      end: '2026-03-01'
    });
    expect(dateLiteralRange('THIS_QUARTER', { ...options, datetime: false })).toEqual({
      start: '2026-01-01',
      end: '2026-04-01'
    });
    expect(dateLiteralRange('NEXT_YEAR', { ...options, datetime: false })).toEqual({
      start: '2027-01-01',
      end: '2028-01-01'
    });
    // The day daylight saving time starts in Paris is 23 hours long.
    expect(dateLiteralRange('TODAY', { ...options, now: new Date('2026-03-29T12:00:00Z'), datetime: true })).toEqual({
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z'
    });
  });
});

describe('relationships, subqueries, ordering', () => {
  it('parent fields up to 5 levels, null parents as null', () => {
    const rows = query(
      "SELECT Subject__c, Contract__r.Name, Contract__r.Account__r.Name, Account__r.Owner.Name FROM Maintenance_Incident__c WHERE Account__r.Name = 'Acme' ORDER BY Subject__c"
    );
    expect(rows[0]).toMatchObject({
      Subject__c: 'Network down',
      Contract__r: { attributes: { type: 'Maintenance_Contract__c' }, Name: 'TMA Acme', Account__r: { Name: 'Acme' } },
      Account__r: { Owner: { Name: 'Local Admin' } }
    });
    expect(rows[2]).toMatchObject({ Subject__c: 'Typo', Contract__r: null });
    const deep = query('SELECT Parent.Owner.Profile.CreatedBy.Profile.Name FROM Account WHERE ParentId != null');
    expect(deep[0]).toMatchObject({
      Parent: { Owner: { Profile: { CreatedBy: { Profile: { Name: 'System Administrator' } } } } }
    });
    expect(errorOf('SELECT Parent.Owner.Profile.CreatedBy.Profile.CreatedBy.Name FROM Account').errorCode).toBe(
      'MALFORMED_QUERY'
    );
  });

  it('child subqueries with their own WHERE, ORDER BY and LIMIT; no children is null', () => {
    const rows = query(
      "SELECT Name, (SELECT Subject__c FROM Maintenance_Incidents__r WHERE Priority__c != 'P1' ORDER BY Subject__c DESC LIMIT 1) FROM Account ORDER BY Name"
    );
    expect(rows.map((row) => row.Name)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(rows[0].Maintenance_Incidents__r).toMatchObject({
      totalSize: 1,
      done: true,
      records: [{ Subject__c: 'Typo' }]
    });
    expect(rows[2].Maintenance_Incidents__r).toBeNull();
  });

  it('semi-joins and ORDER BY with NULLS FIRST/LAST', () => {
    expect(names('SELECT Name FROM Account WHERE Id IN (SELECT Account__c FROM Maintenance_Contract__c)')).toEqual([
      'Acme'
    ]);
    expect(
      names('SELECT Name FROM Account WHERE Id NOT IN (SELECT Account__c FROM Maintenance_Contract__c) ORDER BY Name')
    ).toEqual(['Globex', 'Initech']);
    expect(names('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name')).toEqual([
      'Acme',
      'Globex',
      'Initech'
    ]);
    expect(names('SELECT Name FROM Account ORDER BY Industry DESC NULLS FIRST')).toEqual(['Initech', 'Globex', 'Acme']);
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET 1')).toEqual(['Globex']);
  });

  it('formula fields in SELECT, WHERE and ORDER BY', () => {
    const rows = query('SELECT Subject__c, Is_Urgent__c FROM Maintenance_Incident__c WHERE Is_Urgent__c = true');
    expect(rows).toEqual([expect.objectContaining({ Subject__c: 'Network down', Is_Urgent__c: true })]);
    const contracts = query(
      'SELECT Notice_Deadline__c FROM Maintenance_Contract__c WHERE Notice_Deadline__c < 2026-12-01 ORDER BY Notice_Deadline__c'
    );
    expect(contracts[0].Notice_Deadline__c).toBe('2026-10-02');
  });

  it('names are case-insensitive and answers use the API names', () => {
    const rows = query("select name, account__r.NAME from maintenance_incident__c where subject__c = 'typo'");
    expect(rows).toEqual([
      expect.objectContaining({ Name: 'INC-000003', Account__r: expect.objectContaining({ Name: 'Acme' }) })
    ]);
    const acme = query("select name, PARENT.name from ACCOUNT where name = 'initech'");
    expect(acme[0]).toMatchObject({ Name: 'Initech', Parent: { Name: 'Acme' } });
  });

  it('queryAll sees deleted records', () => {
    const id = store.transaction(() => store.insert('Account', { Name: 'Gone' }));
    store.transaction(() => store.delete('Account', id));
    expect(names("SELECT Name FROM Account WHERE Name = 'Gone'")).toEqual([]);
    const all = executeQuery(store, "SELECT Name, IsDeleted FROM Account WHERE Name = 'Gone'", { queryAll: true });
    expect(shapePage(store, all, 0, 1, '')).toEqual([expect.objectContaining({ Name: 'Gone', IsDeleted: true })]);
  });
});

describe('aggregates', () => {
  it('COUNT() answers a size and no records', () => {
    const executed = executeQuery(store, "SELECT COUNT() FROM Maintenance_Incident__c WHERE Account__r.Name = 'Acme'");
    expect(executed.totalSize).toBe(3);
    expect(shapePage(store, executed, 0, 10, '')).toEqual([]);
  });

  it('GROUP BY with aliases, exprN names, HAVING and ORDER BY on an aggregate', () => {
    const rows = query(
      'SELECT Account__r.Name, COUNT(Id) total, SUM(Effort_Days__c), MAX(Reported_At__c), MIN(Priority__c) FROM Maintenance_Incident__c GROUP BY Account__r.Name HAVING COUNT(Id) > 0 ORDER BY COUNT(Id) DESC'
    );
    expect(rows).toEqual([
      {
        attributes: { type: 'AggregateResult' },
        Name: 'Acme',
        total: 3,
        expr0: 3,
        expr1: '2026-03-03T10:00:00.000+0000',
        expr2: 'P1'
      },
      expect.objectContaining({ Name: 'Globex', total: 1, expr0: 0 })
    ]);
    expect(query('SELECT COUNT(Id) n FROM Maintenance_Incident__c GROUP BY Priority__c HAVING COUNT(Id) > 1')).toEqual(
      []
    );
    expect(
      query(
        'SELECT CALENDAR_YEAR(Start_Date__c) y, COUNT(Id) FROM Maintenance_Contract__c GROUP BY CALENDAR_YEAR(Start_Date__c)'
      )
    ).toEqual([{ attributes: { type: 'AggregateResult' }, y: 2026, expr0: 1 }]);
  });

  it('a field neither grouped nor aggregated is MALFORMED_QUERY', () => {
    expect(errorOf('SELECT Name, COUNT(Id) FROM Account').errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('errors', () => {
  it('unknown object, field and relationship, with Salesforce wording and position', () => {
    const type = errorOf('SELECT Id FROM ScratchOrgInfo');
    expect(type.errorCode).toBe('INVALID_TYPE');
    expect(type.message).toContain("sObject type 'ScratchOrgInfo' is not supported.");
    const column = errorOf('SELECT Id, Nope FROM Account');
    expect(column.errorCode).toBe('INVALID_FIELD');
    expect(column.message).toContain('ERROR at Row:1:Column:12');
    expect(column.message).toContain("No such column 'Nope' on entity 'Account'");
    expect(errorOf('SELECT Nope__r.Name FROM Account').message).toContain("Didn't understand relationship 'Nope__r'");
    expect(errorOf('SELECT Id, (SELECT Id FROM Nopes) FROM Account').errorCode).toBe('INVALID_TYPE');
    expect(errorOf('SELEKT Id FROM Account').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT Id FROM Account OFFSET 2001').errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });

  it('injection attempts stay values', () => {
    expect(names("SELECT Name FROM Account WHERE Name = 'x\\' OR Name != \\'x'")).toEqual([]);
    expect(errorOf("SELECT Name FROM Account WHERE Name = 'x'; DROP TABLE o_account").errorCode).toBe(
      'MALFORMED_QUERY'
    );
    expect(names("SELECT Name FROM Account WHERE Name = 'Acme'")).toEqual(['Acme']);
  });
});
