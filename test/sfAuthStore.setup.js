// Jest global setup of the "unit" and "e2e" projects: make sure the sf auth store's alias file exists in $HOME.
// @salesforce/core creates ~/.sfdx/alias.json itself when it is missing, but the check it uses (`instanceof Error` on
// the ENOENT it catches) fails across the realms of jest's ESM sandbox, so on a machine where no sf command ever ran
// every AuthInfo.create() in a test would throw ENOENT. Creating the empty store here is what the first sf command
// would do; an existing store is left as it is.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export default function ensureSfAuthStore() {
  const dir = join(homedir(), '.sfdx');
  const aliases = join(dir, 'alias.json');
  if (!existsSync(aliases)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(aliases, JSON.stringify({ orgs: {} }, null, 2), { mode: 0o600 });
  }
}
