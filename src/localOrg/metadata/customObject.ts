/**
 * CustomObject, CustomField and ValidationRule XML to the local org's schema (schema.ts), with the checks that need
 * nothing but the XML itself: known field type, lengths, precision and scale, picklist values and defaults, the
 * elements each type requires. Checks that need other objects (lookup targets, roll-up children, formulas) are
 * made by schemaChanges.ts once every object of the deploy is known.
 */
import type { FieldDef, FieldType, ObjectDef, PicklistValue, ValidationRuleDef } from '../schema.js';
import { isConstantFormula } from '../formula.js';
import type { ComponentProblem } from './components.js';
import { child, childBoolean, children, childText, type XmlElement } from '../xml.js';

/** Object-level properties a CustomObject component sets. */
export interface ObjectProperties {
  name: string;
  label: string;
  labelPlural: string;
  nameField: ObjectDef['nameField'];
  description?: string;
  customMetadata: boolean;
  /** `<enableHistory>`: field history tracking on the object. */
  enableHistory: boolean;
}

/** A converted field plus what can only be settled against the other objects. */
export interface ConvertedField {
  def: FieldDef;
  /** Global value set the picklist takes its values from. */
  globalValueSet?: string;
  /** Default value formula that is not a constant (evaluated by the org on insert). */
  defaultValueFormula?: string;
}

export interface Conversion<T> {
  value?: T;
  problems: ComponentProblem[];
}

const TEXT_LIKE: Record<string, { type: FieldType; length?: number; maxLength?: number; minLength?: number }> = {
  Text: { type: 'string', minLength: 1, maxLength: 255 },
  TextArea: { type: 'textarea', length: 255 },
  LongTextArea: { type: 'textarea', minLength: 256, maxLength: 131_072 },
  Html: { type: 'textarea', minLength: 256, maxLength: 131_072 },
  EncryptedText: { type: 'string', minLength: 1, maxLength: 175 },
  Email: { type: 'email', length: 80 },
  Phone: { type: 'phone', length: 40 },
  Url: { type: 'url', length: 255 }
};

const NUMERIC: Record<string, FieldType> = { Number: 'double', Currency: 'currency', Percent: 'percent' };
const TEMPORAL: Record<string, FieldType> = { Date: 'date', DateTime: 'datetime', Time: 'time' };

/** Formula return types Salesforce allows, by the field's `<type>`. */
const FORMULA_TYPES: Record<string, FieldType> = {
  Text: 'string',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
  Checkbox: 'boolean'
};

/** Every `<type>` value of the CustomField schema; the ones the local org cannot hold fail with a clear message. */
const KNOWN_UNSUPPORTED = new Set([
  'Location',
  'ExternalLookup',
  'IndirectLookup',
  'MetadataRelationship',
  'File',
  'Array',
  'Hierarchy',
  'CustomDataType',
  'DateOnly'
]);

const SUPPORTED_TYPES = [
  ...Object.keys(TEXT_LIKE),
  ...Object.keys(NUMERIC),
  ...Object.keys(TEMPORAL),
  'Picklist',
  'MultiselectPicklist',
  'Checkbox',
  'Lookup',
  'MasterDetail',
  'Summary',
  'AutoNumber'
];

/** Custom metadata types allow only these field types. */
const METADATA_TYPE_FIELDS = new Set([
  'Checkbox',
  'Date',
  'DateTime',
  'Email',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Text',
  'TextArea',
  'LongTextArea',
  'Url'
]);

/** Problems about content carry the line only: SDR would show a column against the source file, which differs. */
function at(element: XmlElement | undefined, problem: string): ComponentProblem {
  return { problem, line: element?.line };
}

function integer(element: XmlElement, name: string, problems: ComponentProblem[]): number | undefined {
  const text = childText(element, name);
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    problems.push(at(child(element, name), `'${text}' is not a valid value for ${name}: an integer is expected`));
    return undefined;
  }
  return value;
}

/** Reads the object-level properties of a CustomObject (custom objects and custom metadata types). */
export function convertObjectProperties(root: XmlElement, name: string): Conversion<ObjectProperties> {
  const problems: ComponentProblem[] = [];
  const customMetadata = name.endsWith('__mdt');
  const label = childText(root, 'label');
  const labelPlural = childText(root, 'pluralLabel');
  if (!label) problems.push(at(root, 'Must specify a non-empty label for the CustomObject'));
  if (!labelPlural) problems.push(at(root, 'Must specify a non-empty pluralLabel for the CustomObject'));
  let nameField: ObjectDef['nameField'] = { label: 'Label', type: 'Text' };
  if (!customMetadata) {
    const nameElement = child(root, 'nameField');
    const type = childText(nameElement, 'type');
    const nameLabel = childText(nameElement, 'label');
    if (!nameElement) problems.push(at(root, 'Must specify a nameField for the CustomObject'));
    else if (type !== 'Text' && type !== 'AutoNumber') {
      problems.push(
        at(
          child(nameElement, 'type') ?? nameElement,
          `The name field type must be Text or AutoNumber, not '${type ?? ''}'`
        )
      );
    } else if (!nameLabel) problems.push(at(nameElement, 'Must specify a label for the name field'));
    else {
      const displayFormat = childText(nameElement, 'displayFormat');
      if (type === 'AutoNumber' && !/\{0+\}/.test(displayFormat ?? '')) {
        problems.push(
          at(nameElement, 'An AutoNumber name field needs a displayFormat with a {0...} number, e.g. A-{0000}')
        );
      }
      nameField = type === 'AutoNumber' ? { label: nameLabel, type, displayFormat } : { label: nameLabel, type };
    }
  }
  if (problems.length > 0) return { problems };
  return {
    value: {
      name,
      label: label as string,
      labelPlural: labelPlural as string,
      nameField,
      description: childText(root, 'description'),
      customMetadata,
      enableHistory: childBoolean(root, 'enableHistory') === true
    },
    problems
  };
}

function picklistValues(
  element: XmlElement,
  problems: ComponentProblem[]
): { values: PicklistValue[]; restricted: boolean; globalValueSet?: string } {
  const valueSet = child(element, 'valueSet');
  if (valueSet) {
    const restricted = childBoolean(valueSet, 'restricted') === true;
    const globalValueSet = childText(valueSet, 'valueSetName');
    if (globalValueSet) return { values: [], restricted: true, globalValueSet };
    const definition = child(valueSet, 'valueSetDefinition');
    if (!definition) {
      problems.push(at(valueSet, 'A valueSet needs a valueSetDefinition or a valueSetName'));
      return { values: [], restricted };
    }
    return { values: readValues(children(definition, 'value'), problems), restricted };
  }
  const legacy = child(element, 'picklist');
  if (legacy) {
    return {
      values: readValues(children(legacy, 'picklistValues'), problems),
      restricted: childBoolean(legacy, 'restrictedPicklist') === true
    };
  }
  problems.push(at(element, 'A picklist field needs a <valueSet>'));
  return { values: [], restricted: false };
}

/** Picklist values of a value set definition or a global value set (`<value>` or `<customValue>` elements). */
export function readValues(elements: XmlElement[], problems: ComponentProblem[]): PicklistValue[] {
  const values: PicklistValue[] = [];
  const seen = new Set<string>();
  for (const element of elements) {
    const value = childText(element, 'fullName');
    if (!value) {
      problems.push(at(element, 'A picklist value has no fullName'));
      continue;
    }
    if (value.length > 255)
      problems.push(at(element, `Picklist value '${value.slice(0, 40)}...' is longer than 255 characters`));
    if (seen.has(value.toLowerCase())) problems.push(at(element, `Duplicate picklist value: ${value}`));
    seen.add(value.toLowerCase());
    values.push({
      value,
      label: childText(element, 'label') || value,
      default: childBoolean(element, 'default') === true,
      active: childBoolean(element, 'isActive') !== false
    });
  }
  if (values.filter((v) => v.default).length > 1) {
    problems.push(at(elements[0], 'Only one picklist value can be the default'));
  }
  return values;
}

/** A constant default (`90`, `"Draft"`, `true`) converted to the field's type; undefined when not constant. */
function constantDefault(formula: string, type: FieldType): unknown {
  const text = formula.trim();
  if (type === 'boolean') return text.toLowerCase() === 'true';
  const quoted = /^(["'])(.*)\1$/s.exec(text);
  if (quoted) return quoted[2];
  if (['double', 'currency', 'percent', 'int'].includes(type) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text))
    return Number(text);
  return undefined;
}

/**
 * Converts one `<fields>` element of object `objectName`. Problems are local to the XML; references to other
 * objects are checked later.
 */
export function convertField(element: XmlElement, objectName: string): Conversion<ConvertedField> {
  const problems: ComponentProblem[] = [];
  const name = childText(element, 'fullName') ?? '';
  const xmlType = childText(element, 'type');
  const typeElement = child(element, 'type') ?? element;
  const label = childText(element, 'label');
  const customMetadata = objectName.endsWith('__mdt');
  if (!/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c$/.test(name)) {
    problems.push(
      at(
        child(element, 'fullName') ?? element,
        `Invalid custom field name '${name}': letters, digits and single underscores, ending in __c`
      )
    );
  }
  if (!label) problems.push(at(element, 'Must specify a non-empty label for the CustomField'));
  const formula = childText(element, 'formula');
  if (!xmlType) {
    problems.push(at(element, 'Must specify a type for the CustomField'));
    return { problems };
  }
  const common = {
    name,
    label: label ?? name,
    metadataType: xmlType,
    required: childBoolean(element, 'required') === true,
    unique: childBoolean(element, 'unique') === true,
    externalId: childBoolean(element, 'externalId') === true,
    caseSensitive: childBoolean(element, 'caseSensitive') === true || undefined,
    trackHistory: childBoolean(element, 'trackHistory') === true || undefined,
    custom: true,
    description: childText(element, 'description'),
    inlineHelpText: childText(element, 'inlineHelpText')
  };

  if (formula !== undefined) {
    const type = FORMULA_TYPES[xmlType];
    if (!type) {
      problems.push(at(typeElement, `A formula field cannot be of type ${xmlType}`));
      return { problems };
    }
    const numeric = type === 'double' || type === 'currency' || type === 'percent';
    const precision = numeric ? (integer(element, 'precision', problems) ?? 18) : undefined;
    const scale = numeric ? (integer(element, 'scale', problems) ?? 0) : undefined;
    if (formula === '') problems.push(at(child(element, 'formula'), 'The formula is empty'));
    const blanks = childText(element, 'formulaTreatBlanksAs');
    if (blanks !== undefined && blanks !== 'BlankAsZero' && blanks !== 'BlankAsBlank') {
      problems.push(
        at(child(element, 'formulaTreatBlanksAs'), `'${blanks}' is not a valid value for formulaTreatBlanksAs`)
      );
    }
    const def: FieldDef = {
      ...common,
      type,
      required: false,
      nillable: type !== 'boolean',
      unique: false,
      externalId: false,
      length: type === 'string' ? 1300 : undefined,
      precision,
      scale,
      calculated: true,
      formula,
      formulaTreatBlanksAs: blanks === 'BlankAsBlank' ? 'BlankAsBlank' : 'BlankAsZero',
      createable: false,
      updateable: false
    };
    return problems.length > 0 ? { problems } : { value: { def }, problems };
  }

  if (KNOWN_UNSUPPORTED.has(xmlType)) {
    problems.push(at(typeElement, `Field type ${xmlType} is not supported by the local org`));
    return { problems };
  }
  if (!SUPPORTED_TYPES.includes(xmlType)) {
    problems.push(at(typeElement, `'${xmlType}' is not a valid value for the enum 'FieldType'`));
    return { problems };
  }
  if (customMetadata && !METADATA_TYPE_FIELDS.has(xmlType)) {
    problems.push(at(typeElement, `Custom metadata types cannot have fields of type ${xmlType}`));
    return { problems };
  }

  let def: FieldDef;
  let globalValueSet: string | undefined;
  const editable = { createable: true, updateable: true };
  if (TEXT_LIKE[xmlType]) {
    const spec = TEXT_LIKE[xmlType];
    let length = spec.length;
    if (spec.minLength !== undefined) {
      length = integer(element, 'length', problems);
      if (length === undefined)
        problems.push(at(element, `Must specify 'length' for a CustomField of type ${xmlType}`));
      else if (length < spec.minLength || length > (spec.maxLength ?? length)) {
        problems.push(
          at(child(element, 'length'), `Length must be between ${spec.minLength} and ${spec.maxLength} for ${xmlType}`)
        );
      }
    }
    if (
      (xmlType === 'LongTextArea' || xmlType === 'Html') &&
      integer(element, 'visibleLines', problems) === undefined
    ) {
      problems.push(at(element, `Must specify 'visibleLines' for a CustomField of type ${xmlType}`));
    }
    def = { ...common, type: spec.type, length, nillable: !common.required, ...editable };
  } else if (NUMERIC[xmlType]) {
    const precision = integer(element, 'precision', problems);
    const scale = integer(element, 'scale', problems) ?? 0;
    if (precision === undefined)
      problems.push(at(element, `Must specify 'precision' for a CustomField of type ${xmlType}`));
    else if (precision < 1 || precision > 18)
      problems.push(at(child(element, 'precision'), 'Precision must be between 1 and 18'));
    else if (scale < 0 || scale > precision)
      problems.push(at(child(element, 'scale'), 'Scale must be between 0 and the precision'));
    def = { ...common, type: NUMERIC[xmlType], precision, scale, nillable: !common.required, ...editable };
  } else if (TEMPORAL[xmlType]) {
    def = { ...common, type: TEMPORAL[xmlType], nillable: !common.required, ...editable };
  } else if (xmlType === 'Checkbox') {
    const value = childText(element, 'defaultValue');
    if (value === undefined || !/^(true|false)$/i.test(value)) {
      problems.push(
        at(child(element, 'defaultValue') ?? element, 'A Checkbox field needs a defaultValue of true or false')
      );
    }
    if (common.required) problems.push(at(child(element, 'required'), 'A Checkbox field cannot be required'));
    def = { ...common, type: 'boolean', nillable: false, defaultValue: value?.toLowerCase() === 'true', ...editable };
  } else if (xmlType === 'Picklist' || xmlType === 'MultiselectPicklist') {
    const set = picklistValues(element, problems);
    globalValueSet = set.globalValueSet;
    const defaultEntry = set.values.find((v) => v.default);
    def = {
      ...common,
      type: xmlType === 'Picklist' ? 'picklist' : 'multipicklist',
      length: xmlType === 'Picklist' ? 255 : 4099,
      nillable: !common.required,
      picklistValues: set.values,
      restrictedPicklist: set.restricted || undefined,
      defaultValue: defaultEntry?.value,
      ...editable
    };
    if (xmlType === 'MultiselectPicklist' && integer(element, 'visibleLines', problems) === undefined) {
      problems.push(at(element, "Must specify 'visibleLines' for a CustomField of type MultiselectPicklist"));
    }
  } else if (xmlType === 'Lookup' || xmlType === 'MasterDetail') {
    const referenceTo = childText(element, 'referenceTo');
    const relationshipName = childText(element, 'relationshipName');
    if (!referenceTo) problems.push(at(element, `Must specify 'referenceTo' for a CustomField of type ${xmlType}`));
    if (!relationshipName)
      problems.push(at(element, `Must specify 'relationshipName' for a CustomField of type ${xmlType}`));
    else if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(relationshipName) || relationshipName.includes('__')) {
      problems.push(at(child(element, 'relationshipName'), `Invalid relationship name '${relationshipName}'`));
    }
    const master = xmlType === 'MasterDetail';
    const constraint = childText(element, 'deleteConstraint');
    if (constraint !== undefined && !['SetNull', 'Restrict', 'Cascade'].includes(constraint)) {
      problems.push(
        at(child(element, 'deleteConstraint'), `'${constraint}' is not a valid value for deleteConstraint`)
      );
    }
    if (!master && common.required && (constraint ?? 'SetNull') === 'SetNull') {
      problems.push(
        at(
          child(element, 'deleteConstraint') ?? element,
          'A required lookup cannot clear its value when the parent is deleted: use deleteConstraint Restrict or Cascade'
        )
      );
    }
    const base = name.slice(0, -3);
    def = {
      ...common,
      type: 'reference',
      length: 18,
      required: master || common.required,
      nillable: !(master || common.required),
      referenceTo: referenceTo ? [referenceTo] : [],
      relationshipName: `${base}__r`,
      childRelationshipName: relationshipName ? `${relationshipName}__r` : undefined,
      cascadeDelete: master || undefined,
      deleteConstraint: master ? undefined : ((constraint as FieldDef['deleteConstraint']) ?? 'SetNull'),
      createable: true,
      // Master-detail children move to another master only when the field says so.
      updateable: !master || childBoolean(element, 'reparentableMasterDetail') === true
    };
  } else if (xmlType === 'Summary') {
    const operation = childText(element, 'summaryOperation')?.toLowerCase();
    const foreignKey = childText(element, 'summaryForeignKey');
    const summarized = childText(element, 'summarizedField');
    if (!operation || !['count', 'sum', 'min', 'max'].includes(operation)) {
      problems.push(
        at(
          child(element, 'summaryOperation') ?? element,
          `'${operation ?? ''}' is not a valid summaryOperation: count, sum, min or max`
        )
      );
    }
    if (!foreignKey || !foreignKey.includes('.')) {
      problems.push(
        at(
          child(element, 'summaryForeignKey') ?? element,
          'Must specify summaryForeignKey as ChildObject__c.MasterField__c'
        )
      );
    }
    if (operation && operation !== 'count' && !summarized) {
      problems.push(at(element, `A ${operation} roll-up must specify summarizedField`));
    }
    const filters = children(element, 'summaryFilterItems').map((item) => {
      if (childText(item, 'valueField'))
        problems.push(at(item, 'Roll-up filters comparing two fields are not supported by the local org'));
      return {
        field: (childText(item, 'field') ?? '').split('.').pop() as string,
        operation: childText(item, 'operation') ?? '',
        value: childText(item, 'value') ?? ''
      };
    });
    const [childObject, childField] = (foreignKey ?? '.').split('.');
    def = {
      ...common,
      type: 'double',
      precision: 18,
      scale: 0,
      required: false,
      nillable: true,
      unique: false,
      externalId: false,
      calculated: true,
      summary: {
        operation: (operation ?? 'count') as 'count' | 'sum' | 'min' | 'max',
        childObject,
        childField,
        summarizedField: summarized?.split('.').pop(),
        filters
      },
      createable: false,
      updateable: false
    };
  } else {
    // AutoNumber
    const displayFormat = childText(element, 'displayFormat');
    if (!/\{0+\}/.test(displayFormat ?? '')) {
      problems.push(
        at(
          child(element, 'displayFormat') ?? element,
          'An AutoNumber field needs a displayFormat with a {0...} number, e.g. A-{0000}'
        )
      );
    }
    def = {
      ...common,
      type: 'string',
      length: 30,
      required: false,
      nillable: false,
      autoNumber: { displayFormat: displayFormat ?? '' },
      createable: false,
      updateable: false
    };
  }

  let defaultValueFormula: string | undefined;
  const defaultText = childText(element, 'defaultValue');
  if (defaultText !== undefined && defaultText !== '' && xmlType !== 'Checkbox') {
    if (
      def.type === 'picklist' ||
      def.type === 'multipicklist' ||
      def.type === 'reference' ||
      def.summary ||
      def.autoNumber
    ) {
      problems.push(at(child(element, 'defaultValue'), `A ${xmlType} field cannot have a defaultValue formula`));
    } else {
      const constant = constantDefault(defaultText, def.type);
      if (constant !== undefined) def.defaultValue = constant;
      else if (isConstantFormula(defaultText)) {
        problems.push(
          at(
            child(element, 'defaultValue'),
            `The default value ${defaultText} does not match the field type ${xmlType}`
          )
        );
      } else defaultValueFormula = defaultText;
    }
  }
  if (def.unique && !['string', 'email', 'double', 'currency', 'percent', 'phone', 'url'].includes(def.type)) {
    problems.push(at(child(element, 'unique'), `A ${xmlType} field cannot be unique`));
  }
  if (def.externalId && !['string', 'email', 'double', 'currency', 'percent'].includes(def.type)) {
    problems.push(at(child(element, 'externalId'), `A ${xmlType} field cannot be an external id`));
  }
  if (problems.length > 0) return { problems };
  return { value: { def, globalValueSet, defaultValueFormula }, problems };
}

/** Converts one `<validationRules>` element. */
export function convertValidationRule(element: XmlElement): Conversion<ValidationRuleDef> {
  const problems: ComponentProblem[] = [];
  const fullName = childText(element, 'fullName') ?? '';
  const formula = childText(element, 'errorConditionFormula');
  const message = childText(element, 'errorMessage');
  const active = childBoolean(element, 'active');
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(fullName) || fullName.includes('__')) {
    problems.push(at(element, `Invalid validation rule name '${fullName}'`));
  }
  if (!formula) problems.push(at(element, 'Must specify an errorConditionFormula'));
  if (!message) problems.push(at(element, 'Must specify an errorMessage'));
  if (active === undefined) problems.push(at(element, 'Must specify active (true or false)'));
  if (problems.length > 0) return { problems };
  return {
    value: {
      fullName,
      active: active as boolean,
      errorConditionFormula: formula as string,
      errorMessage: message as string,
      errorDisplayField: childText(element, 'errorDisplayField') || undefined
    },
    problems
  };
}
