import { formatDay, formatLabel } from 'c/maintenanceFormat';
import COVERED_HORIZON from '@salesforce/label/c.Coverage_Covered_Horizon';
import COVERED_UNTIL from '@salesforce/label/c.Coverage_Covered_Until';
import COVERED_FROM from '@salesforce/label/c.Coverage_Covered_From';
import DRAFT_PENDING from '@salesforce/label/c.Coverage_Draft_Pending';
import GAP from '@salesforce/label/c.Coverage_Gap';
import GAP_OPEN from '@salesforce/label/c.Coverage_Gap_Open';
import NONE from '@salesforce/label/c.Coverage_None';
import NOT_COVERED from '@salesforce/label/c.Coverage_Not_Covered';
import PRE_COVERAGE from '@salesforce/label/c.Coverage_Pre_Coverage';
import PRE_COVERAGE_START from '@salesforce/label/c.Coverage_Pre_Coverage_Start';

/**
 * What an account's coverage says in words, from maintenanceEngine.coverageSummary: one sentence or three, the same
 * on the Maintenance tab's banner and on the preview's account list, so that both say the same thing of an account.
 * Presentation only: the rules (what covers, from when, tacit renewals, amendments) are the engine's.
 */

/** Severity of each kind of summary, as SLDS themes name them. */
const SEVERITY = {
  none: 'info',
  'pre-coverage': 'info',
  covered: 'success',
  'gap-ahead': 'warning',
  'in-gap': 'error'
};

/**
 * @param {object} summary maintenanceEngine.coverageSummary's answer
 * @param {number} horizonDays the horizon the summary was computed over (COVERAGE_HORIZON_DAYS)
 * @returns {{ kind: string, severity: 'info'|'success'|'warning'|'error', text: string }}
 */
export function coverageBanner(summary, horizonDays) {
  const sentences = [];
  const gap = () => {
    if (summary.gapStart) {
      sentences.push(
        summary.gapEnd
          ? formatLabel(GAP, formatDay(summary.gapStart), formatDay(summary.gapEnd))
          : formatLabel(GAP_OPEN, formatDay(summary.gapStart))
      );
    }
  };
  switch (summary.kind) {
    case 'covered':
      sentences.push(formatLabel(COVERED_HORIZON, horizonDays));
      break;
    case 'gap-ahead':
      sentences.push(formatLabel(COVERED_UNTIL, formatDay(summary.coveredUntil)));
      gap();
      break;
    case 'in-gap':
      sentences.push(formatLabel(NOT_COVERED, formatDay(summary.inGapSince)));
      if (summary.coverageStartsOn) sentences.push(formatLabel(COVERED_FROM, formatDay(summary.coverageStartsOn)));
      break;
    case 'pre-coverage':
      sentences.push(
        summary.goLiveDate
          ? formatLabel(PRE_COVERAGE, formatDay(summary.goLiveDate))
          : formatLabel(PRE_COVERAGE_START, formatDay(summary.coverageStartsOn ?? summary.gapStart))
      );
      gap();
      break;
    default:
      sentences.push(NONE);
  }
  // A gap with a Draft behind it: say which contract would close it, so that nobody reads it as unexplained.
  const [draft] = summary.draftContracts ?? [];
  if (draft && summary.kind !== 'covered') {
    sentences.push(formatLabel(DRAFT_PENDING, draft.name ?? '', formatDay(draft.startDate)));
  }
  const gapAhead = summary.kind === 'pre-coverage' && summary.gapStart;
  return { kind: summary.kind, severity: gapAhead ? 'warning' : SEVERITY[summary.kind], text: sentences.join(' ') };
}
