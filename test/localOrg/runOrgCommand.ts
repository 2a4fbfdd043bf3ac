/**
 * Runs one `sf maintenance org <verb>` command class in this process, from the sources (under tsx), the way the
 * command tests run it as a child process: `tsx test/localOrg/runOrgCommand.ts <verb> [flags...]`.
 */
const [verb, ...argv] = process.argv.slice(2);

// `query <alias> <soql>`: what any sf command does with a registered alias (Org.create, then a query).
if (verb === 'query') {
  const { Org } = await import('@salesforce/core');
  try {
    const org = await Org.create({ aliasOrUsername: argv[0] });
    const conn = org.getConnection();
    const result = await conn.query(argv[1]);
    process.stdout.write(
      JSON.stringify({
        status: 0,
        result: { username: conn.getUsername(), isDevHub: org.isDevHubOrg(), records: result.records }
      })
    );
  } catch (error) {
    process.stdout.write(JSON.stringify({ status: 1, result: { name: (error as Error).name } }));
  }
  process.exit(0);
}
const commands: Record<string, () => Promise<{ default: { run(argv: string[]): Promise<unknown> } }>> = {
  start: () => import('../../src/commands/maintenance/org/start.js'),
  stop: () => import('../../src/commands/maintenance/org/stop.js'),
  status: () => import('../../src/commands/maintenance/org/status.js'),
  reset: () => import('../../src/commands/maintenance/org/reset.js')
};
const load = commands[verb];
if (!load) {
  process.stderr.write(`unknown verb ${verb}\n`);
  process.exit(2);
}
const { default: command } = await load();
await command.run(argv);
