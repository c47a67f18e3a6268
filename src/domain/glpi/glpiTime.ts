/**
 * GLPI writes its times as wall-clock text in the zone its PHP runs in. Read over a UTC session they are
 * right when GLPI's database server ran in that same zone (the usual set-up); when it did not (a server
 * kept in UTC, as in many containers), the text is the wall clock of GLPI's zone, and is read in it here.
 */
const WALL_CLOCK = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)/;

/** Whether the runtime knows the zone (an IANA name such as Europe/Moscow, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One formatter a zone: making one is dear, and an import reads millions of times. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(zone: string, instant: number): number {
  if (zone === 'UTC') return 0;
  const parts = formatterOf(zone).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a GLPI time (`2025-12-31 23:30:00`) stands for, read as the wall clock of the zone; null
 * for an empty or zero time, which GLPI writes for "never".
 */
export function glpiInstant(wallClock: string | null, zone: string): Date | null {
  const match = wallClock ? WALL_CLOCK.exec(wallClock) : null;
  if (!match || match[1] === '0000') return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const asUtc = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  // Twice: the offset at the guessed instant may differ from the one at the true instant near a change.
  const first = asUtc - offsetAt(zone, asUtc);
  return new Date(asUtc - offsetAt(zone, first));
}
