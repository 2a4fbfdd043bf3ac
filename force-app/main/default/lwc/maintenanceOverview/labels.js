import overviewTitle from '@salesforce/label/c.Overview_Title';
import incidentsCapped from '@salesforce/label/c.Incident_List_Capped';
import overviewLoadError from '@salesforce/label/c.Overview_Load_Error';
import overviewCalendarError from '@salesforce/label/c.Overview_Calendar_Error';
import timelineTitle from '@salesforce/label/c.Timeline_Title';
import timelineCoverageRow from '@salesforce/label/c.Timeline_Coverage_Row';
import timelineCovered from '@salesforce/label/c.Timeline_Covered';
import timelineGap from '@salesforce/label/c.Timeline_Gap';
import timelineContract from '@salesforce/label/c.Timeline_Contract';
import timelineWarranty from '@salesforce/label/c.Timeline_Warranty';
import timelineNotice from '@salesforce/label/c.Timeline_Notice';
import timelineToday from '@salesforce/label/c.Timeline_Today';
import alertsTitle from '@salesforce/label/c.Alerts_Title';
import alertNotice from '@salesforce/label/c.Alert_Notice';
import alertCoverageEnd from '@salesforce/label/c.Alert_Coverage_End';
import alertGap from '@salesforce/label/c.Alert_Gap';
import alertGapSince from '@salesforce/label/c.Alert_Gap_Since';
import alertBudget from '@salesforce/label/c.Alert_Budget';
import kpiOpenIncidents from '@salesforce/label/c.Kpi_Open_Incidents';
import kpiBreached from '@salesforce/label/c.Kpi_Breached';
import kpiCompliance from '@salesforce/label/c.Kpi_Compliance';
import kpiComplianceHelp from '@salesforce/label/c.Kpi_Compliance_Help';
import kpiComplianceGtr from '@salesforce/label/c.Kpi_Compliance_Gtr';
import kpiComplianceGti from '@salesforce/label/c.Kpi_Compliance_Gti';
import kpiComplianceGtrNone from '@salesforce/label/c.Kpi_Compliance_Gtr_None';
import kpiComplianceGtiNone from '@salesforce/label/c.Kpi_Compliance_Gti_None';
import alertAtRisk from '@salesforce/label/c.Alert_At_Risk';
import alertHolidays from '@salesforce/label/c.Alert_Holidays';
import alertHolidaysNone from '@salesforce/label/c.Alert_Holidays_None';
import clockGti from '@salesforce/label/c.Sla_Clock_Gti';
import clockGtr from '@salesforce/label/c.Sla_Clock_Gtr';
import kpiBudget from '@salesforce/label/c.Kpi_Budget';
import kpiBudgetDetail from '@salesforce/label/c.Kpi_Budget_Detail';
import kpiBudgetForecast from '@salesforce/label/c.Kpi_Budget_Forecast';
import kpiBudgetNone from '@salesforce/label/c.Kpi_Budget_None';
import kpiBudgetNoBudget from '@salesforce/label/c.Kpi_Budget_No_Budget';
import kpiBudgetLasts from '@salesforce/label/c.Kpi_Budget_Lasts';
import kpiHandover from '@salesforce/label/c.Kpi_Handover';
import kpiHandoverNone from '@salesforce/label/c.Kpi_Handover_None';
import overviewLogIncident from '@salesforce/label/c.Overview_Log_Incident';
import slaBandRed from '@salesforce/label/c.Sla_Band_Red';

import timelinePreCoverage from '@salesforce/label/c.Timeline_Pre_Coverage';
import timelineRenewal from '@salesforce/label/c.Timeline_Renewal';
import timelineDraft from '@salesforce/label/c.Timeline_Draft';
import timelineAmendment from '@salesforce/label/c.Timeline_Amendment';
import timelineGoLive from '@salesforce/label/c.Timeline_Go_Live';
import alertWarrantyEnd from '@salesforce/label/c.Alert_Warranty_End';
import alertNoticePassedRenews from '@salesforce/label/c.Alert_Notice_Passed_Renews';
import alertNoticePassedEnds from '@salesforce/label/c.Alert_Notice_Passed_Ends';
import alertTransition from '@salesforce/label/c.Alert_Transition';
import alertTransitionLast from '@salesforce/label/c.Alert_Transition_Last';
import alertBudgetShortfall from '@salesforce/label/c.Alert_Budget_Shortfall';
import alertSpend from '@salesforce/label/c.Alert_Spend';
import alertEffort from '@salesforce/label/c.Alert_Effort_Out_Of_Coverage';
import alertEffortUnpriced from '@salesforce/label/c.Alert_Effort_Unpriced';
import alertReservations from '@salesforce/label/c.Alert_Reservations';
import transitionTitle from '@salesforce/label/c.Transition_Title';
import budgetTitle from '@salesforce/label/c.Budget_Title';
export default {
  timelinePreCoverage,
  timelineRenewal,
  timelineDraft,
  timelineAmendment,
  timelineGoLive,
  alertWarrantyEnd,
  alertNoticePassedRenews,
  alertNoticePassedEnds,
  alertTransition,
  alertTransitionLast,
  alertBudgetShortfall,
  alertSpend,
  alertEffort,
  alertEffortUnpriced,
  alertReservations,
  transitionTitle,
  budgetTitle,
  incidentsCapped,
  overviewTitle,
  overviewLoadError,
  overviewCalendarError,
  timelineTitle,
  timelineCoverageRow,
  timelineCovered,
  timelineGap,
  timelineContract,
  timelineWarranty,
  timelineNotice,
  timelineToday,
  alertsTitle,
  alertNotice,
  alertCoverageEnd,
  alertGap,
  alertGapSince,
  alertBudget,
  kpiOpenIncidents,
  kpiBreached,
  kpiCompliance,
  kpiComplianceHelp,
  kpiComplianceGtr,
  kpiComplianceGti,
  kpiComplianceGtrNone,
  kpiComplianceGtiNone,
  alertAtRisk,
  alertHolidays,
  alertHolidaysNone,
  clockGti,
  clockGtr,
  kpiBudget,
  kpiBudgetDetail,
  kpiBudgetForecast,
  kpiBudgetNone,
  kpiBudgetNoBudget,
  kpiBudgetLasts,
  kpiHandover,
  kpiHandoverNone,
  overviewLogIncident,
  slaBandRed
};
