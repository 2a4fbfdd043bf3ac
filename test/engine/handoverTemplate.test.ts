// "Add items from template": Handover_Template_Item__mdt records -> the Handover_Item__c records a checklist lacks.
import { describe, expect, it } from '@jest/globals';
import { handoverItemsFromTemplate, itemFromRecord, type Checklist, type ChecklistItem } from '#engine';

/** Lets a test pass values the types forbid, as JavaScript callers can. */
function loose<T>(value: unknown): T {
  return value as T;
}

/** A Handover_Template_Item__mdt field map, as getListRecordsByName + toFieldMap give it. */
function templateItem(
  developerName: string,
  sortOrder: number | null,
  dueDaysBeforeGoLive: number | null,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    DeveloperName: developerName,
    MasterLabel: `Label of ${developerName}`,
    Category__c: 'Documentation',
    Mandatory__c: false,
    Sort_Order__c: sortOrder,
    Due_Days_Before_Go_Live__c: dueDaysBeforeGoLive,
    ...extra
  };
}

// Go-live Monday 15 June 2026.
const checklist: Checklist = { id: 'a03A', goLiveDate: '2026-06-15' };

const template = [
  templateItem('RUN_Monitoring', 40, 0, { Category__c: 'Runbooks & Monitoring', Mandatory__c: true }),
  templateItem('DOC_Architecture', 10, 14, { Mandatory__c: true }),
  templateItem('ACC_Production_Access', 20, 7, { Category__c: 'Access & Accounts' }),
  templateItem('DEF_Post_Go_Live_Review', 30, -14, { Category__c: 'Known Defects' }),
  templateItem('KT_Sessions', null, null, { Category__c: 'Knowledge Transfer' })
];

const existing: ChecklistItem[] = [
  { id: 'a04A', mandatory: false, done: true, templateItem: 'ACC_Production_Access' },
  // Added by hand: no template item, so it hides nothing.
  { id: 'a04B', mandatory: false, done: false, templateItem: null }
];

describe('handoverItemsFromTemplate', () => {
  it('adds the items the checklist lacks, in template order, due their days before the go-live', () => {
    expect(handoverItemsFromTemplate({ checklist, existingItems: existing, templateItems: template })).toEqual([
      // No sort order counts as 0, so first; no due days, no due date.
      {
        Name: 'Label of KT_Sessions',
        Category__c: 'Knowledge Transfer',
        Mandatory__c: false,
        Done__c: false,
        Sort_Order__c: null,
        Template_Item__c: 'KT_Sessions',
        Due_Date__c: null
      },
      // 15 June minus 14 days.
      {
        Name: 'Label of DOC_Architecture',
        Category__c: 'Documentation',
        Mandatory__c: true,
        Done__c: false,
        Sort_Order__c: 10,
        Template_Item__c: 'DOC_Architecture',
        Due_Date__c: '2026-06-01'
      },
      // ACC_Production_Access (20) is on the checklist already. -14 days before go-live is two weeks after it.
      {
        Name: 'Label of DEF_Post_Go_Live_Review',
        Category__c: 'Known Defects',
        Mandatory__c: false,
        Done__c: false,
        Sort_Order__c: 30,
        Template_Item__c: 'DEF_Post_Go_Live_Review',
        Due_Date__c: '2026-06-29'
      },
      // 0 days: due on the go-live itself.
      {
        Name: 'Label of RUN_Monitoring',
        Category__c: 'Runbooks & Monitoring',
        Mandatory__c: true,
        Done__c: false,
        Sort_Order__c: 40,
        Template_Item__c: 'RUN_Monitoring',
        Due_Date__c: '2026-06-15'
      }
    ]);
  });

  it('is idempotent: once the items are created, the template has nothing left to add', () => {
    const added = handoverItemsFromTemplate({ checklist, existingItems: existing, templateItems: template });
    const afterwards = [...existing, ...added.map((fields) => itemFromRecord(fields))];
    expect(handoverItemsFromTemplate({ checklist, existingItems: afterwards, templateItems: template })).toEqual([]);
  });

  it('counts days across month ends and leap days', () => {
    const items = [templateItem('A', 1, 1), templateItem('B', 2, 30)];
    const due = (goLiveDate: string): (string | null)[] =>
      handoverItemsFromTemplate({ checklist: { goLiveDate }, existingItems: [], templateItems: items }).map(
        (item) => item.Due_Date__c
      );
    // 2026 is not a leap year, 2028 is.
    expect(due('2026-03-01')).toEqual(['2026-02-28', '2026-01-30']);
    expect(due('2028-03-01')).toEqual(['2028-02-29', '2028-01-31']);
  });

  it('gives no due date without a go-live date', () => {
    const items = handoverItemsFromTemplate({
      checklist: { goLiveDate: null },
      existingItems: [],
      templateItems: template
    });
    expect(items).toHaveLength(5);
    expect(items.map((item) => item.Due_Date__c)).toEqual([null, null, null, null, null]);
  });

  it('keeps the given order between equal sort orders, adds a DeveloperName once, and names by DeveloperName without label', () => {
    const items = handoverItemsFromTemplate({
      checklist,
      existingItems: [],
      templateItems: [
        templateItem('Second', 5, null),
        templateItem('First', 1, null, { MasterLabel: null }),
        templateItem('Third', 5, null),
        templateItem('Second', 6, 3)
      ]
    });
    expect(items.map((item) => [item.Template_Item__c, item.Name])).toEqual([
      ['First', 'First'],
      ['Second', 'Label of Second'],
      ['Third', 'Label of Third']
    ]);
  });

  it('reads UI API records ({ value } wrappers) as well as flat field maps', () => {
    const uiApiRecord = {
      apiName: 'Handover_Template_Item__mdt',
      id: 'm01A',
      fields: {
        DeveloperName: { value: 'DOC_Release_Notes', displayValue: null },
        MasterLabel: { value: 'Release notes', displayValue: null },
        Category__c: { value: 'Documentation', displayValue: 'Documentation' },
        Mandatory__c: { value: true, displayValue: null },
        Sort_Order__c: { value: 50, displayValue: '50' },
        Due_Days_Before_Go_Live__c: { value: 21, displayValue: '21' }
      }
    };
    expect(handoverItemsFromTemplate({ checklist, existingItems: [], templateItems: [uiApiRecord] })).toEqual([
      {
        Name: 'Release notes',
        Category__c: 'Documentation',
        Mandatory__c: true,
        Done__c: false,
        Sort_Order__c: 50,
        Template_Item__c: 'DOC_Release_Notes',
        // 15 June minus 21 days.
        Due_Date__c: '2026-05-25'
      }
    ]);
  });

  it('rejects input it cannot turn into items, naming what is wrong', () => {
    const call = (input: unknown) => () => handoverItemsFromTemplate(loose(input));
    expect(call({ checklist, existingItems: [], templateItems: [templateItem('', 1, 1)] })).toThrow(
      /handoverItemsFromTemplate: templateItems\[0\]: DeveloperName is required/
    );
    expect(call({ checklist, existingItems: [], templateItems: [templateItem('A', 1, 1.5)] })).toThrow(RangeError);
    expect(call({ checklist, existingItems: [], templateItems: [templateItem('A', 1, 1.5)] })).toThrow(
      /Due_Days_Before_Go_Live__c must be whole days/
    );
    expect(
      call({ checklist, existingItems: [], templateItems: [templateItem('A', loose<number>('first'), 1)] })
    ).toThrow(/templateItems\[0\]: Sort_Order__c must be a finite number/);
    expect(call({ checklist: { goLiveDate: '2026-02-30' }, existingItems: [], templateItems: [] })).toThrow(
      /checklist.goLiveDate/
    );
    expect(call({ checklist, existingItems: null, templateItems: [] })).toThrow(TypeError);
    expect(call({ checklist, existingItems: [], templateItems: [42] })).toThrow(TypeError);
  });
});
