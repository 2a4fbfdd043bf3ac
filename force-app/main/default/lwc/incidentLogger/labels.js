import title from '@salesforce/label/c.Incident_Logger_Title';
import subject from '@salesforce/label/c.Incident_Logger_Subject';
import description from '@salesforce/label/c.Incident_Logger_Description';
import category from '@salesforce/label/c.Incident_Logger_Category';
import impact from '@salesforce/label/c.Incident_Logger_Impact';
import urgency from '@salesforce/label/c.Incident_Logger_Urgency';
import priority from '@salesforce/label/c.Incident_Logger_Priority';
import priorityFromMatrix from '@salesforce/label/c.Incident_Logger_Priority_From_Matrix';
import override from '@salesforce/label/c.Incident_Logger_Override';
import coveredBy from '@salesforce/label/c.Incident_Logger_Covered_By';
import outOfCoverage from '@salesforce/label/c.Incident_Logger_Out_Of_Coverage';
import responseDue from '@salesforce/label/c.Incident_Logger_Response_Due';
import resolutionDue from '@salesforce/label/c.Incident_Logger_Resolution_Due';
import dueTimes from '@salesforce/label/c.Incident_Logger_Due_Times';
import save from '@salesforce/label/c.Incident_Logger_Save';
import cancel from '@salesforce/label/c.Incident_Logger_Cancel';
import success from '@salesforce/label/c.Incident_Logger_Success';
import saveError from '@salesforce/label/c.Incident_Logger_Save_Error';
import loadError from '@salesforce/label/c.Incident_Logger_Load_Error';
import calendarError from '@salesforce/label/c.Overview_Calendar_Error';
import noDueTimes from '@salesforce/label/c.Incident_Logger_No_Due_Times';
import calendarMissing from '@salesforce/label/c.Incident_Logger_Calendar_Missing';

import holidays from '@salesforce/label/c.Alert_Holidays';
import holidaysNone from '@salesforce/label/c.Alert_Holidays_None';

export default {
  holidays,
  holidaysNone,
  title,
  subject,
  description,
  category,
  impact,
  urgency,
  priority,
  priorityFromMatrix,
  override,
  coveredBy,
  outOfCoverage,
  responseDue,
  resolutionDue,
  dueTimes,
  save,
  cancel,
  success,
  saveError,
  loadError,
  calendarError,
  noDueTimes,
  calendarMissing
};
