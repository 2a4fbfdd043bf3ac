/**
 * An eslint-plugin-import resolver for this project: TypeScript sources imported with their compiled `.js` name
 * (`./store.js` is `./store.ts`), the `#engine` package import, and Lightning Web Components' `c/name` modules.
 * Everything else goes to the plugin's Node resolver. import/no-cycle needs every project import resolved.
 */
const { existsSync } = require('node:fs');
const { dirname, join, resolve: resolvePath } = require('node:path');
const nodeResolver = require('eslint-import-resolver-node');

const root = resolvePath(__dirname, '..');
const lwcRoot = join(root, 'force-app', 'main', 'default', 'lwc');
const engine = join(lwcRoot, 'maintenanceEngine', 'maintenanceEngine.js');

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) => {
  if (source === '#engine') return { found: true, path: engine };
  const component = /^c\/([A-Za-z0-9_]+)$/.exec(source);
  if (component) {
    const path = join(lwcRoot, component[1], `${component[1]}.js`);
    return existsSync(path) ? { found: true, path } : { found: false };
  }
  if (source.startsWith('.') && source.endsWith('.js')) {
    const typescript = resolvePath(dirname(file), `${source.slice(0, -3)}.ts`);
    if (existsSync(typescript)) return { found: true, path: typescript };
  }
  return nodeResolver.resolve(source, file, config);
};
