/** Documentation checks: every custom field and object explains itself to admins (description) and users (help). */
import type { ObjectModel } from './model.js';

// Salesforce's own limits, so that a long text fails here rather than at deploy time.
const MAX_LABEL = 40;
const MAX_HELP_TEXT = 510;
const MAX_DESCRIPTION = 1000;

/** Fields and objects without a description or help text, or whose texts exceed what Salesforce accepts. */
export function findDocumentationProblems(model: ObjectModel): string[] {
  const problems: string[] = [];
  for (const object of Object.values(model)) {
    const description = typeof object.raw.description === 'string' ? object.raw.description : '';
    // A standard object the package only adds fields to keeps Salesforce's own description.
    if (!description.trim() && !object.standard) problems.push(`${object.name}: object has no description`);
    for (const field of Object.values(object.fields)) {
      const where = `${object.name}.${field.name}`;
      if (!field.description.trim()) problems.push(`${where}: no description`);
      if (!field.inlineHelpText.trim()) problems.push(`${where}: no inlineHelpText`);
      if (!field.label.trim()) problems.push(`${where}: no label`);
      if (field.label.length > MAX_LABEL) problems.push(`${where}: label longer than ${MAX_LABEL}`);
      if (field.inlineHelpText.length > MAX_HELP_TEXT) problems.push(`${where}: inlineHelpText longer than ${MAX_HELP_TEXT}`);
      if (field.description.length > MAX_DESCRIPTION) problems.push(`${where}: description longer than ${MAX_DESCRIPTION}`);
    }
  }
  return problems;
}
