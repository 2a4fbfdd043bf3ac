/**
 * `npm run bench`: runs every benchmark module under scripts/bench/ in turn (or only those named on the command line)
 * and prints their figures. Benchmarks print; they never assert: targets are judged by reading the output.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join(process.cwd(), 'scripts', 'bench');
const only = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => only.length === 0 || only.includes(basename(file, '.ts')))
  .sort();

for (const file of modules) {
  process.stdout.write(`\n## ${basename(file, '.ts')}\n`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => void | Promise<void> };
  await mod.run();
}
