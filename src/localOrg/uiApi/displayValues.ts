/**
 * The `displayValue` of a UI API field value. Salesforce fills it only when the raw value needs it: a picklist's
 * label (translated), a date or date/time in the user's short format and time zone, a currency amount with its
 * symbol, and the name of a related record (handled where relationships are shaped). Everything else is null.
 */
import type { FieldDef } from '../schema.js';
import type { UserSettings } from './userSettings.js';

export type DisplayFormatter = (field: FieldDef, value: unknown) => string | null;

const cache = new Map<string, DisplayFormatter>();

/**
 * A formatter for one user's settings (cached: Intl formatters are costly to create).
 * @param settings locale, time zone and currency
 */
export function displayFormatter(settings: UserSettings): DisplayFormatter {
  const key = `${settings.locale}|${settings.timeZone}|${settings.currency}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const date = new Intl.DateTimeFormat(settings.locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC'
  });
  const dateTime = new Intl.DateTimeFormat(settings.locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: settings.timeZone
  });
  const currency = new Intl.NumberFormat(settings.locale, { style: 'currency', currency: settings.currency });
  const formatter: DisplayFormatter = (field, value) => {
    if (value === null || value === undefined || value === '') return null;
    switch (field.type) {
      case 'picklist':
        return labelOf(field, String(value));
      case 'multipicklist':
        return String(value)
          .split(';')
          .map((part) => labelOf(field, part))
          .join(';');
      case 'date': {
        const time = Date.parse(`${String(value)}T00:00:00Z`);
        return Number.isNaN(time) ? null : date.format(time);
      }
      case 'datetime': {
        const time = Date.parse(String(value).replace(/\+0000$/, 'Z'));
        return Number.isNaN(time) ? null : dateTime.format(time);
      }
      case 'currency':
        return typeof value === 'number' ? currency.format(value) : null;
      default:
        return null;
    }
  };
  cache.set(key, formatter);
  return formatter;
}

function labelOf(field: FieldDef, value: string): string {
  const entry = field.picklistValues?.find((candidate) => candidate.value === value);
  return entry?.label ?? value;
}
