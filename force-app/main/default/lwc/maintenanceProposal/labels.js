import propose from '@salesforce/label/c.Proposal_Propose';
import open from '@salesforce/label/c.Proposal_Open';
import title from '@salesforce/label/c.Proposal_Title';
import summary from '@salesforce/label/c.Proposal_Summary';
import noFee from '@salesforce/label/c.Proposal_No_Fee';
import create from '@salesforce/label/c.Proposal_Create';
import cancel from '@salesforce/label/c.Proposal_Cancel';
import created from '@salesforce/label/c.Proposal_Created';
import error from '@salesforce/label/c.Proposal_Error';
import name from '@salesforce/label/c.Proposal_Name';

export default { propose, open, title, summary, noFee, create, cancel, created, error, name };
