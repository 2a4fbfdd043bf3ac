/**
 * The plugin's public contract, kept as the Salesforce CLI plugins keep theirs: `command-snapshot.json` (commands,
 * flags, flag characters, aliases) and `schemas/*.json` (the shape of each command's --json result), both written by
 * @oclif/plugin-command-snapshot (`npm run snapshot:update`). A renamed flag or a changed result shape fails here
 * until those files are updated on purpose; so does a topic without a description.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Config } from '@oclif/core';
import { createGenerator } from 'ts-json-schema-generator';
import { projectRoot } from '../../src/shared/projectPaths.js';
import { runScript } from './pluginFixtures.js';

const commandsDir = join(projectRoot, 'src', 'commands');
const schemasDir = join(projectRoot, 'schemas');
const UPDATE = 'if the change is intended, run `npm run snapshot:update` and commit the files it writes';

function commandFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? commandFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : []
  );
}

/** A command's id, in parts: src/commands/maintenance/org/start.ts -> maintenance, org, start. */
function commandParts(file: string): string[] {
  return relative(commandsDir, file).replace(/\.ts$/, '').split(/[\\/]/);
}

/** The schema file the plugin writes for a command file: maintenance-org-start. */
function schemaName(file: string): string {
  return commandParts(file).join('-');
}

/** The result type of a command, read as the plugin reads it: the type argument of `async run(): Promise<...>`. */
function resultType(file: string): string {
  const match = /async\s+run\(\):\s*Promise<(\w+)>/.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file}: no "async run(): Promise<Type>" to read the result type from`);
  return match[1];
}

describe('the command contract', () => {
  it('matches command-snapshot.json: commands, flags, flag characters and aliases', async () => {
    const run = await runScript('bin/dev.js', ['snapshot', 'compare']);
    if (run.status !== 0) throw new Error(`${run.stdout}\n${run.stderr}\n${UPDATE}`);
    expect(run.stdout).toMatch(/No changes have been detected/);
  }, 120_000);

  it("matches schemas/: the shape of every command's --json result", () => {
    // One TypeScript program for every command (the plugin's `schema compare` builds one per command: 10 times slower);
    // the generator, its options and so the schemas are the same.
    const generator = createGenerator({ path: join(commandsDir, '**', '*.ts'), skipTypeCheck: true });
    const files = commandFiles(commandsDir);
    const problems: string[] = [];
    for (const file of files) {
      const name = `${schemaName(file)}.json`;
      const generated = JSON.parse(JSON.stringify(generator.createSchema(resultType(file)))) as unknown;
      let committed: unknown;
      try {
        committed = JSON.parse(readFileSync(join(schemasDir, name), 'utf8'));
      } catch {
        problems.push(`schemas/${name} is missing`);
        continue;
      }
      if (JSON.stringify(generated) !== JSON.stringify(committed)) problems.push(`schemas/${name} differs`);
    }
    const expected = new Set(files.map((file) => `${schemaName(file)}.json`));
    for (const name of readdirSync(schemasDir)) {
      if (!expected.has(name)) problems.push(`schemas/${name} belongs to no command`);
    }
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${UPDATE}`);
  }, 120_000);

  it('gives every topic a description of its own, which --help shows', async () => {
    // The topics --help lists come from the package.json oclif config, which Config reads without loading commands.
    const config = await Config.load({ root: projectRoot });
    const commandIds = commandFiles(commandsDir).map(commandParts);
    const topicNames = new Set(
      commandIds.flatMap((parts) => parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join(':')))
    );
    expect([...topicNames]).toEqual(expect.arrayContaining(['maintenance', 'maintenance:org', 'maintenance:sla']));
    for (const name of topicNames) {
      const description = config.findTopic(name)?.description;
      expect({ topic: name, description }).toEqual({ topic: name, description: expect.stringMatching(/\w{3,}.*\./) });
    }
  });
});
