import title from '@salesforce/label/c.Incident_List_Title';
import loadError from '@salesforce/label/c.Incident_List_Load_Error';
import empty from '@salesforce/label/c.Incident_List_Empty';
import emptyFiltered from '@salesforce/label/c.Incident_List_Empty_Filtered';
import count from '@salesforce/label/c.Incident_List_Count';
import showMore from '@salesforce/label/c.Incident_List_Show_More';
import capped from '@salesforce/label/c.Incident_List_Capped';
import filterOpen from '@salesforce/label/c.Incident_Filter_Open';
import filterBreached from '@salesforce/label/c.Incident_Filter_Breached';
import filterPriority from '@salesforce/label/c.Incident_Filter_Priority';
import allPriorities from '@salesforce/label/c.Incident_Filter_All_Priorities';
import columnNumber from '@salesforce/label/c.Incident_Column_Number';
import columnSubject from '@salesforce/label/c.Incident_Column_Subject';
import columnPriority from '@salesforce/label/c.Incident_Column_Priority';
import columnStatus from '@salesforce/label/c.Incident_Column_Status';
import columnSla from '@salesforce/label/c.Incident_Column_Sla';
import columnRemaining from '@salesforce/label/c.Incident_Column_Remaining';
import columnResponseDue from '@salesforce/label/c.Incident_Column_Response_Due';
import columnResolutionDue from '@salesforce/label/c.Incident_Column_Resolution_Due';
import columnActions from '@salesforce/label/c.Incident_Column_Actions';
import rowActions from '@salesforce/label/c.Incident_Row_Actions';
import actionAcknowledge from '@salesforce/label/c.Incident_Action_Acknowledge';
import actionStart from '@salesforce/label/c.Incident_Action_Start';
import actionWait from '@salesforce/label/c.Incident_Action_Wait';
import actionResume from '@salesforce/label/c.Incident_Action_Resume';
import actionResolve from '@salesforce/label/c.Incident_Action_Resolve';
import actionClose from '@salesforce/label/c.Incident_Action_Close';
import actionCancel from '@salesforce/label/c.Incident_Action_Cancel';
import actionReprioritize from '@salesforce/label/c.Incident_Action_Reprioritize';
import openRecord from '@salesforce/label/c.Incident_Open_Record';
import actionHistory from '@salesforce/label/c.Incident_Action_History';
import actionWaitRefused from '@salesforce/label/c.Incident_Action_Wait_Refused';
import actionWaitRefusedOther from '@salesforce/label/c.Incident_Action_Wait_Refused_Other';
import actionSuccess from '@salesforce/label/c.Incident_Action_Success';
import actionError from '@salesforce/label/c.Incident_Action_Error';
import noCalendar from '@salesforce/label/c.Incident_No_Calendar';
import calendarError from '@salesforce/label/c.Overview_Calendar_Error';
import bandGreen from '@salesforce/label/c.Sla_Band_Green';
import bandYellow from '@salesforce/label/c.Sla_Band_Yellow';
import bandOrange from '@salesforce/label/c.Sla_Band_Orange';
import bandRed from '@salesforce/label/c.Sla_Band_Red';
import bandGrey from '@salesforce/label/c.Sla_Band_Grey';
import bandNone from '@salesforce/label/c.Sla_Band_None';

import stateOnTrack from '@salesforce/label/c.Sla_State_On_Track';
import statePaused from '@salesforce/label/c.Sla_State_Paused';
import stateResponseBreached from '@salesforce/label/c.Sla_State_Response_Breached';
import stateBreached from '@salesforce/label/c.Sla_State_Breached';
import stateBreachedPaused from '@salesforce/label/c.Sla_State_Breached_Paused';
import stateMet from '@salesforce/label/c.Sla_State_Met';
import stateCancelled from '@salesforce/label/c.Sla_State_Cancelled';
import stateNoSla from '@salesforce/label/c.Sla_State_No_Sla';
import clockBusiness from '@salesforce/label/c.Sla_Clock_Business';
import clockElapsed from '@salesforce/label/c.Sla_Clock_Elapsed';
import overdue from '@salesforce/label/c.Duration_Overdue';
import complianceGtr from '@salesforce/label/c.Kpi_Compliance_Gtr';
import complianceGti from '@salesforce/label/c.Kpi_Compliance_Gti';
import complianceGtrNone from '@salesforce/label/c.Kpi_Compliance_Gtr_None';
import complianceGtiNone from '@salesforce/label/c.Kpi_Compliance_Gti_None';
import actionLogEffort from '@salesforce/label/c.Effort_Log_Action';
import effortLogged from '@salesforce/label/c.Effort_Log_Logged';
export default {
  complianceGtr,
  complianceGti,
  complianceGtrNone,
  complianceGtiNone,
  stateOnTrack,
  statePaused,
  stateResponseBreached,
  stateBreached,
  stateBreachedPaused,
  stateMet,
  stateCancelled,
  stateNoSla,
  clockBusiness,
  clockElapsed,
  overdue,
  actionLogEffort,
  effortLogged,
  title,
  loadError,
  empty,
  emptyFiltered,
  count,
  showMore,
  capped,
  filterOpen,
  filterBreached,
  filterPriority,
  allPriorities,
  columnNumber,
  columnSubject,
  columnPriority,
  columnStatus,
  columnSla,
  columnRemaining,
  columnResponseDue,
  columnResolutionDue,
  columnActions,
  rowActions,
  actionAcknowledge,
  actionStart,
  actionWait,
  actionResume,
  actionResolve,
  actionClose,
  actionCancel,
  actionReprioritize,
  openRecord,
  actionHistory,
  actionWaitRefused,
  actionWaitRefusedOther,
  actionSuccess,
  actionError,
  noCalendar,
  calendarError,
  bandGreen,
  bandYellow,
  bandOrange,
  bandRed,
  bandGrey,
  bandNone
};
