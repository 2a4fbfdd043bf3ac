/**
 * Registers a running local org in the sf auth store of $HOME under an alias, in its own process:
 * `node --import tsx test/plugin/registerOrg.ts <instanceUrl> <accessToken> <alias>`; prints the username.
 * The auth store writes through proper-lockfile and @salesforce/core's file helpers, which misread errors raised
 * outside jest's module sandbox (cross-realm `instanceof Error`), so tests write the store from a child process and
 * only read it in process, as every command does.
 */
import { registerLocalOrg } from '../../src/localOrg/registration.js';

const [instanceUrl, accessToken, alias] = process.argv.slice(2);
process.stdout.write((await registerLocalOrg({ instanceUrl, accessToken }, alias)) + '\n');
