import { coverageBanner } from 'c/coverageText';
import { coverageSummary } from 'c/maintenanceEngine';

jest.mock('@salesforce/label/c.Coverage_Covered_Horizon', () => ({ default: 'Covered for the next {0} days.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Coverage_Covered_Until', () => ({ default: 'Covered until {0}.' }), { virtual: true });
jest.mock('@salesforce/label/c.Coverage_Gap_Open', () => ({ default: 'No coverage from {0}.' }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Coverage_Pre_Coverage_Start',
  () => ({ default: 'Pre-coverage: coverage starts on {0}.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Coverage_Pre_Coverage', () => ({ default: 'Pre-coverage: go-live on {0}.' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Coverage_Draft_Pending',
  () => ({ default: '{0} (Draft, from {1}) covers nothing until it is signed.' }),
  { virtual: true }
);

const today = '2026-03-10';
const summary = (contracts, checklists = []) => coverageSummary({ contracts, checklists, today });

describe('c/coverageText', () => {
  it('says covered over the horizon, in success', () => {
    const banner = coverageBanner(
      summary([{ id: 'a', status: 'Active', startDate: '2025-01-01', endDate: '2027-12-31' }]),
      180
    );
    expect(banner).toEqual({ kind: 'covered', severity: 'success', text: 'Covered for the next 180 days.' });
  });

  it('says when a Signed contract starts, before any coverage', () => {
    const banner = coverageBanner(
      summary([{ id: 's', status: 'Signed', startDate: '2026-04-01', endDate: '2027-03-31' }]),
      180
    );
    expect(banner).toEqual({
      kind: 'pre-coverage',
      severity: 'info',
      text: 'Pre-coverage: coverage starts on Apr 1, 2026.'
    });
  });

  it('names the Draft behind a gap ahead, in warning', () => {
    const banner = coverageBanner(
      summary([
        { id: 'a', status: 'Active', startDate: '2025-01-01', endDate: '2026-03-31' },
        { id: 'd', name: 'TMA 2026', status: 'Draft', startDate: '2026-04-01', endDate: '2027-03-31' }
      ]),
      180
    );
    expect(banner).toEqual({
      kind: 'gap-ahead',
      severity: 'warning',
      text: 'Covered until Mar 31, 2026. No coverage from Apr 1, 2026. TMA 2026 (Draft, from Apr 1, 2026) covers nothing until it is signed.'
    });
  });

  it('warns before a go-live with nothing behind it', () => {
    const banner = coverageBanner(summary([], [{ id: 'h', goLiveDate: '2026-08-07', warrantyEndDate: null }]), 180);
    expect(banner).toEqual({
      kind: 'pre-coverage',
      severity: 'warning',
      text: 'Pre-coverage: go-live on Aug 7, 2026. No coverage from Aug 7, 2026.'
    });
  });
});
