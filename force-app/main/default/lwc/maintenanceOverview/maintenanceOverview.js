import {
  addDays,
  budgetBurn,
  coverageTimeline,
  coveringContract,
  daysBetween,
  PRIORITIES,
  slaCompliance,
  slaStatus
} from 'c/maintenanceEngine';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import { CONTRACT_FIELDS, displayValueOf } from 'c/maintenanceRecords';
import { Snapshot, calendarsByName, calendarOfContract, isOpen } from 'c/maintenanceModel';
import { formatDay, formatLabel, formatMonth, formatNumber, formatPercent, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

const MONTHS_BACK = 6;
const MONTHS_AHEAD = 12;
const COVERAGE_HORIZON_DAYS = 365;
const GAP_WARNING_DAYS = 90;
const COMPLIANCE_WINDOW_DAYS = 90;
const DAY_MS = 86400000;

/**
 * The Maintenance tab of an Account: is the customer covered today and over the next year (banner), a timeline of
 * contracts, warranties and gaps over the past 6 and next 12 months with notice deadlines, the engine's alerts, KPIs
 * (open incidents by priority, breached, SLA compliance over 90 days, budget consumed with forecast exhaustion date,
 * handover readiness), and the incident logger, incident list and handover checklist.
 *
 * Every figure comes from maintenanceEngine; this component only lays them out. Data: the account batch and the
 * calendars through c/maintenanceAccountData (one request each, shared with the children through the LDS cache).
 * The logger loads only when the user opens it, so that the tab itself stays at three requests.
 */
export default class MaintenanceOverview extends MaintenanceAccountData {
  labels = LABELS;
  /** What the KPIs show of the incidents (a Snapshot, recomputed with the data and every minute). */
  incidentFigures;
  readiness;
  showLogger = false;

  accountDataChanged() {
    this.computeIncidentFigures();
  }

  get isLoading() {
    return !this.model && !this.batchError;
  }

  get today() {
    return userToday();
  }

  get contractModels() {
    return this.model.contracts.map((contract) => contract.model);
  }

  get checklistModels() {
    return this.model.checklists.map((checklist) => checklist.model);
  }

  get hasSources() {
    return this.model.contracts.length > 0 || this.model.checklists.length > 0;
  }

  /** Coverage from today over the next year: the banner and the alerts. */
  get coverage() {
    return coverageTimeline({
      contracts: this.contractModels,
      checklists: this.checklistModels,
      today: this.today,
      horizonDays: COVERAGE_HORIZON_DAYS
    });
  }

  /** The timeline window: from the first day of the month 6 months ago to the end of the month in 12 months. */
  get window() {
    const [year, month] = this.today.split('-').map(Number);
    const start = isoDay(Date.UTC(year, month - 1 - MONTHS_BACK, 1));
    const end = isoDay(Date.UTC(year, month + MONTHS_AHEAD, 1) - DAY_MS);
    return { start, end, days: daysBetween(start, end) + 1 };
  }

  /** Coverage over the whole timeline window (past included), from the engine. */
  get windowCoverage() {
    return coverageTimeline({
      contracts: this.contractModels,
      checklists: this.checklistModels,
      today: this.window.start,
      horizonDays: this.window.days - 1
    });
  }

  get banner() {
    if (!this.hasSources) {
      return { text: LABELS.coverageNone, theme: 'slds-theme_info', icon: 'utility:info' };
    }
    const coverage = this.coverage;
    const segments = coverage.segments ?? [];
    if (coverage.coveredToday) {
      const gap = segments.find((segment) => segment.kind === 'gap');
      if (!gap) {
        return { text: LABELS.coverageCoveredHorizon, theme: 'slds-theme_success', icon: 'utility:success' };
      }
      const coveredUntil = formatLabel(LABELS.coverageCoveredUntil, formatDay(addDays(gap.start, -1)));
      const horizonEnd = addDays(this.today, COVERAGE_HORIZON_DAYS);
      const gapText =
        gap.end >= horizonEnd
          ? formatLabel(LABELS.coverageGapOpen, formatDay(gap.start))
          : formatLabel(LABELS.coverageGap, formatDay(gap.start), formatDay(gap.end));
      const soon = daysBetween(this.today, gap.start) <= GAP_WARNING_DAYS;
      return {
        text: `${coveredUntil} ${gapText}`,
        theme: soon ? 'slds-theme_warning' : 'slds-theme_success',
        icon: soon ? 'utility:warning' : 'utility:success'
      };
    }
    const current = (this.windowCoverage.segments ?? []).find(
      (segment) => segment.kind === 'gap' && segment.start <= this.today && this.today <= segment.end
    );
    if (current) {
      return {
        text: formatLabel(LABELS.coverageNotCovered, formatDay(current.start)),
        theme: 'slds-theme_error',
        icon: 'utility:error'
      };
    }
    const next = segments.find((segment) => segment.kind === 'covered');
    return {
      text: next ? formatLabel(LABELS.coverageNotCoveredUntil, formatDay(next.start)) : LABELS.coverageNone,
      theme: 'slds-theme_error',
      icon: 'utility:error'
    };
  }

  get bannerClass() {
    return `slds-notify slds-notify_alert ${this.banner.theme} coverage-banner`;
  }

  get ticks() {
    const { start, days } = this.window;
    const ticks = [];
    let day = start;
    while (daysBetween(start, day) < days) {
      ticks.push({ key: day, label: formatMonth(day), style: `left:${this.position(day)}%` });
      const [year, month] = day.split('-').map(Number);
      day = isoDay(Date.UTC(year, month, 1));
    }
    return ticks;
  }

  /** Where a day sits on the timeline, in percent of its width (clamped to the window). */
  position(day) {
    const { start, days } = this.window;
    const offset = Math.min(Math.max(daysBetween(start, day), 0), days);
    return Math.round((offset / days) * 10000) / 100;
  }

  bar(from, to, className, text, key) {
    const left = this.position(from);
    const right = this.position(addDays(to, 1));
    return {
      key,
      className: `timeline-bar ${className}`,
      style: `left:${left}%;width:${Math.max(right - left, 0.3)}%`,
      text
    };
  }

  get todayStyle() {
    return `left:${this.position(this.today)}%`;
  }

  get timelineRows() {
    const { start, end } = this.window;
    const inWindow = (from, to) => from && to && from <= end && to >= start;
    const coverageRow = {
      key: 'coverage',
      label: LABELS.timelineCoverageRow,
      bars: (this.windowCoverage.segments ?? []).map((segment, index) =>
        this.bar(
          segment.start,
          segment.end,
          segment.kind === 'gap' ? 'timeline-bar_gap' : 'timeline-bar_covered',
          formatLabel(
            segment.kind === 'gap' ? LABELS.timelineGap : LABELS.timelineCovered,
            formatDay(segment.start),
            formatDay(segment.end)
          ),
          `coverage-${index}`
        )
      ),
      markers: []
    };
    const contractRows = this.model.contracts
      .filter((contract) => inWindow(contract.fields.Start_Date__c, contract.fields.End_Date__c))
      .map((contract) => {
        const fields = contract.fields;
        const notice = fields.Notice_Deadline__c;
        return {
          key: contract.id,
          label: fields.Name,
          bars: [
            this.bar(
              fields.Start_Date__c,
              fields.End_Date__c,
              `timeline-bar_contract timeline-bar_${String(fields.Status__c).toLowerCase()}`,
              formatLabel(
                LABELS.timelineContract,
                fields.Name,
                displayValueOf(contract.record, CONTRACT_FIELDS.STATUS),
                formatDay(fields.Start_Date__c),
                formatDay(fields.End_Date__c)
              ),
              `${contract.id}-bar`
            )
          ],
          markers:
            notice && notice >= start && notice <= end
              ? [
                  {
                    key: `${contract.id}-notice`,
                    style: `left:${this.position(notice)}%`,
                    text: formatLabel(LABELS.timelineNotice, formatDay(notice))
                  }
                ]
              : []
        };
      });
    const warrantyRows = this.model.checklists
      .filter((checklist) => inWindow(checklist.fields.Go_Live_Date__c, checklist.fields.Warranty_End_Date__c))
      .map((checklist) => ({
        key: checklist.id,
        label: checklist.fields.Project_Name__c ?? checklist.fields.Name,
        bars: [
          this.bar(
            checklist.fields.Go_Live_Date__c,
            checklist.fields.Warranty_End_Date__c,
            'timeline-bar_warranty',
            formatLabel(
              LABELS.timelineWarranty,
              checklist.fields.Project_Name__c ?? checklist.fields.Name,
              formatDay(checklist.fields.Go_Live_Date__c),
              formatDay(checklist.fields.Warranty_End_Date__c)
            ),
            `${checklist.id}-bar`
          )
        ],
        markers: []
      }));
    return [coverageRow, ...contractRows, ...warrantyRows];
  }

  get contractNames() {
    return new Map(this.model.contracts.map((contract) => [contract.id, contract.fields.Name]));
  }

  /**
   * The engine's coverage alerts, plus the budget alert of the covering contract, and a notice when the account has
   * more incidents than one page loads (the KPIs then count the most recent ones only).
   */
  get alerts() {
    const names = this.contractNames;
    const alerts = (this.coverage.alerts ?? []).map((alert, index) => ({
      key: `${alert.kind}-${alert.sourceId ?? ''}-${index}`,
      text: this.alertText(alert, names.get(alert.sourceId) ?? ''),
      icon: alert.kind === 'gap' ? 'utility:warning' : 'utility:clock'
    }));
    if (this.model.moreIncidents) {
      alerts.push({
        key: 'incidents-capped',
        text: formatLabel(LABELS.incidentsCapped, formatNumber(this.model.incidents.length)),
        icon: 'utility:info'
      });
    }
    const budget = this.budget;
    if (budget?.burn.alert) {
      alerts.push({
        key: 'budget',
        text: formatLabel(
          LABELS.alertBudget,
          budget.contract.fields.Name,
          formatPercent(budget.burn.percentConsumed / 100)
        ),
        icon: 'utility:moneybag'
      });
    }
    return alerts;
  }

  alertText(alert, contractName) {
    const date = formatDay(alert.date);
    if (alert.kind === 'gap') {
      return formatLabel(LABELS.alertGap, alert.daysLeft, date);
    }
    if (alert.kind === 'coverage-end') {
      return formatLabel(LABELS.alertCoverageEnd, contractName, alert.daysLeft, date);
    }
    return formatLabel(LABELS.alertNotice, contractName, alert.daysLeft, date);
  }

  get hasAlerts() {
    return this.alerts.length > 0;
  }

  /**
   * The incident figures, from the engine: open incidents by priority, open ones past an SLA due time (SLA status
   * now), compliance over the last 90 days and the covering contract's budget. Computed once per data change and once
   * a minute (an account can have a thousand incidents), not at every render.
   */
  computeIncidentFigures() {
    if (!this.model) {
      this.incidentFigures = undefined;
      return;
    }
    const calendars = this.calendars ?? calendarsByName();
    const contracts = new Map(this.model.contracts.map((contract) => [contract.id, contract]));
    const now = new Date();
    const openByPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, 0]));
    let open = 0;
    let breached = 0;
    for (const incident of this.model.incidents) {
      if (!isOpen(incident)) {
        continue;
      }
      open += 1;
      const priority = incident.fields.Priority__c;
      if (priority in openByPriority) {
        openByPriority[priority] += 1;
      }
      const contract = contracts.get(incident.fields.Contract__c);
      const calendar = calendarOfContract(contract, calendars);
      const status =
        contract && calendar ? slaStatus({ incident: incident.model, contract: contract.model, calendar, now }) : null;
      if (status && (status.responseBreached || status.resolutionBreached)) {
        breached += 1;
      }
    }
    this.incidentFigures = new Snapshot({
      open,
      breached,
      openByPriority,
      compliance: slaCompliance({
        incidents: this.model.incidents.map((incident) => incident.model),
        contracts: this.contractModels,
        calendars: this.calendars,
        from: addDays(this.today, -COMPLIANCE_WINDOW_DAYS),
        to: this.today
      }),
      budget: this.burnBudget(now)
    });
  }

  get openByPriority() {
    return PRIORITIES.map((priority) => ({
      key: priority,
      label: priority,
      count: this.incidentFigures.openByPriority[priority]
    }));
  }

  get openCount() {
    return this.incidentFigures.open;
  }

  get breachedCount() {
    return this.incidentFigures.breached;
  }

  /** SLA compliance over the last 90 days and today, as maintenanceEngine.slaCompliance counts it. */
  get compliance() {
    const compliance = this.incidentFigures.compliance;
    if (compliance.total === 0) {
      return { value: '—', detail: LABELS.kpiComplianceNone };
    }
    return {
      value: formatPercent(compliance.percent / 100),
      detail: formatLabel(LABELS.kpiComplianceDetail, compliance.met, compliance.total)
    };
  }

  get budget() {
    return this.incidentFigures.budget;
  }

  /**
   * The budget of the contract covering the account now, as the engine burns it.
   * @param {Date} now
   * @returns {{ contract: object, burn: object }|undefined} undefined when no contract covers the account
   */
  burnBudget(now) {
    const covering = coveringContract({ contracts: this.contractModels, at: now });
    const contract = covering && this.model.contracts.find((entry) => entry.id === covering.id);
    if (!contract) {
      return undefined;
    }
    const incidents = this.model.incidents
      .filter((incident) => incident.fields.Contract__c === contract.id)
      .map((incident) => incident.model);
    return { contract, burn: budgetBurn({ contract: contract.model, incidents, today: this.today }) };
  }

  get budgetKpi() {
    const budget = this.budget;
    if (!budget) {
      return { value: '—', detail: LABELS.kpiBudgetNone, forecast: '' };
    }
    const { burn, contract } = budget;
    return {
      value: formatPercent(burn.percentConsumed / 100),
      detail: formatLabel(
        LABELS.kpiBudgetDetail,
        formatNumber(burn.consumedDays),
        formatNumber(contract.fields.Budget_Days__c)
      ),
      forecast: burn.forecastExhaustionDate
        ? formatLabel(LABELS.kpiBudgetForecast, formatDay(burn.forecastExhaustionDate))
        : '',
      className: burn.alert ? 'kpi-value slds-text-color_error' : 'kpi-value'
    };
  }

  get handoverKpi() {
    if (!this.readiness) {
      return { value: '—', detail: LABELS.kpiHandoverNone };
    }
    return { value: formatPercent(this.readiness.percent / 100), detail: this.readiness.name };
  }

  get breachedClass() {
    return this.breachedCount > 0 ? 'kpi-value slds-text-color_error' : 'kpi-value';
  }

  handleReadinessChange(event) {
    this.readiness = event.detail;
  }

  handleOpenLogger() {
    this.showLogger = true;
  }

  handleCloseLogger() {
    this.showLogger = false;
  }

  async handleIncidentLogged() {
    this.showLogger = false;
    const list = this.template.querySelector('c-incident-list');
    await Promise.all([this.refreshAccountData(), list ? list.refreshIncidents() : undefined]);
  }
}

function isoDay(epochMs) {
  return new Date(epochMs).toISOString().slice(0, 10);
}
