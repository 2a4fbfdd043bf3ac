import {
  addDays,
  atRiskIncidents,
  budgetBurn,
  COMPLIANCE_WINDOW_DAYS,
  contractCoverPeriods,
  COVERAGE_HORIZON_DAYS,
  COVERING_STATUSES,
  coverageSummary,
  coverageTimeline,
  coveringContract,
  daysBetween,
  effortOutOfCoverage,
  formatSlaDuration,
  holidayHorizon,
  maintenanceProposal,
  monthlySpend,
  noticeStatus,
  openProposal,
  PRIORITIES,
  SLA_AT_RISK_MINUTES,
  slaComplianceByClock,
  slaStatus,
  TIME_AND_MATERIALS,
  transitionPlan
} from 'c/maintenanceEngine';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import { CONTRACT_FIELDS, displayValueOf } from 'c/maintenanceRecords';
import {
  Snapshot,
  calendarsByName,
  calendarOfContract,
  isOpen,
  slaTemplates,
  transitionOptions
} from 'c/maintenanceModel';
import {
  SLA_LOCALE,
  formatCurrency,
  formatDay,
  formatInstant,
  formatLabel,
  formatMonth,
  formatNumber,
  formatPercent,
  userToday
} from 'c/maintenanceFormat';
import { coverageBanner } from 'c/coverageText';
import LABELS from './labels';

const MONTHS_BACK = 6;
const MONTHS_AHEAD = 12;
const DAY_MS = 86400000;
const BANNER_THEMES = {
  info: { theme: 'slds-theme_info', icon: 'utility:info' },
  success: { theme: 'slds-theme_success', icon: 'utility:success' },
  warning: { theme: 'slds-theme_warning', icon: 'utility:warning' },
  error: { theme: 'slds-theme_error', icon: 'utility:error' }
};

/**
 * The Maintenance tab of an Account: is the customer covered today and over the coverage horizon (banner), a
 * timeline of contracts (tacit renewals dashed, amendments marked), warranties and gaps over the past 6 and next 12
 * months with notice deadlines, the engine's alerts, KPIs (open incidents by priority, breached, SLA compliance over
 * 90 days, budget consumed with forecast exhaustion date, handover readiness), the transition panel, the budget
 * panel, and the incident logger, incident list and handover checklist.
 *
 * Every figure comes from maintenanceEngine; this component only lays them out. Data: the account batch (contracts,
 * incidents, checklists, transitions, amendments, effort entries) and the configuration through
 * c/maintenanceAccountData (one request each, shared with the children through the LDS cache). The logger loads only
 * when the user opens it, so that the tab itself stays at three requests.
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

  get amendmentModels() {
    return this.model.amendments.map((amendment) => amendment.model);
  }

  get transitionModels() {
    return this.model.transitions.map((transition) => transition.model);
  }

  /** What covers the account, as every coverage rule of the engine takes it. */
  get coverageSources() {
    return {
      contracts: this.contractModels,
      amendments: this.amendmentModels,
      checklists: this.checklistModels,
      transitions: this.transitionModels
    };
  }

  /** Coverage from today over the coverage horizon: the alerts. */
  get coverage() {
    return coverageTimeline({ ...this.coverageSources, today: this.today, horizonDays: COVERAGE_HORIZON_DAYS });
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
    return coverageTimeline({ ...this.coverageSources, today: this.window.start, horizonDays: this.window.days - 1 });
  }

  /** What covers the account today and over the horizon (maintenanceEngine.coverageSummary). */
  get coverageSummary() {
    return coverageSummary({ ...this.coverageSources, today: this.today });
  }

  /** The banner: maintenanceEngine.coverageSummary in words (c/coverageText), as on the account list. */
  get banner() {
    const { severity, text } = coverageBanner(this.coverageSummary, COVERAGE_HORIZON_DAYS);
    return { text, ...BANNER_THEMES[severity] };
  }

  /**
   * Propose maintenance: the account's open maintenance proposal, else what would be proposed for its gap (nothing
   * without a gap within the horizon), from the engine. Hidden when the account's opportunities cannot be read.
   */
  get openProposal() {
    return openProposal(this.model.proposals.map((proposal) => proposal.model));
  }

  get proposal() {
    return maintenanceProposal({
      accountId: this.recordId,
      gapStart: this.coverageSummary.gapStart,
      contracts: this.contractModels,
      transitions: this.transitionModels,
      options: transitionOptions(this.config),
      templates: slaTemplates(this.config),
      today: this.today
    });
  }

  get showProposal() {
    return !this.model.proposalsError && (Boolean(this.openProposal) || Boolean(this.proposal));
  }

  async handleProposalCreated() {
    await this.refreshAccountData();
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

  marker(day, className, text, key) {
    return { key, className, style: `left:${this.position(day)}%`, text };
  }

  get todayStyle() {
    return `left:${this.position(this.today)}%`;
  }

  get timelineRows() {
    const { start, end } = this.window;
    const inWindow = (from, to) => from && to && from <= end && to >= start;
    const segmentLabels = { gap: LABELS.timelineGap, covered: LABELS.timelineCovered };
    const coverageRow = {
      key: 'coverage',
      label: LABELS.timelineCoverageRow,
      bars: (this.windowCoverage.segments ?? []).map((segment, index) =>
        this.bar(
          segment.start,
          segment.end,
          `timeline-bar_${segment.kind}`,
          formatLabel(
            segmentLabels[segment.kind] ?? LABELS.timelinePreCoverage,
            formatDay(segment.start),
            formatDay(segment.end)
          ),
          `coverage-${index}`
        )
      ),
      markers: []
    };
    const contractRows = this.model.contracts
      .map((contract) => ({ contract, bars: this.contractBars(contract), markers: this.contractMarkers(contract) }))
      .filter((row) => row.bars.length > 0 || row.markers.length > 0)
      .map(({ contract, bars, markers }) => ({ key: contract.id, label: contract.fields.Name, bars, markers }));
    const checklistIds = new Set(this.model.checklists.map((checklist) => checklist.id));
    const goLives = [
      ...this.model.checklists.map((checklist) => ({
        id: checklist.id,
        name: checklist.fields.Project_Name__c ?? checklist.fields.Name,
        goLive: checklist.fields.Go_Live_Date__c,
        warrantyEnd: checklist.fields.Warranty_End_Date__c
      })),
      ...this.model.transitions
        .filter((transition) => !checklistIds.has(transition.fields.Handover_Checklist__c))
        .map((transition) => ({
          id: transition.id,
          name: transition.fields.Name,
          goLive: transition.fields.Go_Live_Date__c,
          warrantyEnd: transition.fields.Warranty_End_Date__c
        }))
    ];
    const warrantyRows = goLives
      .filter(({ goLive, warrantyEnd }) => inWindow(goLive, warrantyEnd ?? goLive))
      .map(({ id, name, goLive, warrantyEnd }) => ({
        key: id,
        label: name,
        bars: warrantyEnd
          ? [
              this.bar(
                goLive,
                warrantyEnd,
                'timeline-bar_warranty',
                formatLabel(LABELS.timelineWarranty, name, formatDay(goLive), formatDay(warrantyEnd)),
                `${id}-bar`
              )
            ]
          : [],
        markers: [
          this.marker(goLive, 'timeline-golive', formatLabel(LABELS.timelineGoLive, formatDay(goLive)), `${id}-go`)
        ]
      }));
    return [coverageRow, ...contractRows, ...warrantyRows];
  }

  /**
   * A contract's bars in the window: the periods it covers (contractCoverPeriods: its term as amended, then its tacit
   * renewals, drawn dashed), or, for a contract that covers nothing (Draft, Suspended, Terminated), its dates in grey.
   */
  contractBars(contract) {
    const { start, end } = this.window;
    const fields = contract.fields;
    const status = String(fields.Status__c);
    const statusLabel = displayValueOf(contract.record, CONTRACT_FIELDS.STATUS);
    const covers = COVERING_STATUSES.includes(status) || status === 'Expired';
    const periods = covers
      ? contractCoverPeriods({ contract: contract.model, amendments: this.amendmentModels, until: end })
      : [{ start: fields.Start_Date__c, end: fields.End_Date__c, renewal: 0 }];
    return periods
      .filter((period) => period.start <= end && period.end >= start)
      .map((period, index) => {
        const renewal = period.renewal > 0;
        const className = renewal
          ? 'timeline-bar_contract timeline-bar_renewal'
          : `timeline-bar_contract timeline-bar_${status.toLowerCase()}`;
        let text;
        if (renewal) {
          text = formatLabel(
            LABELS.timelineRenewal,
            fields.Name,
            period.renewal,
            formatDay(period.start),
            formatDay(period.end)
          );
        } else if (status === 'Draft') {
          text = formatLabel(LABELS.timelineDraft, fields.Name, formatDay(period.start), formatDay(period.end));
        } else {
          text = formatLabel(
            LABELS.timelineContract,
            fields.Name,
            statusLabel,
            formatDay(period.start),
            formatDay(period.end)
          );
        }
        return this.bar(period.start, period.end, className, text, `${contract.id}-bar-${index}`);
      });
  }

  /** A contract's markers in the window: the notice deadline of the term in force, and its amendments. */
  contractMarkers(contract) {
    const { start, end } = this.window;
    const within = (day) => day && day >= start && day <= end;
    const markers = [];
    if (COVERING_STATUSES.includes(contract.fields.Status__c)) {
      const notice = noticeStatus({ contract: contract.model, amendments: this.amendmentModels, today: this.today });
      if (within(notice.deadline)) {
        markers.push(
          this.marker(
            notice.deadline,
            'timeline-notice',
            formatLabel(LABELS.timelineNotice, formatDay(notice.deadline)),
            `${contract.id}-notice`
          )
        );
      }
    }
    for (const amendment of this.model.amendments) {
      if (amendment.fields.Contract__c !== contract.id || !within(amendment.fields.Effective_Date__c)) continue;
      markers.push(
        this.marker(
          amendment.fields.Effective_Date__c,
          'timeline-amendment',
          formatLabel(
            LABELS.timelineAmendment,
            amendment.fields.Name,
            displayValueOf(amendment.record, { objectApiName: 'Contract_Amendment__c', fieldApiName: 'Reason__c' }),
            formatDay(amendment.fields.Effective_Date__c)
          ),
          `${amendment.id}-amendment`
        )
      );
    }
    return markers;
  }

  /** What an alert's source is called: a contract's name, or the project of a warranty (checklist or transition). */
  get sourceNames() {
    return new Map([
      ...this.model.contracts.map((contract) => [contract.id, contract.fields.Name]),
      ...this.model.checklists.map((checklist) => [
        checklist.id,
        checklist.fields.Project_Name__c ?? checklist.fields.Name
      ]),
      ...this.model.transitions.map((transition) => [transition.id, transition.fields.Name])
    ]);
  }

  /**
   * The alerts: the engine's coverage alerts (notice deadlines coming or passed, ends of cover, gaps), transition
   * options about to close, the covering contract's budget (threshold, shortfall), time-and-materials spend, effort
   * worked out of coverage, open handover reservations, and a notice when the account has more incidents than one
   * page loads (the KPIs then count the most recent ones only).
   */
  get alerts() {
    const names = this.sourceNames;
    const contractIds = new Set(this.model.contracts.map((contract) => contract.id));
    const alerts = (this.coverage.alerts ?? []).map((alert, index) => ({
      key: `${alert.kind}-${alert.sourceId ?? ''}-${index}`,
      text: this.alertText(alert, names.get(alert.sourceId) ?? '', contractIds.has(alert.sourceId)),
      icon: alert.kind === 'gap' ? 'utility:warning' : 'utility:clock'
    }));
    alerts.push(
      ...this.atRiskAlerts(),
      ...this.holidayAlerts(),
      ...this.transitionAlerts(),
      ...this.costAlerts(),
      ...this.reservationAlerts()
    );
    if (this.model.moreIncidents) {
      alerts.push({
        key: 'incidents-capped',
        text: formatLabel(LABELS.incidentsCapped, formatNumber(this.model.incidents.length)),
        icon: 'utility:info'
      });
    }
    return alerts;
  }

  alertText(alert, name, isContract) {
    const date = formatDay(alert.date);
    switch (alert.kind) {
      case 'gap': {
        // A gap open before today does not "start in 0 days": say since when the account has been without cover.
        const since = this.coverageSummary.inGapSince;
        if (alert.daysLeft === 0 && since && since < alert.date) {
          return formatLabel(LABELS.alertGapSince, formatDay(since), daysBetween(since, alert.date));
        }
        return formatLabel(LABELS.alertGap, alert.daysLeft, date);
      }
      case 'coverage-end':
        return formatLabel(isContract ? LABELS.alertCoverageEnd : LABELS.alertWarrantyEnd, name, alert.daysLeft, date);
      case 'notice-passed':
        return alert.renewsUntil
          ? formatLabel(LABELS.alertNoticePassedRenews, name, date, formatDay(alert.renewsUntil))
          : formatLabel(LABELS.alertNoticePassedEnds, name, date, formatDay(alert.endsOn));
      default:
        return formatLabel(LABELS.alertNotice, name, alert.daysLeft, date);
    }
  }

  /**
   * The open incidents that will breach a target within the next SLA_AT_RISK_MINUTES of their clock (the engine's
   * atRiskIncidents, computed with the figures), soonest first: what to work on before it breaks.
   */
  atRiskAlerts() {
    const names = new Map(this.model.incidents.map((incident) => [incident.id, incident.fields.Name]));
    return (this.incidentFigures?.atRisk ?? []).map((risk) => ({
      key: `at-risk-${risk.incident.id}-${risk.clock}`,
      text: formatLabel(
        LABELS.alertAtRisk,
        names.get(risk.incident.id) ?? risk.incident.name ?? '',
        risk.clock === 'response' ? LABELS.clockGti : LABELS.clockGtr,
        risk.timeLeft,
        formatInstant(risk.due)
      ),
      icon: 'utility:clock'
    }));
  }

  /**
   * Calendars of the contracts in force whose public holidays run out within 90 days (the engine's holidayHorizon):
   * due times beyond their last holiday would silently count holidays as working days.
   */
  holidayAlerts() {
    const calendars = this.calendars ?? {};
    const seen = new Set();
    const alerts = [];
    for (const contract of this.model.contracts) {
      const name = contract.fields.Calendar__c;
      if (!COVERING_STATUSES.includes(contract.fields.Status__c) || !name || seen.has(name)) continue;
      seen.add(name);
      const calendar = calendarOfContract(contract, calendars);
      const horizon = calendar ? holidayHorizon({ calendar, today: this.today }) : null;
      if (horizon) {
        alerts.push({
          key: `holidays-${name}`,
          text: horizon.lastHoliday
            ? formatLabel(LABELS.alertHolidays, name, formatDay(horizon.lastHoliday))
            : formatLabel(LABELS.alertHolidaysNone, name),
          icon: 'utility:event'
        });
      }
    }
    return alerts;
  }

  /** For each undecided transition: the next long option about to close ("a tender is still possible for..."). */
  transitionAlerts() {
    const options = transitionOptions(this.config);
    if (options.length === 0) return [];
    return this.model.transitions.flatMap((transition) => {
      const plan = transitionPlan({
        transition: transition.model,
        options,
        contracts: this.contractModels,
        amendments: this.amendmentModels,
        checklists: this.checklistModels,
        today: this.today
      });
      if (!plan.alert) return [];
      const { option, last } = plan.alert;
      return [
        {
          key: `transition-${transition.id}`,
          text: formatLabel(
            last ? LABELS.alertTransitionLast : LABELS.alertTransition,
            transition.fields.Name,
            option.label,
            option.daysLeft,
            formatDay(option.closesOn)
          ),
          icon: 'utility:rules'
        }
      ];
    });
  }

  /**
   * Budgets (threshold, exhausted, shortfall) of the contracts in force, spend of time and materials, and work done
   * on days nothing covered.
   */
  costAlerts() {
    const alerts = [];
    for (const contract of this.model.contracts) {
      if (!COVERING_STATUSES.includes(contract.fields.Status__c)) continue;
      if (contract.fields.Contract_Type__c !== TIME_AND_MATERIALS) {
        alerts.push(...this.budgetAlerts(contract));
        continue;
      }
      const spend = monthlySpend({ contract: contract.model, entries: this.entriesOf(contract.id), today: this.today });
      const month = spend.months.find((candidate) => candidate.month === spend.alertMonth);
      if (month) {
        alerts.push({
          key: `spend-${contract.id}`,
          text: formatLabel(
            LABELS.alertSpend,
            contract.fields.Name,
            formatMonth(`${month.month}-01`),
            formatCurrency(month.amount),
            formatCurrency(spend.alertAmount)
          ),
          icon: 'utility:moneybag'
        });
      }
    }
    const outside = effortOutOfCoverage({
      ...this.coverageSources,
      entries: this.model.effort.map((entry) => entry.model)
    });
    if (outside.days > 0) {
      alerts.push({
        key: 'effort-out-of-coverage',
        text:
          outside.unpricedDays > 0
            ? formatLabel(LABELS.alertEffortUnpriced, formatNumber(outside.days))
            : formatLabel(LABELS.alertEffort, formatNumber(outside.days), formatCurrency(outside.amount)),
        icon: 'utility:warning'
      });
    }
    return alerts;
  }

  budgetAlerts(contract) {
    const burn = budgetBurn({
      contract: contract.model,
      amendments: this.amendmentModels,
      // Consumed days from the Consumed_Effort_Days__c roll-up: exact however many entries the page holds.
      today: this.today
    });
    const alerts = [];
    if (burn.alert) {
      alerts.push({
        key: `budget-${contract.id}`,
        text: formatLabel(LABELS.alertBudget, contract.fields.Name, formatPercent(burn.percentConsumed / 100)),
        icon: 'utility:moneybag'
      });
    }
    if (burn.shortfall) {
      alerts.push({
        key: `budget-shortfall-${contract.id}`,
        text: formatLabel(
          LABELS.alertBudgetShortfall,
          contract.fields.Name,
          formatDay(burn.forecastExhaustionDate),
          burn.shortfallDays,
          formatDay(burn.contractEndDate),
          formatNumber(burn.sustainableMonthlyBurnDays)
        ),
        icon: 'utility:moneybag'
      });
    }
    return alerts;
  }

  /** Reservations accepted at a sign-off stay on the tab until they are closed. */
  reservationAlerts() {
    return this.model.checklists
      .filter((checklist) => Number(checklist.fields.Reservations_Open__c) > 0)
      .map((checklist) => ({
        key: `reservations-${checklist.id}`,
        text: formatLabel(
          LABELS.alertReservations,
          checklist.fields.Project_Name__c ?? checklist.fields.Name,
          checklist.fields.Reservations_Open__c
        ),
        icon: 'utility:priority'
      }));
  }

  /** The effort entries logged under a contract, in engine shape. */
  entriesOf(contractId) {
    return this.model.effort.filter((entry) => entry.fields.Contract__c === contractId).map((entry) => entry.model);
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
    const incidents = this.model.incidents.map((incident) => incident.model);
    this.incidentFigures = new Snapshot({
      open,
      breached,
      openByPriority,
      compliance: slaComplianceByClock({
        incidents,
        contracts: this.contractModels,
        calendars: this.calendars,
        from: addDays(this.today, -COMPLIANCE_WINDOW_DAYS),
        to: this.today,
        now
      }),
      atRisk: this.atRisk(incidents, calendars, now),
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

  /**
   * The incidents at risk now, each with its time left in words (formatSlaDuration on its own clock).
   * @returns {Array<{ incident: object, clock: string, due: Date, minutesLeft: number, timeLeft: string }>}
   */
  atRisk(incidents, calendars, now) {
    const contracts = new Map(this.model.contracts.map((contract) => [contract.id, contract]));
    return atRiskIncidents({
      incidents,
      contracts: this.contractModels,
      calendars,
      now,
      withinMinutes: SLA_AT_RISK_MINUTES
    }).map((risk) => {
      const contract = contracts.get(risk.incident.contractId);
      const calendar = calendarOfContract(contract, calendars);
      // Whether that clock runs 24x7 is the engine's call (slaStatus), for the words of its time left.
      const { alwaysOn } = slaStatus({ incident: risk.incident, contract: contract.model, calendar, now });
      return {
        ...risk,
        timeLeft: formatSlaDuration(risk.minutesLeft, {
          alwaysOn,
          calendar: calendar ?? undefined,
          locale: SLA_LOCALE
        })
      };
    });
  }

  /**
   * SLA compliance per clock over the last 90 days (maintenanceEngine.slaComplianceByClock): met out of the incidents
   * resolved in the window plus those still open that breached in it, so that an open breach counts against the
   * figure the same day the incident list shows it. The value is the restore (GTR) clock's, the detail both clocks'.
   */
  get compliance() {
    const { response, resolution } = this.incidentFigures.compliance;
    return {
      value: resolution.counted > 0 ? formatPercent(resolution.percent / 100) : '—',
      gtr: this.clockCompliance(resolution, LABELS.kpiComplianceGtr, LABELS.kpiComplianceGtrNone),
      gti: this.clockCompliance(response, LABELS.kpiComplianceGti, LABELS.kpiComplianceGtiNone)
    };
  }

  clockCompliance(clock, label, none) {
    return clock.counted > 0 ? formatLabel(label, clock.met, clock.counted, formatPercent(clock.percent / 100)) : none;
  }

  get budget() {
    return this.incidentFigures.budget;
  }

  /**
   * The budget of the contract with a budget covering the account now (time and materials has none), as the engine
   * burns it: its effective terms today (amendments in force), its billable effort entries, the forecast against the
   * end of the term in force.
   * @param {Date} now
   * @returns {{ contract: object, burn: object|null }|undefined} burn null when only a contract without a budget in
   *   days (time and materials) covers the account now; undefined when no contract covers it
   */
  burnBudget(now) {
    const budgeted = this.contractModels.filter((contract) => contract.type !== TIME_AND_MATERIALS);
    const covering = coveringContract({ contracts: budgeted, amendments: this.amendmentModels, at: now });
    const contract = covering && this.model.contracts.find((entry) => entry.id === covering.id);
    if (!contract) {
      // Time and materials in force is a contract without a budget cap, not the absence of a contract.
      const uncapped = coveringContract({ contracts: this.contractModels, amendments: this.amendmentModels, at: now });
      const entry = uncapped && this.model.contracts.find((candidate) => candidate.id === uncapped.id);
      return entry ? { contract: entry, burn: null } : undefined;
    }
    return {
      contract,
      burn: budgetBurn({
        contract: contract.model,
        amendments: this.amendmentModels,
        // Consumed days from the Consumed_Effort_Days__c roll-up: exact however many entries the page holds.
        today: this.today
      })
    };
  }

  get budgetKpi() {
    const budget = this.budget;
    if (!budget) {
      return { value: '—', detail: LABELS.kpiBudgetNone, forecast: '', className: 'kpi-value' };
    }
    if (!budget.burn || budget.burn.budgetDays === null) {
      return {
        value: '—',
        detail: formatLabel(LABELS.kpiBudgetNoBudget, budget.contract.fields.Name),
        forecast: '',
        className: 'kpi-value'
      };
    }
    const { burn } = budget;
    return {
      value: formatPercent(burn.percentConsumed / 100),
      detail: formatLabel(LABELS.kpiBudgetDetail, formatNumber(burn.consumedDays), formatNumber(burn.budgetDays)),
      // Past the end of the term the budget does not run out: say it lasts, not a date years after the end.
      forecast: burn.shortfall
        ? formatLabel(LABELS.kpiBudgetForecast, formatDay(burn.forecastExhaustionDate))
        : burn.forecastExhaustionDate
          ? formatLabel(LABELS.kpiBudgetLasts, formatDay(burn.contractEndDate))
          : '',
      className: burn.alert || burn.shortfall ? 'kpi-value slds-text-color_error' : 'kpi-value'
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
