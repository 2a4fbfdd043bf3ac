/**
 * better-sqlite3 loaded on first use. The `sf maintenance` commands import the daemon helpers (is the org running,
 * its identity, its record counts) at startup, and most runs never open a database: loading the native module only
 * when one is opened keeps it out of every command's start.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** Opens an SQLite database with better-sqlite3 (the module is loaded the first time). */
export function openDatabase(file: string, options?: BetterSqlite3.Options): BetterSqlite3.Database {
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  return new Database(file, options);
}
