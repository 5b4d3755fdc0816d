const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// `%t` / `$time_local`: day/Mon/year:hour:minute:second zone, e.g. `17/May/2015:10:05:03 +0000`.
// Fractions (`%{msec_frac}t` setups) and a `+hh:mm` zone are accepted as well.
const CLF_TIME =
  /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?[ \t]+([+-])(\d{2}):?(\d{2})$/;

/**
 * Parses the Common Log Format time (`[17/May/2015:10:05:03 +0000]`, brackets optional) into a Date.
 * Returns `undefined` for anything that is not a real calendar time (31 April, hour 25, …).
 *
 * @example
 * ```ts
 * parseClfTime('17/May/2015:10:05:03 +0200')?.toISOString(); // '2015-05-17T08:05:03.000Z'
 * parseClfTime('31/Apr/2015:10:05:03 +0000'); // undefined
 * ```
 */
export function parseClfTime(text: string): Date | undefined {
  const trimmed = text.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  const match = CLF_TIME.exec(inner);
  if (!match) return undefined;
  const [, dayText, monthText, yearText, hourText, minuteText, secondText, fraction, sign, zoneH, zoneM] =
    match;
  const month = MONTHS.indexOf((monthText ?? '').toLowerCase());
  if (month < 0) return undefined;
  const day = Number(dayText);
  const year = Number(yearText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  // 60 is a leap second; Date cannot hold it, so it rolls into the next minute like most log tools do.
  const second = Number(secondText);
  const offsetMinutes = Number(zoneH) * 60 + Number(zoneM);
  if (hour > 23 || minute > 59 || second > 60 || Number(zoneM) > 59 || offsetMinutes > 18 * 60)
    return undefined;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month, day);
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month) return undefined;
  local.setUTCHours(hour, minute, second, millis);
  return new Date(local.getTime() - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000);
}
