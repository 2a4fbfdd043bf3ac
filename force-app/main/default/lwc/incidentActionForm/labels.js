import reprioritizeTitle from '@salesforce/label/c.Incident_Reprioritize_Title';
import newPriority from '@salesforce/label/c.Incident_Reprioritize_New_Priority';
import waitTitle from '@salesforce/label/c.Incident_Wait_Title';
import waitReason from '@salesforce/label/c.Incident_Wait_Reason';
import waitHelp from '@salesforce/label/c.Incident_Wait_Help';
import loadError from '@salesforce/label/c.Incident_Form_Load_Error';
import save from '@salesforce/label/c.Incident_Form_Save';
import impact from '@salesforce/label/c.Incident_Logger_Impact';
import urgency from '@salesforce/label/c.Incident_Logger_Urgency';
import cancel from '@salesforce/label/c.Incident_Logger_Cancel';

export default {
  reprioritizeTitle,
  newPriority,
  waitTitle,
  waitReason,
  waitHelp,
  loadError,
  save,
  impact,
  urgency,
  cancel
};
