/**
 * Pure time-zone arithmetic for schedules, with Intl only: what the wall clock shows in a zone,
 * which instant a local time on a local date is, and when a weekly schedule last fired or fires
 * next. Dates are `YYYY-MM-DD`, times `HH:MM`, week days ISO (1 = Monday … 7 = Sunday).
 */

/** What a wall clock in some time zone shows at an instant. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
  /** ISO week day, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** When a schedule fires: a local time on ISO week days in a time zone. */
export interface WeeklySchedule {
  /** `HH:MM` */
  time: string;
  timeZone: string;
  days: readonly number[];
}

/** One firing of a schedule: the local date it belongs to and the instant it happens. */
export interface Occurrence {
  localDate: string;
  at: Date;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// A cache, not state: building a DateTimeFormat is the slow part, and the result never changes.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`, as milliseconds of the same reading in UTC (seconds dropped). */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour % 24, minute);
}

const pad = (n: number): string => String(n).padStart(2, '0');

let host: string | null = null;

/**
 * The time zone of the machine Goalpost runs on (the zone of someone who set none, unless
 * GOALPOST_TIME_ZONE says otherwise). Asked of ICU on first use and kept: resolving it takes some
 * 12 ms, which a command that never reads a time zone should not pay.
 */
export function hostTimeZone(): string {
  host ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return host;
}

/** ISO week day (1 = Monday … 7 = Sunday) of a calendar date `YYYY-MM-DD`. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A calendar month's first and last day, as YYYY-MM-DD: `2026-02` → 2026-02-01 to 2026-02-28. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The local date, time and ISO week day in `timeZone` at `instant`. */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const wall = new Date(wallMs(instant.getTime(), timeZone));
  const date = wall.toISOString().slice(0, 10);
  return {
    date,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
    weekday: isoWeekday(date),
  };
}

/** Minutes `timeZone` is ahead of UTC at `instant` (Berlin in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const t = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
  return (wallMs(t, timeZone) - t) / MINUTE_MS;
}

/**
 * The instant the wall clock in `timeZone` shows `time` on `date`. A time the clock skips
 * (spring forward) moves to the first minute after it that exists; a time it shows twice (fall
 * back) is the earlier of the two.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  // Every offset in force within a day of the wall time: a transition, if any, sits between them.
  const offsets = [...new Set([-DAY_MS, 0, DAY_MS].map((d) => wallMs(wanted + d, timeZone) - (wanted + d)))];
  // No zone skips more than a few hours; search minute by minute past the gap.
  for (let wall = wanted; wall < wanted + DAY_MS; wall += MINUTE_MS) {
    const fits = offsets.map((o) => wall - o).filter((t) => wallMs(t, timeZone) === wall);
    if (fits.length > 0) return new Date(Math.min(...fits));
  }
  return new Date(wanted - (offsets[0] ?? 0));
}

/**
 * The schedule's latest firing at or before `now`, looking back over the past week; null when
 * the schedule has no week days.
 */
export function latestOccurrence(schedule: WeeklySchedule, now: Date): Occurrence | null {
  const today = localTimeOf(now, schedule.timeZone).date;
  for (let back = 0; back <= 7; back++) {
    const localDate = addDays(today, -back);
    if (!schedule.days.includes(isoWeekday(localDate))) continue;
    const at = zonedInstant(localDate, schedule.time, schedule.timeZone);
    if (at.getTime() <= now.getTime()) return { localDate, at };
  }
  return null;
}

/** The schedule's first firing after `now`; null when the schedule has no week days. */
export function nextOccurrence(schedule: WeeklySchedule, now: Date): Occurrence | null {
  const today = localTimeOf(now, schedule.timeZone).date;
  for (let ahead = 0; ahead <= 8; ahead++) {
    const localDate = addDays(today, ahead);
    if (!schedule.days.includes(isoWeekday(localDate))) continue;
    const at = zonedInstant(localDate, schedule.time, schedule.timeZone);
    if (at.getTime() > now.getTime()) return { localDate, at };
  }
  return null;
}

/**
 * Abbreviations people type for a zone, and the zones they mean. The runtime reads some as one
 * place of several (EST as America/Panama, with no daylight saving; BST as Asia/Dhaka; IST as
 * Asia/Calcutta) and knows others not at all (EDT, CEST): a reminder an hour off half the year, or
 * on another continent, is worse than asking for the city.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  EST: 'America/New_York (US Eastern, with daylight saving) or America/Panama (UTC-5 all year)',
  EDT: 'America/New_York',
  CST: 'America/Chicago (US Central) or Asia/Shanghai (China)',
  CDT: 'America/Chicago',
  MST: 'America/Denver (US Mountain, with daylight saving) or America/Phoenix (no daylight saving)',
  MDT: 'America/Denver',
  PDT: 'America/Los_Angeles',
  AST: 'America/Halifax (Atlantic) or Asia/Riyadh (Arabia)',
  ADT: 'America/Halifax',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  IST: 'Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)',
  BST: 'Europe/London (British Summer Time) or Asia/Dhaka (Bangladesh)',
  CEST: 'Europe/Berlin, Europe/Paris or another city of the zone',
  EEST: 'Europe/Athens, Europe/Helsinki or another city of the zone',
  WEST: 'Europe/Lisbon',
  AEST: 'Australia/Sydney (with daylight saving) or Australia/Brisbane (without)',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  ART: 'America/Argentina/Buenos_Aires (the runtime reads ART as Africa/Cairo)',
  SST: 'Pacific/Pago_Pago (Samoa) or Asia/Singapore (the runtime reads SST as Pacific/Guadalcanal)',
  NST: 'America/St_Johns (Newfoundland; the runtime reads NST as Pacific/Auckland)',
};

/** True for an abbreviation refused as a zone (EST, est, CEST): see ABBREVIATIONS. */
export function isZoneAbbreviation(word: string): boolean {
  return ABBREVIATIONS[word.toUpperCase()] !== undefined;
}

/**
 * Why `name` is no time zone to keep, or null when it is one: unknown to the runtime, or an
 * abbreviation that names more than one place (see ABBREVIATIONS).
 */
export function timeZoneProblem(name: string): string | null {
  const meant = ABBREVIATIONS[name.toUpperCase()];
  if (meant !== undefined) {
    return `"${name}" is an abbreviation, which names more than one place or none the runtime knows: give the zone of the city, ${meant}`;
  }
  if (isTimeZone(name)) return null;
  return `an IANA time zone like Europe/Berlin or UTC (got ${JSON.stringify(name)})`;
}

/** The runtime's ID of a zone it knows: `europe/berlin` → `Europe/Berlin`, `PST` → `America/Los_Angeles`. */
function runtimeTimeZone(name: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

/**
 * Today's IANA names of cities the runtime's data (CLDR) files under an old name: Asia/Kolkata
 * reads back as Asia/Calcutta, Europe/Kyiv as Europe/Kiev. Keyed in lower case, to spell one typed
 * in any case as IANA does.
 */
const RENAMED_ZONES: ReadonlyMap<string, string> = new Map(
  [
    'Asia/Kolkata',
    'Europe/Kyiv',
    'Asia/Kathmandu',
    'Asia/Ho_Chi_Minh',
    'Asia/Yangon',
    'America/Nuuk',
    'Atlantic/Faroe',
    'Pacific/Kanton',
    'Pacific/Chuuk',
    'Pacific/Pohnpei',
    'America/Atikokan',
    'America/Argentina/Buenos_Aires',
    'America/Argentina/Catamarca',
    'America/Argentina/Cordoba',
    'America/Argentina/Jujuy',
    'America/Argentina/Mendoza',
    'America/Indiana/Indianapolis',
    'America/Kentucky/Louisville',
  ].map((zone) => [zone.toLowerCase(), zone]),
);

/**
 * The zone to keep for `name`, one the runtime knows: the city as the person named it, spelled as
 * IANA does (`europe/berlin` → `Europe/Berlin`). The runtime's own ID is no answer for a city it
 * files under another name: `Asia/Kolkata` was kept and shown as `Asia/Calcutta`, a name India
 * dropped in 2001. A name with no area (`PST`, `CET`, `Japan`) is kept as its city's zone.
 */
export function keptTimeZone(name: string): string {
  const runtime = runtimeTimeZone(name);
  const lower = name.toLowerCase();
  if (!name.includes('/') || runtime.toLowerCase() === lower) return runtime;
  // Another name than the runtime's, not one of the renamed cities: an alias (`US/Eastern`,
  // `Etc/UTC`), kept as the runtime files it, not as typed (`us/eastern` was shown as such).
  return RENAMED_ZONES.get(lower) ?? runtime;
}

/** True for a time zone name the runtime knows (IANA, like Europe/Berlin, or UTC). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
