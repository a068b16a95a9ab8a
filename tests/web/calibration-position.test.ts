import { describe, expect, it } from 'vitest'
import { AXIS_LIMIT, axisBounds, bandPosition } from '../../packages/web/src/features/calibration/position.ts'

describe('calibration chart: figures on their band\'s scale', () => {
  it('maps the band to [0, 1] and the 3-SE allowance around it', () => {
    const p = bandPosition({ low: 0.6, high: 0.7, simulated: 0.65, se: 0.01, published: 0.65 })
    expect(p.simulated).toBeCloseTo(0.5, 12)
    expect(p.seLow).toBeCloseTo(0.4, 12)
    expect(p.seHigh).toBeCloseTo(0.6, 12)
    expect(p.passLow).toBeCloseTo(-0.3, 12)
    expect(p.passHigh).toBeCloseTo(1.3, 12)
    expect(p.published).toBeCloseTo(0.5, 12)
  })

  it('keeps far-out figures at the edge and the axis around band and figures', () => {
    const far = bandPosition({ low: 0.15, high: 0.32, simulated: 9.8, se: 0.001, published: 0.23 })
    expect(far.simulated).toBe(AXIS_LIMIT)
    const near = bandPosition({ low: 1.1, high: 1.5, simulated: 1.78, se: 0.02, published: 1.3 })
    expect(axisBounds([near])).toEqual([-0.5, 2])
    expect(axisBounds([far])).toEqual([-0.5, AXIS_LIMIT])
  })

  it('a zero-width band (an upper bound of 0) still gives finite positions', () => {
    const p = bandPosition({ low: 0, high: 0, simulated: 0.01, se: 0, published: 0 })
    for (const v of Object.values(p)) expect(Number.isFinite(v)).toBe(true)
  })
})
