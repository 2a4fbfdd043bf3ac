/**
 * The Maintenance_Config static resource the components read (c/maintenanceConfig): generated from every custom
 * metadata record of the package, committed, and never out of date.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildConfigResource,
  CONFIG_RESOURCE_NAME,
  configResourcePaths,
  configResourceText,
  writeConfigResource
} from '../../src/deploy/configResource.js';
import { forceAppDir } from '../../src/shared/projectPaths.js';
import { loadCustomMetadataRecords } from './lib/model.js';
import { defaultDir } from './lib/paths.js';

describe('the Maintenance_Config static resource', () => {
  it('is committed exactly as a fresh generation from the custom metadata records writes it', () => {
    const committed = readFileSync(configResourcePaths().body, 'utf8');
    // When this fails: run `npm run generate:config` and commit the result.
    expect(committed).toBe(configResourceText(buildConfigResource()));
    const meta = readFileSync(configResourcePaths().meta, 'utf8');
    expect(meta).toContain('<contentType>application/json</contentType>');
    expect(configResourcePaths().body.endsWith(`staticresources/${CONFIG_RESOURCE_NAME}.json`)).toBe(true);
  });

  it('holds every record of every type, with every field of its type', () => {
    const resource = buildConfigResource();
    const records = loadCustomMetadataRecords(defaultDir);
    expect(Object.keys(resource.types).sort()).toEqual([...new Set(records.map((r) => `${r.type}__mdt`))].sort());
    for (const record of records) {
      const copy = resource.types[`${record.type}__mdt`].find((r) => r.DeveloperName === record.developerName);
      expect(copy?.MasterLabel).toBe(record.label);
      for (const [field, { value, xsiType }] of Object.entries(record.values)) {
        // The XML keeps every value as text; the resource types them.
        const typed =
          value === null
            ? null
            : xsiType === 'xsd:double'
              ? Number(value)
              : xsiType === 'xsd:boolean'
                ? value === 'true'
                : value;
        expect(copy?.[field]).toEqual(typed);
      }
    }
    const paris = resource.types.Maintenance_Calendar__mdt.find((r) => r.DeveloperName === 'Paris_Business_Hours');
    expect(paris).toMatchObject({ Time_Zone__c: 'Europe/Paris', Always_Open__c: false, Saturday_Hours__c: null });
    expect(resource.types.SLA_Template__mdt.every((r) => typeof r.P1_Response_Minutes__c === 'number')).toBe(true);
  });

  it('takes in a new custom metadata type without any code change, and writes only what changed', () => {
    const root = mkdtempSync(join(tmpdir(), 'config-resource-'));
    try {
      cpSync(forceAppDir, root, { recursive: true });
      const dir = join(root, 'main', 'default');
      writeFileSync(
        join(dir, 'customMetadata', 'Escalation_Level.Level_One.md-meta.xml'),
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
          '  <label>Level one</label>',
          '  <values><field>Delay_Minutes__c</field><value xsi:type="xsd:double">120</value></values>',
          '</CustomMetadata>'
        ].join('\n')
      );
      expect(writeConfigResource(root).records).toMatchObject({ Escalation_Level__mdt: 1 });
      const written = JSON.parse(readFileSync(configResourcePaths(root).body, 'utf8')) as {
        types: Record<string, unknown>;
      };
      expect(written.types.Escalation_Level__mdt).toEqual([
        { DeveloperName: 'Level_One', MasterLabel: 'Level one', Delay_Minutes__c: 120 }
      ]);
      expect(writeConfigResource(root).written).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
