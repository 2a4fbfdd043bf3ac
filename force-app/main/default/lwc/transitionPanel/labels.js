import title from '@salesforce/label/c.Transition_Title';
import empty from '@salesforce/label/c.Transition_None';
import unplanned from '@salesforce/label/c.Transition_Unplanned';
import loadError from '@salesforce/label/c.Transition_Load_Error';
import optionsMissing from '@salesforce/label/c.Transition_Options_Missing';
import countdown from '@salesforce/label/c.Transition_Countdown';
import countdownPassed from '@salesforce/label/c.Transition_Countdown_Passed';
import countdownCovered from '@salesforce/label/c.Transition_Countdown_Covered';
import openHeading from '@salesforce/label/c.Transition_Open_Heading';
import lostHeading from '@salesforce/label/c.Transition_Lost_Heading';
import optionCloses from '@salesforce/label/c.Transition_Option_Closes';
import optionNoDeadline from '@salesforce/label/c.Transition_Option_No_Deadline';
import optionLost from '@salesforce/label/c.Transition_Option_Lost';
import allLost from '@salesforce/label/c.Transition_All_Lost';
import option from '@salesforce/label/c.Transition_Option';
import rationale from '@salesforce/label/c.Transition_Rationale';
import decide from '@salesforce/label/c.Transition_Decide';
import decided from '@salesforce/label/c.Transition_Decided';
import successor from '@salesforce/label/c.Transition_Successor';
import decisionSaved from '@salesforce/label/c.Transition_Decision_Saved';
import decisionError from '@salesforce/label/c.Transition_Decision_Error';

export default {
  title,
  empty,
  unplanned,
  loadError,
  optionsMissing,
  countdown,
  countdownPassed,
  countdownCovered,
  openHeading,
  lostHeading,
  optionCloses,
  optionNoDeadline,
  optionLost,
  allLost,
  option,
  rationale,
  decide,
  decided,
  successor,
  decisionSaved,
  decisionError
};
