import overviewTitle from '@salesforce/label/c.Overview_Title';
import incidentsCapped from '@salesforce/label/c.Incident_List_Capped';
import overviewLoadError from '@salesforce/label/c.Overview_Load_Error';
import overviewCalendarError from '@salesforce/label/c.Overview_Calendar_Error';
import coverageNone from '@salesforce/label/c.Coverage_None';
import coverageCoveredUntil from '@salesforce/label/c.Coverage_Covered_Until';
import coverageCoveredHorizon from '@salesforce/label/c.Coverage_Covered_Horizon';
import coverageGap from '@salesforce/label/c.Coverage_Gap';
import coverageGapOpen from '@salesforce/label/c.Coverage_Gap_Open';
import coverageNotCovered from '@salesforce/label/c.Coverage_Not_Covered';
import coverageNotCoveredUntil from '@salesforce/label/c.Coverage_Not_Covered_Until';
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
import alertBudget from '@salesforce/label/c.Alert_Budget';
import kpiOpenIncidents from '@salesforce/label/c.Kpi_Open_Incidents';
import kpiBreached from '@salesforce/label/c.Kpi_Breached';
import kpiCompliance from '@salesforce/label/c.Kpi_Compliance';
import kpiComplianceNone from '@salesforce/label/c.Kpi_Compliance_None';
import kpiComplianceDetail from '@salesforce/label/c.Kpi_Compliance_Detail';
import kpiBudget from '@salesforce/label/c.Kpi_Budget';
import kpiBudgetDetail from '@salesforce/label/c.Kpi_Budget_Detail';
import kpiBudgetForecast from '@salesforce/label/c.Kpi_Budget_Forecast';
import kpiBudgetNone from '@salesforce/label/c.Kpi_Budget_None';
import kpiHandover from '@salesforce/label/c.Kpi_Handover';
import kpiHandoverNone from '@salesforce/label/c.Kpi_Handover_None';
import overviewLogIncident from '@salesforce/label/c.Overview_Log_Incident';
import slaBandRed from '@salesforce/label/c.Sla_Band_Red';

export default {
  incidentsCapped,
  overviewTitle,
  overviewLoadError,
  overviewCalendarError,
  coverageNone,
  coverageCoveredUntil,
  coverageCoveredHorizon,
  coverageGap,
  coverageGapOpen,
  coverageNotCovered,
  coverageNotCoveredUntil,
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
  alertBudget,
  kpiOpenIncidents,
  kpiBreached,
  kpiCompliance,
  kpiComplianceNone,
  kpiComplianceDetail,
  kpiBudget,
  kpiBudgetDetail,
  kpiBudgetForecast,
  kpiBudgetNone,
  kpiHandover,
  kpiHandoverNone,
  overviewLogIncident,
  slaBandRed
};
