// Portfolio ranking: which accounts come first on the Maintenance Cockpit and in `report --risk`, and the counts at
// the top. Figures are built by hand here; accountFigures (which computes them from records) is tested on its own.
import { describe, expect, it } from '@jest/globals';
import { NOTICE_SOON_DAYS, portfolioRisk, riskFlags, RISK_FLAGS, type AccountFigures } from '#engine';

const today = '2026-06-01';
const clock = { met: 0, total: 0, percent: null };

/** A covered account without risk; `extra` says what differs. */
function figures(accountId: string, accountName: string, extra: Partial<AccountFigures> = {}): AccountFigures {
  return {
    accountId,
    accountName,
    coverage: 'covered',
    coveredToday: true,
    gapStart: null,
    inGapSince: null,
    notice: null,
    transition: null,
    openBreached: { response: 0, resolution: 0, any: 0, unjudged: 0 },
    compliance: { from: '2026-03-03', to: today, response: clock, resolution: clock },
    budget: null,
    handover: null,
    ...extra
  };
}

const inGap = (since: string): Partial<AccountFigures> => ({
  coverage: 'in-gap',
  coveredToday: false,
  gapStart: today,
  inGapSince: since
});
const gapAhead = (start: string): Partial<AccountFigures> => ({ coverage: 'gap-ahead', gapStart: start });
const notice = (deadline: string, daysLeft: number): Partial<AccountFigures> => ({
  notice: { contractId: 'c', contractName: 'C', deadline, daysLeft }
});
const breaches = (response: number, resolution: number, any: number): Partial<AccountFigures> => ({
  openBreached: { response, resolution, any, unjudged: 0 }
});
const shortfall = (forecastExhaustionDate: string, shortfallDays: number): Partial<AccountFigures> => ({
  budget: {
    contractId: 'c',
    contractName: 'C',
    budgetDays: 40,
    consumedDays: 34,
    percentConsumed: 85,
    forecastExhaustionDate,
    contractEndDate: '2026-12-31',
    shortfallDays,
    alert: 'threshold'
  }
});
const optionsClosing = (closesOn: string, daysLeft: number, alert = true): Partial<AccountFigures> => ({
  transition: { transitionId: 't', transitionName: 'T', option: 'Tender', closesOn, daysLeft, alert }
});

describe('riskFlags', () => {
  it('names each risk of an account, in RISK_FLAGS order', () => {
    const all = figures('001A', 'A', {
      ...inGap('2026-05-20'),
      ...notice('2026-06-10', 9),
      ...optionsClosing('2026-06-20', 19),
      ...breaches(1, 0, 1),
      ...shortfall('2026-09-01', 121)
    });
    expect(riskFlags(all)).toEqual(RISK_FLAGS.filter((flag) => flag !== 'gap-ahead'));
    expect(riskFlags(figures('001B', 'B', gapAhead('2026-06-22')))).toEqual(['gap-ahead']);
    expect(riskFlags(figures('001C', 'C'))).toEqual([]);
  });

  it('counts a notice deadline from today up to NOTICE_SOON_DAYS away, not a passed one nor a later one', () => {
    expect(riskFlags(figures('001A', 'A', notice('2026-06-01', 0)))).toEqual(['notice-soon']);
    expect(riskFlags(figures('001A', 'A', notice('2026-07-01', NOTICE_SOON_DAYS)))).toEqual(['notice-soon']);
    expect(riskFlags(figures('001A', 'A', notice('2026-07-02', NOTICE_SOON_DAYS + 1)))).toEqual([]);
    expect(riskFlags(figures('001A', 'A', notice('2026-05-31', -1)))).toEqual([]);
  });

  it('raises options-closing only on the transition alert, and breaches and shortfall only above zero', () => {
    expect(riskFlags(figures('001A', 'A', optionsClosing('2026-06-20', 19, false)))).toEqual([]);
    expect(riskFlags(figures('001A', 'A', breaches(0, 0, 0)))).toEqual([]);
    expect(riskFlags(figures('001A', 'A', breaches(0, 2, 2)))).toEqual(['breaches']);
    expect(riskFlags(figures('001A', 'A', shortfall('2026-12-31', 0)))).toEqual([]);
  });
});

describe('portfolioRisk', () => {
  const accounts = [
    figures('001N', 'No risk'),
    figures('001B', 'Breach', breaches(2, 1, 2)),
    figures('001G2', 'Gap in 45 days', gapAhead('2026-07-16')),
    figures('001T', 'Gap today, 3 days', inGap('2026-05-29')),
    figures('001S', 'Shortfall', shortfall('2026-08-15', 138)),
    figures('001O', 'Option closes', optionsClosing('2026-06-10', 9)),
    figures('001G1', 'Gap in 21 days', gapAhead('2026-06-22')),
    figures('001L', 'Gap today, 12 days', { ...inGap('2026-05-20'), ...breaches(1, 1, 1) }),
    figures('001D', 'Notice in 20 days', notice('2026-06-21', 20)),
    figures('001A', 'Another without risk')
  ];

  it('ranks gaps today (longest first), gaps ahead (soonest first), then other risks by the day they bite', () => {
    const { rows } = portfolioRisk({ accounts, today });
    expect(rows.map((row) => row.figures.accountName)).toEqual([
      'Gap today, 12 days',
      'Gap today, 3 days',
      'Gap in 21 days',
      'Gap in 45 days',
      'Breach', // bites today
      'Option closes', // 2026-06-10
      'Notice in 20 days', // 2026-06-21
      'Shortfall', // 2026-08-15
      'Another without risk',
      'No risk'
    ]);
    expect(rows.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.map((row) => row.tier)).toEqual([0, 0, 1, 1, 2, 2, 2, 2, 3, 3]);
    expect(rows[0].urgentOn).toBe('2026-05-20');
    expect(rows[4].urgentOn).toBe(today);
    expect(rows[9].urgentOn).toBeNull();
  });

  it('counts each risk once per account, the accounts at risk, and all accounts', () => {
    expect(portfolioRisk({ accounts, today }).counts).toEqual({
      accounts: 10,
      atRisk: 8,
      'in-gap': 2,
      'gap-ahead': 2,
      'notice-soon': 1,
      'options-closing': 1,
      breaches: 2,
      'budget-shortfall': 1
    });
  });

  it('does not depend on the order it is given, and breaks ties by number of risks, then name', () => {
    const reversed = portfolioRisk({ accounts: [...accounts].reverse(), today });
    expect(reversed.rows.map((row) => row.figures.accountId)).toEqual(
      portfolioRisk({ accounts, today }).rows.map((row) => row.figures.accountId)
    );
    const tie = portfolioRisk({
      accounts: [
        figures('001X', 'Zeta', breaches(1, 0, 1)),
        figures('001Y', 'Alpha', breaches(1, 0, 1)),
        figures('001Z', 'Omega', { ...breaches(1, 0, 1), ...notice('2026-06-05', 4) })
      ],
      today
    });
    expect(tie.rows.map((row) => row.figures.accountName)).toEqual(['Omega', 'Alpha', 'Zeta']);
  });

  it('answers an empty portfolio, and refuses what it cannot rank', () => {
    expect(portfolioRisk({ accounts: [], today })).toEqual({
      rows: [],
      counts: {
        accounts: 0,
        atRisk: 0,
        'in-gap': 0,
        'gap-ahead': 0,
        'notice-soon': 0,
        'options-closing': 0,
        breaches: 0,
        'budget-shortfall': 0
      }
    });
    expect(() => portfolioRisk({ accounts: [figures('', 'No id')], today })).toThrow(
      'portfolioRisk: accounts[0].accountId must be a non-empty string'
    );
    expect(() => portfolioRisk({ accounts: [], today: '2026-13-01' })).toThrow(RangeError);
  });
});
