import {
  budgetBurn,
  COVERING_STATUSES,
  effortOutOfCoverage,
  effectiveTerms,
  monthlySpend,
  TIME_AND_MATERIALS
} from 'c/maintenanceEngine';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import {
  formatCurrency,
  formatDay,
  formatLabel,
  formatMonth,
  formatNumber,
  formatPercent,
  userToday
} from 'c/maintenanceFormat';
import LABELS from './labels';

/** Months of spend a time-and-materials contract shows. */
const SPEND_MONTHS = 6;

/**
 * Budget and effort of an account: for each contract in force, its effective terms (the budget signed and the
 * amendments in force), what its effort entries consumed, the forecast against the end of the term in force (how
 * many days short, and the monthly burn at which the budget would last); for time and materials, the monthly spend
 * over six months against the contract's alert; and the effort worked on days nothing covered, priced at the
 * account's last daily rate. Every figure is maintenanceEngine's (budgetBurn, effectiveTerms, monthlySpend,
 * effortOutOfCoverage); data from c/maintenanceAccountData.
 */
export default class BudgetPanel extends MaintenanceAccountData {
  labels = LABELS;

  get today() {
    return userToday();
  }

  get amendments() {
    return this.model.amendments.map((amendment) => amendment.model);
  }

  entriesOf(contractId) {
    return this.model.effort.filter((entry) => entry.fields.Contract__c === contractId).map((entry) => entry.model);
  }

  get inForce() {
    return this.model
      ? this.model.contracts.filter((contract) => COVERING_STATUSES.includes(contract.fields.Status__c))
      : [];
  }

  get isEmpty() {
    return Boolean(this.model) && this.inForce.length === 0 && !this.outOfCoverage;
  }

  /** One card per contract in force: a budget, or the spend of time and materials. */
  get contracts() {
    return this.inForce.map((contract) => {
      const timeAndMaterials = contract.fields.Contract_Type__c === TIME_AND_MATERIALS;
      return timeAndMaterials ? this.spendView(contract) : this.budgetView(contract);
    });
  }

  budgetView(contract) {
    const { model, fields } = contract;
    // Consumed days from the Consumed_Effort_Days__c roll-up: exact however many entries the page holds.
    const burn = budgetBurn({ contract: model, amendments: this.amendments, today: this.today });
    const terms = effectiveTerms({ contract: model, amendments: this.amendments, on: this.today });
    const view = { key: contract.id, name: fields.Name, isSpend: false, lines: [] };
    if (burn.budgetDays === null) {
      view.lines.push({ key: 'none', text: formatLabel(LABELS.noBudget, formatNumber(burn.consumedDays)) });
      return view;
    }
    view.lines.push({
      key: 'consumed',
      className: burn.alert ? 'slds-text-color_error' : '',
      text: formatLabel(
        LABELS.consumed,
        formatNumber(burn.consumedDays),
        formatNumber(burn.budgetDays),
        formatPercent(burn.percentConsumed / 100)
      )
    });
    if (terms.applied.length > 0) {
      view.lines.push({
        key: 'amended',
        text: formatLabel(
          LABELS.amended,
          formatNumber(burn.initialBudgetDays ?? 0),
          terms.applied.map((amendment) => amendment.name ?? '').join(', '),
          formatDay(terms.endDate)
        )
      });
    }
    if (burn.forecastExhaustionDate) {
      view.lines.push(
        burn.shortfall
          ? {
              key: 'forecast',
              className: 'slds-text-color_error',
              text: formatLabel(
                LABELS.shortfall,
                formatNumber(burn.monthlyBurnDays),
                formatDay(burn.forecastExhaustionDate),
                burn.shortfallDays,
                formatDay(burn.contractEndDate),
                formatNumber(burn.sustainableMonthlyBurnDays)
              )
            }
          : {
              key: 'forecast',
              text: formatLabel(LABELS.lasts, formatNumber(burn.monthlyBurnDays), formatDay(burn.contractEndDate))
            }
      );
    }
    return view;
  }

  spendView(contract) {
    const spend = monthlySpend({
      contract: contract.model,
      entries: this.entriesOf(contract.id),
      today: this.today,
      months: SPEND_MONTHS
    });
    const highest = Math.max(...spend.months.map((month) => month.amount ?? 0), spend.alertAmount ?? 0, 1);
    const view = {
      key: contract.id,
      name: contract.fields.Name,
      isSpend: true,
      lines: [
        {
          key: 'rate',
          text:
            spend.dailyRate === null
              ? LABELS.spendNoRate
              : formatLabel(LABELS.spendRate, formatCurrency(spend.dailyRate), formatCurrency(spend.totalAmount))
        }
      ],
      months: spend.months.map((month) => ({
        key: month.month,
        label: formatMonth(`${month.month}-01`),
        text: formatLabel(
          LABELS.spendMonth,
          formatMonth(`${month.month}-01`),
          formatNumber(month.days),
          formatCurrency(month.amount)
        ),
        barClass: month.overAlert ? 'spend-bar spend-bar_over' : 'spend-bar',
        style: `height:${Math.round(((month.amount ?? 0) / highest) * 100)}%`
      })),
      alertStyle: spend.alertAmount === null ? '' : `bottom:${Math.round((spend.alertAmount / highest) * 100)}%`,
      hasAlert: spend.alertAmount !== null,
      alertText: spend.alertAmount === null ? '' : formatLabel(LABELS.spendAlert, formatCurrency(spend.alertAmount))
    };
    return view;
  }

  /** Work done on days nothing covered the account: "1.5 days worked out of coverage (975,00 €)". */
  get outOfCoverage() {
    if (!this.model) return undefined;
    const outside = effortOutOfCoverage({
      contracts: this.model.contracts.map((contract) => contract.model),
      amendments: this.amendments,
      checklists: this.model.checklists.map((checklist) => checklist.model),
      transitions: this.model.transitions.map((transition) => transition.model),
      entries: this.model.effort.map((entry) => entry.model)
    });
    if (outside.days === 0) return undefined;
    return outside.unpricedDays > 0
      ? formatLabel(LABELS.outOfCoverageUnpriced, formatNumber(outside.days))
      : formatLabel(LABELS.outOfCoverage, formatNumber(outside.days), formatCurrency(outside.amount));
  }

  get effortCapped() {
    return this.model?.moreEffort ? formatLabel(LABELS.effortCapped, this.model.effort.length) : '';
  }
}
