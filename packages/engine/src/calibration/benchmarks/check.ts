import type { CheckSpec, FigureUnit } from '../types.ts'

export const check = (id: string, title: string, unit: FigureUnit, published: number, low: number, high: number, band: string): CheckSpec => ({
  id,
  title,
  unit,
  published,
  low,
  high,
  band,
})
