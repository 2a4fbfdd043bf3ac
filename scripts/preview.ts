/**
 * `npm run preview [-- --target-org ORG] [--port N] [--open]`: the preview command run from the sources (no build of
 * the plugin needed): serves the Maintenance tab of the embedded local org, or of the org named, in a browser.
 */
import Preview from '../src/commands/maintenance/preview.js';

await Preview.run(process.argv.slice(2), import.meta.url);
