import { describe, expect, it } from 'vitest'
import { CDF_GRID_CELLS, CDF_GRID_LO, CDF_GRID_SCALE, CDF_GRID_SLACK, NORMAL_CDF_GRID, normalCdf } from '../../packages/engine/src/random/distributions.ts'

/** The company loop decides outcomes from the grid's bracket when every threshold lies outside it,
 * so the bracket must hold normalCdf(x) for every x of its cell, including the cell edges, the step
 * of the approximation at 0 and x a rounding away from a grid point. */
describe('NORMAL_CDF_GRID', () => {
  const cellOf = (x: number) => ((x - CDF_GRID_LO) * CDF_GRID_SCALE) | 0
  const holds = (x: number) => {
    const k = cellOf(x)
    const f = normalCdf(x)
    return f >= NORMAL_CDF_GRID[k]! - CDF_GRID_SLACK && f <= NORMAL_CDF_GRID[k + 1]! + CDF_GRID_SLACK
  }

  it('brackets normalCdf on a dense sweep of every cell', () => {
    const hi = CDF_GRID_LO + CDF_GRID_CELLS / CDF_GRID_SCALE
    const steps = 400_000
    let bad = 0
    for (let i = 0; i < steps; i++) {
      const x = CDF_GRID_LO + ((hi - CDF_GRID_LO) * i) / steps
      if (!holds(x)) bad++
    }
    expect(bad).toBe(0)
  })

  it('brackets normalCdf at the grid points, a few ulps either side, and around 0', () => {
    const xs: number[] = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-300, -1e-300]
    for (let k = 1; k < CDF_GRID_CELLS; k++) {
      const x = CDF_GRID_LO + k / CDF_GRID_SCALE
      const ulp = Math.max(Number.EPSILON * Math.abs(x), Number.MIN_VALUE)
      for (const d of [-4, -1, 0, 1, 4]) xs.push(x + d * ulp)
    }
    const failures = xs.filter((x) => cellOf(x) >= 0 && cellOf(x) < CDF_GRID_CELLS && !holds(x))
    expect(failures).toEqual([])
  })

  it('is tight enough to decide most picks (the slack is far below a cell width)', () => {
    let widest = 0
    for (let k = 0; k < CDF_GRID_CELLS; k++) widest = Math.max(widest, NORMAL_CDF_GRID[k + 1]! - NORMAL_CDF_GRID[k]! + 2 * CDF_GRID_SLACK)
    expect(widest).toBeLessThan(0.4 / CDF_GRID_SCALE + 1e-5)
    expect(NORMAL_CDF_GRID[CDF_GRID_CELLS / 2]).toBeCloseTo(0.5, 6)
  })
})
