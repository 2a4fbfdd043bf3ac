/**
 * The standard objects the package and its clients touch, with the fields they read and write. Salesforce has many
 * more fields on each; these are the ones a describe-driven client (data import, the package's components, the sf
 * CLI's org commands) actually needs, with Salesforce's names, types, lengths and key prefixes.
 */
import { field, lookup, picklist, systemField, systemFields } from './fieldFactory.js';
import { FORECAST_CATEGORY_NAMES, OPPORTUNITY_STAGES } from './opportunity.js';
import type { FieldDef, ObjectDef } from './schema.js';

function standardObject(
  name: string,
  keyPrefix: string,
  labels: [string, string],
  fields: FieldDef[],
  options: Partial<ObjectDef> = {}
): ObjectDef {
  return {
    name,
    label: labels[0],
    labelPlural: labels[1],
    keyPrefix,
    custom: false,
    fields,
    validationRules: [],
    nameField: { label: `${labels[0]} Name`, type: 'Text' },
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    ...options
  };
}

function address(prefix: string, label: string): FieldDef[] {
  return [
    field(`${prefix}Street`, 'textarea', { label: `${label} Street`, length: 255 }),
    field(`${prefix}City`, 'string', { label: `${label} City`, length: 40 }),
    field(`${prefix}State`, 'string', { label: `${label} State/Province`, length: 80 }),
    field(`${prefix}PostalCode`, 'string', { label: `${label} Zip/Postal Code`, length: 20 }),
    field(`${prefix}Country`, 'string', { label: `${label} Country`, length: 80 })
  ];
}

const INDUSTRIES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other'
];

const account = standardObject(
  'Account',
  '001',
  ['Account', 'Accounts'],
  [
    ...systemFields({ owner: true, label: 'Account' }),
    field('Name', 'string', { label: 'Account Name', length: 255, required: true }),
    field('Type', 'picklist', {
      label: 'Account Type',
      length: 255,
      picklistValues: picklist([
        'Prospect',
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Installation Partner',
        'Technology Partner',
        'Other'
      ])
    }),
    lookup('ParentId', 'Account', 'Parent', { label: 'Parent Account ID', childRelationshipName: 'ChildAccounts' }),
    ...address('Billing', 'Billing'),
    ...address('Shipping', 'Shipping'),
    field('Phone', 'phone', { label: 'Account Phone', length: 40 }),
    field('Fax', 'phone', { label: 'Account Fax', length: 40 }),
    field('AccountNumber', 'string', { label: 'Account Number', length: 40 }),
    field('Website', 'url', { length: 255 }),
    field('Sic', 'string', { label: 'SIC Code', length: 20 }),
    field('Industry', 'picklist', { length: 255, picklistValues: picklist(INDUSTRIES) }),
    field('AnnualRevenue', 'currency', { label: 'Annual Revenue', precision: 18, scale: 0 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8, scale: 0 }),
    field('Ownership', 'picklist', {
      length: 255,
      picklistValues: picklist(['Public', 'Private', 'Subsidiary', 'Other'])
    }),
    field('TickerSymbol', 'string', { label: 'Ticker Symbol', length: 20 }),
    field('Description', 'textarea', { label: 'Account Description', length: 32000 }),
    field('Rating', 'picklist', {
      label: 'Account Rating',
      length: 255,
      picklistValues: picklist(['Hot', 'Warm', 'Cold'])
    }),
    field('Site', 'string', { label: 'Account Site', length: 80 })
  ]
);

const contact = standardObject(
  'Contact',
  '003',
  ['Contact', 'Contacts'],
  [
    ...systemFields({ owner: true, label: 'Contact' }),
    lookup('AccountId', 'Account', 'Account', {
      label: 'Account ID',
      childRelationshipName: 'Contacts',
      // Deleting an account deletes its contacts on Salesforce.
      deleteConstraint: 'Cascade'
    }),
    field('LastName', 'string', { label: 'Last Name', length: 80, required: true }),
    field('FirstName', 'string', { label: 'First Name', length: 40 }),
    field('Salutation', 'picklist', {
      length: 40,
      picklistValues: picklist(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'])
    }),
    systemField('Name', 'string', { label: 'Full Name', length: 121, calculated: true }),
    ...address('Mailing', 'Mailing'),
    field('Phone', 'phone', { label: 'Business Phone', length: 40 }),
    field('MobilePhone', 'phone', { label: 'Mobile Phone', length: 40 }),
    field('Email', 'email', { length: 80 }),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
    field('Birthdate', 'date'),
    field('LeadSource', 'picklist', {
      label: 'Lead Source',
      length: 255,
      picklistValues: picklist(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'])
    }),
    field('Description', 'textarea', { label: 'Contact Description', length: 32000 })
  ],
  { nameField: { label: 'Full Name', type: 'Text' } }
);

/**
 * Opportunities: the fields Salesforce gives every org (no products, price books, campaigns or fiscal periods). The
 * stage decides IsClosed and IsWon, and the default Probability and forecast category (see ./opportunity.ts); the
 * stage picklist carries those as UI API picklist attributes, as the platform's does.
 */
const opportunity = standardObject(
  'Opportunity',
  '006',
  ['Opportunity', 'Opportunities'],
  [
    ...systemFields({ owner: true, label: 'Opportunity' }),
    lookup('AccountId', 'Account', 'Account', { label: 'Account ID', childRelationshipName: 'Opportunities' }),
    field('IsPrivate', 'boolean', { label: 'Private', defaultValue: false }),
    field('Name', 'string', { length: 120, required: true }),
    field('Description', 'textarea', { length: 32000 }),
    field('StageName', 'picklist', {
      label: 'Stage',
      length: 255,
      required: true,
      restrictedPicklist: true,
      picklistValues: OPPORTUNITY_STAGES.map((stage) => ({
        value: stage.value,
        label: stage.value,
        default: false,
        active: true,
        attributes: {
          closed: stage.closed,
          defaultProbability: stage.defaultProbability,
          forecastCategoryName: stage.forecastCategoryName,
          won: stage.won
        }
      }))
    }),
    field('Amount', 'currency', { precision: 18, scale: 2 }),
    field('Probability', 'percent', { label: 'Probability (%)', precision: 3, scale: 0 }),
    systemField('ExpectedRevenue', 'currency', {
      label: 'Expected Amount',
      precision: 18,
      scale: 2,
      calculated: true,
      nillable: true
    }),
    field('CloseDate', 'date', { label: 'Close Date', required: true }),
    field('Type', 'picklist', {
      label: 'Opportunity Type',
      length: 255,
      picklistValues: picklist([
        'Existing Customer - Upgrade',
        'Existing Customer - Replacement',
        'Existing Customer - Downgrade',
        'New Customer'
      ])
    }),
    field('NextStep', 'string', { label: 'Next Step', length: 255 }),
    field('LeadSource', 'picklist', {
      label: 'Lead Source',
      length: 255,
      picklistValues: picklist(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'])
    }),
    systemField('IsClosed', 'boolean', { label: 'Closed', defaultValue: false, calculated: true }),
    systemField('IsWon', 'boolean', { label: 'Won', defaultValue: false, calculated: true }),
    field('ForecastCategoryName', 'picklist', {
      label: 'Forecast Category',
      length: 40,
      restrictedPicklist: true,
      picklistValues: picklist([...FORECAST_CATEGORY_NAMES])
    })
  ]
);

const TIME_ZONES = ['Europe/Paris', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'GMT', 'Asia/Tokyo'];
const LOCALES = ['fr_FR', 'en_US', 'en_GB', 'de_DE'];
const LANGUAGES = ['fr', 'en_US', 'de'];

const user = standardObject(
  'User',
  '005',
  ['User', 'Users'],
  [
    ...systemFields({ owner: false, label: 'User' }),
    field('Username', 'string', { length: 80, required: true, unique: true }),
    field('LastName', 'string', { label: 'Last Name', length: 80, required: true }),
    field('FirstName', 'string', { label: 'First Name', length: 40 }),
    systemField('Name', 'string', { label: 'Full Name', length: 121, calculated: true }),
    field('Alias', 'string', { length: 8, required: true }),
    field('CommunityNickname', 'string', { label: 'Nickname', length: 40 }),
    field('Email', 'email', { length: 128, required: true }),
    field('Title', 'string', { length: 80 }),
    field('CompanyName', 'string', { label: 'Company Name', length: 80 }),
    field('Department', 'string', { length: 80 }),
    field('IsActive', 'boolean', { label: 'Active', defaultValue: true, nillable: false }),
    lookup('ProfileId', 'Profile', 'Profile', { label: 'Profile ID', required: true, nillable: false }),
    lookup('ManagerId', 'User', 'Manager', { label: 'Manager ID', childRelationshipName: 'ManagedUsers' }),
    field('UserType', 'picklist', {
      label: 'User Type',
      length: 40,
      createable: false,
      updateable: false,
      defaultValue: 'Standard',
      picklistValues: picklist(['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], ['Standard'])
    }),
    field('TimeZoneSidKey', 'picklist', {
      label: 'Time Zone',
      length: 40,
      required: true,
      picklistValues: picklist(TIME_ZONES)
    }),
    field('LocaleSidKey', 'picklist', {
      label: 'Locale',
      length: 40,
      required: true,
      picklistValues: picklist(LOCALES)
    }),
    field('LanguageLocaleKey', 'picklist', {
      label: 'Language',
      length: 40,
      required: true,
      picklistValues: picklist(LANGUAGES)
    }),
    field('EmailEncodingKey', 'picklist', {
      label: 'Email Encoding',
      length: 40,
      required: true,
      picklistValues: picklist(['UTF-8', 'ISO-8859-1'])
    }),
    field('FederationIdentifier', 'string', { label: 'SAML Federation ID', length: 512 })
  ],
  { nameField: { label: 'Full Name', type: 'Text' }, deletable: false }
);

const profile = standardObject(
  'Profile',
  '00e',
  ['Profile', 'Profiles'],
  [
    ...systemFields({ owner: false, label: 'Profile' }),
    field('Name', 'string', { length: 255, required: true }),
    field('UserType', 'picklist', { label: 'User Type', length: 40, picklistValues: picklist(['Standard', 'Guest']) }),
    field('Description', 'string', { length: 255 })
  ],
  { createable: false, updateable: false, deletable: false }
);

const organization = standardObject(
  'Organization',
  '00D',
  ['Organization', 'Organizations'],
  [
    ...systemFields({ owner: false, label: 'Organization' }),
    field('Name', 'string', { length: 80, required: true }),
    field('Division', 'string', { length: 80 }),
    field('Country', 'string', { length: 80 }),
    field('OrganizationType', 'picklist', {
      label: 'Edition',
      length: 40,
      createable: false,
      updateable: false,
      picklistValues: picklist(['Developer Edition', 'Enterprise Edition', 'Unlimited Edition'])
    }),
    field('InstanceName', 'string', { label: 'Instance Name', length: 5, createable: false, updateable: false }),
    field('IsSandbox', 'boolean', { label: 'Is Sandbox', createable: false, updateable: false, nillable: false }),
    field('TrialExpirationDate', 'datetime', { label: 'Trial Expiration Date', createable: false, updateable: false }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15, createable: false, updateable: false }),
    field('DefaultLocaleSidKey', 'picklist', { label: 'Locale', length: 40, picklistValues: picklist(LOCALES) }),
    field('LanguageLocaleKey', 'picklist', { label: 'Language', length: 40, picklistValues: picklist(LANGUAGES) }),
    field('TimeZoneSidKey', 'picklist', { label: 'Time Zone', length: 40, picklistValues: picklist(TIME_ZONES) }),
    field('PrimaryContact', 'string', { label: 'Primary Contact', length: 80 })
  ],
  { createable: false, deletable: false }
);

const permissionSet = standardObject(
  'PermissionSet',
  '0PS',
  ['Permission Set', 'Permission Sets'],
  [
    ...systemFields({ owner: false, label: 'Permission Set' }),
    field('Name', 'string', { label: 'Name', length: 80, required: true }),
    field('Label', 'string', { length: 80, required: true }),
    field('Description', 'textarea', { length: 255 }),
    field('IsOwnedByProfile', 'boolean', {
      label: 'Is Owned By Profile',
      createable: false,
      updateable: false,
      defaultValue: false
    }),
    lookup('ProfileId', 'Profile', 'Profile', { label: 'Profile ID', createable: false, updateable: false }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15, createable: false, updateable: false }),
    field('IsCustom', 'boolean', { label: 'Custom', createable: false, updateable: false, defaultValue: true })
  ],
  { nameField: { label: 'Name', type: 'Text' } }
);

const permissionSetAssignment = standardObject(
  'PermissionSetAssignment',
  '0Pa',
  ['Permission Set Assignment', 'Permission Set Assignments'],
  [
    ...systemFields({ owner: false, audit: false, label: 'Permission Set Assignment' }),
    lookup('AssigneeId', 'User', 'Assignee', {
      label: 'Assignee ID',
      required: true,
      nillable: false,
      updateable: false,
      childRelationshipName: 'PermissionSetAssignments'
    }),
    lookup('PermissionSetId', 'PermissionSet', 'PermissionSet', {
      label: 'Permission Set ID',
      required: true,
      nillable: false,
      updateable: false,
      childRelationshipName: 'Assignments'
    }),
    field('IsActive', 'boolean', { label: 'Active', createable: false, updateable: false, defaultValue: true })
  ],
  { updateable: false, nameField: { label: 'Permission Set Assignment ID', type: 'Text' } }
);

const recordType = standardObject(
  'RecordType',
  '012',
  ['Record Type', 'Record Types'],
  [
    ...systemFields({ owner: false, label: 'Record Type' }),
    field('Name', 'string', { label: 'Name', length: 80, required: true }),
    field('DeveloperName', 'string', { label: 'Record Type Name', length: 80, required: true }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15 }),
    field('Description', 'string', { length: 255 }),
    field('SobjectType', 'picklist', { label: 'SObject Type Name', length: 40, required: true }),
    field('IsActive', 'boolean', { label: 'Active', defaultValue: true })
  ],
  { createable: false, updateable: false, deletable: false }
);

/**
 * Static resources deployed through the Metadata API. Records are written by deploys only (the body is kept beside
 * the record and served at `/resource/...` and `/sobjects/StaticResource/{id}/Body`); clients query them, as the
 * preview does to build `@salesforce/resourceUrl` URLs.
 */
const staticResource = standardObject(
  'StaticResource',
  '081',
  ['Static Resource', 'Static Resources'],
  [
    ...systemFields({ owner: false, label: 'Static Resource' }),
    field('Name', 'string', { label: 'Name', length: 255, required: true }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15 }),
    field('ContentType', 'string', { label: 'MIME Type', length: 120, required: true }),
    field('BodyLength', 'int', { label: 'Body Length', precision: 9, nillable: false }),
    field('Description', 'textarea', { length: 1000 }),
    field('CacheControl', 'picklist', {
      label: 'Cache Control',
      length: 255,
      required: true,
      restrictedPicklist: true,
      picklistValues: picklist(['Private', 'Public'])
    })
  ],
  { createable: false, updateable: false, deletable: false, nameField: { label: 'Name', type: 'Text' } }
);

/** Custom permissions deployed through the Metadata API (records kept in step by each deploy). */
const customPermission = standardObject(
  'CustomPermission',
  '0CP',
  ['Custom Permission', 'Custom Permissions'],
  [
    ...systemFields({ owner: false, label: 'Custom Permission' }),
    field('DeveloperName', 'string', { label: 'Name', length: 80, required: true }),
    field('MasterLabel', 'string', { label: 'Label', length: 80, required: true }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15 }),
    field('Description', 'textarea', { length: 255 }),
    field('IsLicensed', 'boolean', { label: 'Is Licensed', defaultValue: false })
  ],
  { createable: false, updateable: false, deletable: false, nameField: { label: 'Label', type: 'Text' } }
);

/**
 * What a permission set grants besides object and field access: here, its enabled custom permissions (the query
 * Salesforce documents for "does this user hold custom permission X").
 */
const setupEntityAccess = standardObject(
  'SetupEntityAccess',
  '0J0',
  ['Setup Entity Access', 'Setup Entity Access'],
  [
    ...systemFields({ owner: false, label: 'Setup Entity Access' }),
    lookup('ParentId', 'PermissionSet', 'Parent', {
      label: 'Parent ID',
      required: true,
      nillable: false,
      deleteConstraint: 'Cascade',
      childRelationshipName: 'SetupEntityAccessItems'
    }),
    field('SetupEntityId', 'id', { label: 'Setup Entity ID', length: 18, required: true }),
    field('SetupEntityType', 'picklist', {
      label: 'Setup Entity Type',
      length: 40,
      picklistValues: picklist(['CustomPermission'])
    })
  ],
  {
    createable: false,
    updateable: false,
    deletable: false,
    nameField: { label: 'Setup Entity Access ID', type: 'Text' }
  }
);

/** Every standard object of the local org, in creation order. */
export const STANDARD_OBJECTS: readonly ObjectDef[] = [
  organization,
  profile,
  user,
  account,
  contact,
  opportunity,
  permissionSet,
  permissionSetAssignment,
  recordType,
  staticResource,
  customPermission,
  setupEntityAccess
];
