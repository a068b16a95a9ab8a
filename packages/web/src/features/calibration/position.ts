import type { CheckResult } from '@pcsim/engine'

/** Figures of one check on its band's scale: 0 is the band's low end, 1 its high end. */
export interface BandPosition {
  simulated: number
  seLow: number
  seHigh: number
  published: number
  /** The band widened by 3 SE (what still passes). */
  passLow: number
  passHigh: number
}

/** Widest stretch of the axis shown; a figure further out is drawn at the edge. */
export const AXIS_LIMIT = 6

const clamp = (x: number) => Math.max(-AXIS_LIMIT, Math.min(AXIS_LIMIT, x))

/** Puts a check's figures on its band's scale, so checks in different units share one axis. */
export function bandPosition(c: Pick<CheckResult, 'low' | 'high' | 'simulated' | 'se' | 'published'>): BandPosition {
  const width = c.high - c.low > 0 ? c.high - c.low : Math.max(Math.abs(c.high), 1e-9)
  const at = (x: number) => clamp((x - c.low) / width)
  return {
    simulated: at(c.simulated),
    seLow: at(c.simulated - c.se),
    seHigh: at(c.simulated + c.se),
    published: at(c.published),
    passLow: at(c.low - 3 * c.se),
    passHigh: at(c.high + 3 * c.se),
  }
}

/** Axis bounds that show the band with a margin and every figure (within the limit). */
export function axisBounds(positions: BandPosition[]): [number, number] {
  const xs = positions.flatMap((p) => [p.seLow, p.seHigh, p.passLow, p.passHigh, p.published])
  return [Math.floor(Math.min(-0.5, ...xs) * 2) / 2, Math.ceil(Math.max(1.5, ...xs) * 2) / 2]
}
