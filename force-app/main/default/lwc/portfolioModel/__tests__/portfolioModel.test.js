import { COCKPIT_LISTS, LIST_KEYS, visibleRows } from 'c/portfolioModel';

/** A row as portfolioModel gives it, with what visibleRows reads. */
function view(rank, accountName, flags, extra = {}) {
  return {
    id: `001${rank}`,
    row: {
      rank,
      flags,
      figures: {
        accountName,
        coveredToday: true,
        gapStart: null,
        notice: null,
        transition: null,
        openBreached: { any: 0 },
        compliance: { resolution: { percent: null } },
        budget: null,
        handover: null,
        ...extra
      }
    }
  };
}

const rows = [
  view(1, 'Émeraude', ['in-gap'], { gapStart: '2026-06-01', coveredToday: false }),
  view(2, 'alpha', ['gap-ahead', 'breaches'], { gapStart: '2026-06-22', openBreached: { any: 2 } }),
  view(3, 'Bêta', ['notice-soon'], { notice: { deadline: '2026-06-20' } }),
  view(4, 'Zulu', [])
];

const names = (list) => list.map((row) => row.row.figures.accountName);

describe('c/portfolioModel', () => {
  it('reads six list views, each with the account of its records', () => {
    expect(LIST_KEYS).toEqual(['contracts', 'amendments', 'incidents', 'checklists', 'transitions', 'proposals']);
    expect(COCKPIT_LISTS.checklists.fields).toEqual(
      expect.arrayContaining([
        'Handover_Checklist__c.Account__r.Name',
        'Handover_Checklist__c.Readiness_Percent__c',
        'Handover_Checklist__c.Mandatory_Open__c'
      ])
    );
    expect(COCKPIT_LISTS.incidents.listViewApiName).toBe('Cockpit_Incidents');
    // The incidents' clocks only: what the SLA rules read.
    expect(COCKPIT_LISTS.incidents.fields).toHaveLength(14);
    expect(COCKPIT_LISTS.incidents.fields).not.toContain('Maintenance_Incident__c.Subject__c');
    // The contracts' rules only: coverage, notice, SLA, type, budget; not the provider nor the money.
    expect(COCKPIT_LISTS.contracts.fields).toHaveLength(30);
    expect(COCKPIT_LISTS.contracts.fields).toEqual(
      expect.arrayContaining([
        'Maintenance_Contract__c.Account__r.Name',
        'Maintenance_Contract__c.Contract_Type__c',
        'Maintenance_Contract__c.SLA_Template__c',
        'Maintenance_Contract__c.P4_Resolution_Hours__c',
        'Maintenance_Contract__c.Consumed_Effort_Days__c'
      ])
    );
    for (const field of ['Provider__c', 'Daily_Rate__c', 'Monthly_Fee__c', 'Monthly_Spend_Alert__c']) {
      expect(COCKPIT_LISTS.contracts.fields).not.toContain(`Maintenance_Contract__c.${field}`);
    }
    expect(COCKPIT_LISTS.contracts.optionalFields).toEqual([]);
  });

  it('keeps the engine order by default, filters by a risk and searches names without case or accents', () => {
    expect(names(visibleRows(rows))).toEqual(['Émeraude', 'alpha', 'Bêta', 'Zulu']);
    expect(names(visibleRows(rows, { flag: 'breaches' }))).toEqual(['alpha']);
    expect(names(visibleRows(rows, { search: 'BETA' }))).toEqual(['Bêta']);
    expect(names(visibleRows(rows, { search: 'emer' }))).toEqual(['Émeraude']);
    expect(names(visibleRows(rows, { search: '  ' }))).toHaveLength(4);
  });

  it('sorts by a column either way, blanks last both ways, the rank breaking ties', () => {
    expect(names(visibleRows(rows, { sortBy: 'account' }))).toEqual(['alpha', 'Bêta', 'Émeraude', 'Zulu']);
    expect(names(visibleRows(rows, { sortBy: 'gap' }))).toEqual(['Émeraude', 'alpha', 'Bêta', 'Zulu']);
    expect(names(visibleRows(rows, { sortBy: 'gap', sortDirection: 'desc' }))).toEqual([
      'alpha',
      'Émeraude',
      'Bêta',
      'Zulu'
    ]);
    expect(names(visibleRows(rows, { sortBy: 'breached', sortDirection: 'desc' }))[0]).toBe('alpha');
    expect(names(visibleRows(rows, { sortBy: 'covered' }))[0]).toBe('Émeraude');
    for (const sortBy of ['notice', 'options', 'compliance', 'budget', 'handover', 'rank']) {
      expect(visibleRows(rows, { sortBy })).toHaveLength(4);
    }
  });

  it('refuses an unknown risk or column', () => {
    expect(() => visibleRows(rows, { flag: 'late' })).toThrow('visibleRows: unknown risk flag "late"');
    expect(() => visibleRows(rows, { sortBy: 'colour' })).toThrow('visibleRows: unknown sort key "colour"');
  });
});
