import { presetName, type SimulationConfig } from '@pcsim/engine'
import { DecideError, findLever } from '@pcsim/engine/decide'
import { ApiError } from '../../api/client.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { useDecideText } from './i18n.ts'
import type { DecisionState } from './useDecision.ts'

/** Numbers in tables and sentences: 4 significant digits. */
export const sig = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : String(Number(x.toPrecision(4))))

export interface LeverRow {
  id: string
  on: boolean
  low: string
  high: string
}

const round = (x: number) => String(Number(x.toPrecision(3)))

/** The levers offered for this config, each with a range around its current value. */
export function defaultLevers(config: SimulationConfig): LeverRow[] {
  const rows: Array<[string, (cur: number) => [number, number], boolean]> = [
    ['feeRate', (c) => [Math.max(0, c - 0.005), c + 0.005], true],
    ['carry', (c) => [Math.max(0, c - 0.05), Math.min(0.5, c + 0.05)], true],
    ['reserveShare', (c) => [Math.max(0, c - 0.1), Math.min(0.8, c + 0.1)], true],
    ['companies', (c) => [Math.max(1, Math.round(c * 0.7)), Math.round(c * 1.3)], true],
    ['exitValue', () => [0.8, 1.2], true],
    ['graduation', () => [0.9, 1.1], config.companies.model !== 'power_law'],
    ['failure', () => [0.9, 1.1], false],
    ['chequeScale', () => [0.8, 1.25], false],
  ]
  const sectors = Object.entries(config.strategy.sectorWeights).filter(([, w]) => (w ?? 0) > 0)
  if (sectors.length > 1) for (const [s] of sectors) rows.push([`sector:${s}`, (c) => [Math.max(0, c - 0.1), Math.min(1, c + 0.1)], false])
  const out: LeverRow[] = []
  for (const [id, range, on] of rows) {
    try {
      const [lo, hi] = range(findLever(config, id).current)
      out.push({ id, on, low: round(lo), high: round(hi) })
    } catch (e) {
      if (!(e instanceof DecideError)) throw e // not applicable to this config (e.g. graduation in a power-law fund)
    }
  }
  return out
}

export function useSectorName(): (s: string) => string {
  const { pick } = useI18n()
  return (s: string) => pick(presetName(`sector.${s}`))
}

/** Progress, cancel and the error of a decision job (an input error names where it is). */
export function JobStatusLine<R>({ state, onCancel, testId }: { state: DecisionState<R>; onCancel: () => void; testId: string }) {
  const d = useDecideText()
  const { pick } = useI18n()
  if (state.status === 'running')
    return (
      <p className="hint" role="status" data-testid={`${testId}-running`}>
        {d.running(state.progress ? state.progress.done.toLocaleString() : '0', state.progress ? state.progress.total.toLocaleString() : '…')}{' '}
        <button type="button" className="small ghost" onClick={onCancel}>
          {d.cancel}
        </button>
      </p>
    )
  if (state.status === 'error' && state.error)
    return (
      <p className="error" role="alert" data-testid={`${testId}-error`}>
        {state.error instanceof DecideError
          ? `${pick(state.error.text)} (${d.where(state.error.where)})`
          : state.error instanceof ApiError && state.error.body.issues?.[0]
            ? `${state.error.body.issues[0].message} (${d.where(state.error.body.issues[0].path)})`
            : d.failed(state.error.message)}
      </p>
    )
  return null
}
