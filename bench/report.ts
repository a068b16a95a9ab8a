/** The rows of `pnpm bench`, their JSON file (`--save`), and how a row compares with a baseline. */
export interface Row {
  id: string
  label: string
  value: number
  unit: string
  /** Which way is better, for the target and the ratio against a baseline. */
  better: 'lower' | 'higher'
  text: string
  target?: number
}

export interface BenchFile {
  date: string
  machine: { cpu: string; cores: number; memoryGiB: number; node: string }
  load: { before: number[]; after: number[] }
  rows: Row[]
  /** Free text: what else ran on the machine, how the file was made. */
  note?: string
}

const targetText = (r: Row) => {
  if (r.target === undefined) return ''
  const met = r.better === 'lower' ? r.value <= r.target : r.value >= r.target
  return `${met ? 'met' : 'missed'} (${r.better === 'lower' ? '≤' : '≥'} ${r.target.toLocaleString('en')} ${r.unit})`
}

/** > 1 means this run is better than the baseline (faster, smaller), whichever way the unit runs. */
export const ratio = (r: Row, base: Row) => (r.better === 'lower' ? base.value / r.value : r.value / base.value)

export function formatRow(r: Row, base?: Row): string {
  const cells = [r.label, r.text, targetText(r)]
  if (base !== undefined) cells.push(base.text, `${ratio(r, base).toFixed(2)}×`)
  return `| ${cells.join(' | ')} |`
}

/** The table line of a line that could not run here: as many cells as formatRow's. */
export const formatSkipped = (id: string, why: string, withBaseline: boolean): string => `| ${[id, `skipped: ${why}`, '', ...(withBaseline ? ['', ''] : [])].join(' | ')} |`

/** Ids of rows that the baseline does not have. */
export const compareRows = (rows: Row[], baseline: Row[]) => rows.filter((r) => !baseline.some((b) => b.id === r.id)).map((r) => r.id)
