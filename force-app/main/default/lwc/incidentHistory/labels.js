import title from '@salesforce/label/c.Incident_History_Title';
import empty from '@salesforce/label/c.Incident_History_Empty';
import loadError from '@salesforce/label/c.Incident_History_Load_Error';
import created from '@salesforce/label/c.Incident_History_Created';
import columnDate from '@salesforce/label/c.Incident_History_Date';
import columnField from '@salesforce/label/c.Incident_History_Field';
import columnOld from '@salesforce/label/c.Incident_History_Old_Value';
import columnNew from '@salesforce/label/c.Incident_History_New_Value';
import columnUser from '@salesforce/label/c.Incident_History_User';
import close from '@salesforce/label/c.Incident_History_Close';
import capped from '@salesforce/label/c.Incident_History_Capped';

export default {
  title,
  empty,
  loadError,
  created,
  columnDate,
  columnField,
  columnOld,
  columnNew,
  columnUser,
  close,
  capped
};
