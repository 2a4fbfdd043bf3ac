import title from '@salesforce/label/c.Effort_Log_Title';
import days from '@salesforce/label/c.Effort_Log_Days';
import daysPositive from '@salesforce/label/c.Effort_Log_Days_Positive';
import workDate from '@salesforce/label/c.Effort_Log_Work_Date';
import kind from '@salesforce/label/c.Effort_Log_Kind';
import description from '@salesforce/label/c.Effort_Log_Description';
import billable from '@salesforce/label/c.Effort_Log_Billable';
import save from '@salesforce/label/c.Effort_Log_Save';
import cancel from '@salesforce/label/c.Effort_Log_Cancel';
import saveError from '@salesforce/label/c.Effort_Log_Error';
import noContract from '@salesforce/label/c.Effort_Log_No_Contract';

export default {
  title,
  days,
  daysPositive,
  workDate,
  kind,
  description,
  billable,
  save,
  cancel,
  saveError,
  noContract
};
