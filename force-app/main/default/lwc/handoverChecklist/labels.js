import title from '@salesforce/label/c.Handover_Title';
import loadError from '@salesforce/label/c.Handover_Load_Error';
import empty from '@salesforce/label/c.Handover_Empty';
import noItems from '@salesforce/label/c.Handover_No_Items';
import selectChecklist from '@salesforce/label/c.Handover_Select_Checklist';
import progress from '@salesforce/label/c.Handover_Progress';
import mandatory from '@salesforce/label/c.Handover_Mandatory';
import done from '@salesforce/label/c.Handover_Done';
import due from '@salesforce/label/c.Handover_Due';
import doneOn from '@salesforce/label/c.Handover_Done_On';
import evidence from '@salesforce/label/c.Handover_Evidence';
import addFromTemplate from '@salesforce/label/c.Handover_Add_From_Template';
import templateMissing from '@salesforce/label/c.Handover_Template_Missing';
import templateComplete from '@salesforce/label/c.Handover_Template_Complete';
import templateAdd from '@salesforce/label/c.Handover_Template_Add';
import templateAdded from '@salesforce/label/c.Handover_Template_Added';
import templateError from '@salesforce/label/c.Handover_Template_Error';
import signOff from '@salesforce/label/c.Handover_Sign_Off';
import signOffBlocked from '@salesforce/label/c.Handover_Sign_Off_Blocked';
import signedOff from '@salesforce/label/c.Handover_Signed_Off';
import signOffSuccess from '@salesforce/label/c.Handover_Sign_Off_Success';
import saveError from '@salesforce/label/c.Handover_Save_Error';
import phase from '@salesforce/label/c.Handover_Phase';
import goLive from '@salesforce/label/c.Handover_Go_Live';
import close from '@salesforce/label/c.Handover_Close';

import signOffWithReservations from '@salesforce/label/c.Handover_Sign_Off_Reservations';
import reservationsIntroLabel from '@salesforce/label/c.Handover_Reservations_Intro';
import reservationsDue from '@salesforce/label/c.Handover_Reservations_Due';
import reservationsHeading from '@salesforce/label/c.Handover_Reservations_Heading';
import reservationLine from '@salesforce/label/c.Handover_Reservation_Line';
import reservation from '@salesforce/label/c.Handover_Reservation';
import reservationsSignedOff from '@salesforce/label/c.Handover_Reservations_Signed_Off';
import newChecklist from '@salesforce/label/c.Handover_New';
import newProject from '@salesforce/label/c.Handover_New_Project';
import newGoLive from '@salesforce/label/c.Handover_New_Go_Live';
import newWarrantyEnd from '@salesforce/label/c.Handover_New_Warranty_End';
import newCreate from '@salesforce/label/c.Handover_New_Create';
import newChecklistPrefix from '@salesforce/label/c.Handover_New_Name_Prefix';
import checklistCreated from '@salesforce/label/c.Handover_New_Created';
import goLiveNoWarranty from '@salesforce/label/c.Handover_Go_Live_No_Warranty';
export default {
  goLiveNoWarranty,
  signOffWithReservations,
  reservationsIntroLabel,
  reservationsDue,
  reservationsHeading,
  reservationLine,
  reservation,
  reservationsSignedOff,
  newChecklist,
  newProject,
  newGoLive,
  newWarrantyEnd,
  newCreate,
  newChecklistPrefix,
  checklistCreated,
  title,
  loadError,
  empty,
  noItems,
  selectChecklist,
  progress,
  mandatory,
  done,
  due,
  doneOn,
  evidence,
  addFromTemplate,
  templateMissing,
  templateComplete,
  templateAdd,
  templateAdded,
  templateError,
  signOff,
  signOffBlocked,
  signedOff,
  signOffSuccess,
  saveError,
  phase,
  goLive,
  close
};
