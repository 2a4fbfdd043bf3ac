/**
 * The package configuration a seed is generated from, read once from force-app: the data model (to check recipes),
 * the calendars and SLA templates (to stamp incidents) and the handover template items (to build checklists).
 */
import { calendarFromMetadata, transitionOptionFromMetadata, type Calendar, type TransitionOption } from '#engine';
import { forceAppDir } from '../shared/projectPaths.js';
import { readCustomMetadata, type MetadataRecord } from './customMetadata.js';
import { loadFieldCatalog, type FieldCatalog } from './fieldCatalog.js';
import type { RecipeContext } from './recipe.js';

export interface PackageConfig {
  catalog: FieldCatalog;
  /** Engine calendars by DeveloperName. */
  calendars: Record<string, Calendar>;
  /** SLA_Template__mdt records by DeveloperName. */
  slaTemplates: Record<string, MetadataRecord>;
  /** Handover_Template_Item__mdt records, by Sort_Order__c. */
  templateItems: MetadataRecord[];
  /** Transition_Option__mdt records in engine shape, by DeveloperName. */
  transitionOptions: Record<string, TransitionOption>;
}

/** Reads the configuration from a force-app directory (the project's by default). */
export function loadPackageConfig(root: string = forceAppDir): PackageConfig {
  const calendars: Record<string, Calendar> = {};
  for (const record of readCustomMetadata('Maintenance_Calendar', root)) {
    calendars[record.DeveloperName] = calendarFromMetadata(record);
  }
  const slaTemplates: Record<string, MetadataRecord> = {};
  for (const record of readCustomMetadata('SLA_Template', root)) slaTemplates[record.DeveloperName] = record;
  const templateItems = readCustomMetadata('Handover_Template_Item', root).sort(
    (a, b) =>
      Number(a.Sort_Order__c ?? 0) - Number(b.Sort_Order__c ?? 0) || a.DeveloperName.localeCompare(b.DeveloperName)
  );
  const transitionOptions: Record<string, TransitionOption> = {};
  for (const record of readCustomMetadata('Transition_Option', root)) {
    transitionOptions[record.DeveloperName] = transitionOptionFromMetadata(record);
  }
  return { catalog: loadFieldCatalog(root), calendars, slaTemplates, templateItems, transitionOptions };
}

/** What recipes are checked against. */
export function recipeContext(config: PackageConfig): RecipeContext {
  return {
    catalog: config.catalog,
    calendars: Object.keys(config.calendars).sort(),
    slaTemplates: Object.keys(config.slaTemplates).sort(),
    mandatoryTemplateItems: config.templateItems.filter((item) => item.Mandatory__c === true).length
  };
}
