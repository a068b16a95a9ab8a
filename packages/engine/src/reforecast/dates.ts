/** Calendar dates of a reforecast (YYYY-MM-DD) and the fund quarters they fall in. */

export interface CalendarDate {
  y: number
  m: number
  d: number
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** The date, or null when the text is not a real calendar date written YYYY-MM-DD. */
export function parseDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return null
  if (d > (mo === 2 && leap(y) ? 29 : DAYS[mo - 1]!)) return null
  return { y, m: mo, d }
}

/** Days since 1970-01-01 (proleptic Gregorian). */
export function dayNumber(c: CalendarDate): number {
  return Math.round(Date.UTC(c.y, c.m - 1, c.d) / 86_400_000)
}

/** Whole months from a to b (negative when b is earlier). */
export function monthsBetween(a: CalendarDate, b: CalendarDate): number {
  return (b.y - a.y) * 12 + (b.m - a.m) - (b.d < a.d ? 1 : 0)
}

/** Fund quarter (0 = the first three months from the fund's start) that a date falls in. */
export const fundQuarterOf = (start: CalendarDate, date: CalendarDate): number => Math.floor(monthsBetween(start, date) / 3)

/** Compares two dates: negative when a is earlier. */
export const compareDates = (a: CalendarDate, b: CalendarDate): number => dayNumber(a) - dayNumber(b)
