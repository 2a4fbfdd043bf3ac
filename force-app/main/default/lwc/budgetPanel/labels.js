import title from '@salesforce/label/c.Budget_Title';
import empty from '@salesforce/label/c.Budget_None';
import loadError from '@salesforce/label/c.Budget_Load_Error';
import noBudget from '@salesforce/label/c.Budget_No_Budget';
import consumed from '@salesforce/label/c.Budget_Consumed';
import amended from '@salesforce/label/c.Budget_Amended';
import shortfall from '@salesforce/label/c.Budget_Shortfall';
import lasts from '@salesforce/label/c.Budget_Lasts';
import spendRate from '@salesforce/label/c.Budget_Spend_Rate';
import spendNoRate from '@salesforce/label/c.Budget_Spend_No_Rate';
import spendMonth from '@salesforce/label/c.Budget_Spend_Month';
import spendAlert from '@salesforce/label/c.Budget_Spend_Alert';
import outOfCoverage from '@salesforce/label/c.Alert_Effort_Out_Of_Coverage';
import outOfCoverageUnpriced from '@salesforce/label/c.Alert_Effort_Unpriced';
import effortCapped from '@salesforce/label/c.Budget_Effort_Capped';

export default {
  title,
  empty,
  loadError,
  noBudget,
  consumed,
  amended,
  shortfall,
  lasts,
  spendRate,
  spendNoRate,
  spendMonth,
  spendAlert,
  outOfCoverage,
  outOfCoverageUnpriced,
  effortCapped
};
