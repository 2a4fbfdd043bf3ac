import actionColumn from '@salesforce/label/c.Cockpit_Action_Column';
import all from '@salesforce/label/c.Cockpit_All';
import breachedUnjudged from '@salesforce/label/c.Cockpit_Breached_Unjudged';
import budgetShortfall from '@salesforce/label/c.Cockpit_Budget_Shortfall';
import budgetValue from '@salesforce/label/c.Cockpit_Budget_Value';
import calendarError from '@salesforce/label/c.Cockpit_Calendar_Error';
import chipBreaches from '@salesforce/label/c.Cockpit_Chip_Breaches';
import chipBudgetShortfall from '@salesforce/label/c.Cockpit_Chip_Budget_Shortfall';
import chipGapAhead from '@salesforce/label/c.Cockpit_Chip_Gap_Ahead';
import chipInGap from '@salesforce/label/c.Cockpit_Chip_In_Gap';
import chipNoticeSoon from '@salesforce/label/c.Cockpit_Chip_Notice_Soon';
import chipOptionsClosing from '@salesforce/label/c.Cockpit_Chip_Options_Closing';
import colAccount from '@salesforce/label/c.Cockpit_Col_Account';
import colBreached from '@salesforce/label/c.Cockpit_Col_Breached';
import colBudget from '@salesforce/label/c.Cockpit_Col_Budget';
import colCompliance from '@salesforce/label/c.Cockpit_Col_Compliance';
import colCovered from '@salesforce/label/c.Cockpit_Col_Covered';
import colGap from '@salesforce/label/c.Cockpit_Col_Gap';
import colHandover from '@salesforce/label/c.Cockpit_Col_Handover';
import colNotice from '@salesforce/label/c.Cockpit_Col_Notice';
import colOptions from '@salesforce/label/c.Cockpit_Col_Options';
import colRank from '@salesforce/label/c.Cockpit_Col_Rank';
import colRisks from '@salesforce/label/c.Cockpit_Col_Risks';
import daysLeft from '@salesforce/label/c.Cockpit_Days_Left';
import empty from '@salesforce/label/c.Cockpit_Empty';
import error from '@salesforce/label/c.Cockpit_Error';
import filters from '@salesforce/label/c.Cockpit_Filters';
import handoverValue from '@salesforce/label/c.Cockpit_Handover_Value';
import inGapSince from '@salesforce/label/c.Cockpit_In_Gap_Since';
import loading from '@salesforce/label/c.Cockpit_Loading';
import no from '@salesforce/label/c.Cockpit_No';
import noMatch from '@salesforce/label/c.Cockpit_No_Match';
import openAccount from '@salesforce/label/c.Cockpit_Open_Account';
import optionValue from '@salesforce/label/c.Cockpit_Option_Value';
import refresh from '@salesforce/label/c.Cockpit_Refresh';
import riskBreaches from '@salesforce/label/c.Cockpit_Risk_Breaches';
import riskBudgetShortfall from '@salesforce/label/c.Cockpit_Risk_Budget_Shortfall';
import riskGapAhead from '@salesforce/label/c.Cockpit_Risk_Gap_Ahead';
import riskInGap from '@salesforce/label/c.Cockpit_Risk_In_Gap';
import riskNoticeSoon from '@salesforce/label/c.Cockpit_Risk_Notice_Soon';
import riskOptionsClosing from '@salesforce/label/c.Cockpit_Risk_Options_Closing';
import search from '@salesforce/label/c.Cockpit_Search';
import showMore from '@salesforce/label/c.Cockpit_Show_More';
import showing from '@salesforce/label/c.Cockpit_Showing';
import sortBy from '@salesforce/label/c.Cockpit_Sort_By';
import table from '@salesforce/label/c.Cockpit_Table';
import title from '@salesforce/label/c.Cockpit_Title';
import yes from '@salesforce/label/c.Cockpit_Yes';
import proposeAction from '@salesforce/label/c.Proposal_Propose';

export default {
  proposeAction,
  actionColumn,
  all,
  breachedUnjudged,
  budgetShortfall,
  budgetValue,
  calendarError,
  chipBreaches,
  chipBudgetShortfall,
  chipGapAhead,
  chipInGap,
  chipNoticeSoon,
  chipOptionsClosing,
  colAccount,
  colBreached,
  colBudget,
  colCompliance,
  colCovered,
  colGap,
  colHandover,
  colNotice,
  colOptions,
  colRank,
  colRisks,
  daysLeft,
  empty,
  error,
  filters,
  handoverValue,
  inGapSince,
  loading,
  no,
  noMatch,
  openAccount,
  optionValue,
  refresh,
  riskBreaches,
  riskBudgetShortfall,
  riskGapAhead,
  riskInGap,
  riskNoticeSoon,
  riskOptionsClosing,
  search,
  showMore,
  showing,
  sortBy,
  table,
  title,
  yes
};
