import { useCallback, useEffect, useRef, useState } from 'react'
import type { CalibrationJson } from '@pcsim/engine'

/** Fund trials of the in-browser report (the server's is larger; see docs/calibration.md). */
export const BROWSER_TRIALS = 2000

export type CalibrationStatus =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'computing'; where: 'server' | 'browser'; done: number; total: number }
  | { kind: 'done'; where: 'server' | 'browser'; report: CalibrationJson }
  | { kind: 'offline' }
  | { kind: 'error'; message: string }

const POLL_MS = 1000

/**
 * The calibration report from GET /api/calibration, asked again while the server answers 202;
 * without a server, on request, computed in a worker in this browser.
 */
export function useCalibration(active: boolean): { status: CalibrationStatus; computeHere(): void } {
  const [status, setStatus] = useState<CalibrationStatus>({ kind: 'idle' })
  const worker = useRef<Worker | null>(null)
  const started = useRef(false)

  useEffect(() => {
    if (!active || started.current) return
    started.current = true
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const ask = async () => {
      try {
        const res = await fetch('/api/calibration', { headers: { accept: 'application/json' } })
        if (!alive) return
        if (res.status === 202) {
          const p = (await res.json()) as { done: number; total: number }
          setStatus({ kind: 'computing', where: 'server', done: p.done, total: p.total })
          timer = setTimeout(() => void ask(), POLL_MS)
        } else if (res.ok) setStatus({ kind: 'done', where: 'server', report: (await res.json()) as CalibrationJson })
        else if (res.status >= 500 || res.status === 404) setStatus({ kind: 'offline' })
        else setStatus({ kind: 'error', message: `HTTP ${res.status}` })
      } catch {
        if (alive) setStatus({ kind: 'offline' })
      }
    }
    setStatus({ kind: 'loading' })
    void ask()
    return () => {
      alive = false
      clearTimeout(timer)
      started.current = false
    }
  }, [active])

  useEffect(() => () => worker.current?.terminate(), [])

  const computeHere = useCallback(() => {
    worker.current?.terminate()
    const w = new Worker(new URL('./calibration.worker.ts', import.meta.url), { type: 'module', name: 'pcsim-calibration' })
    worker.current = w
    setStatus({ kind: 'computing', where: 'browser', done: 0, total: 1 })
    w.onmessage = (e: MessageEvent<{ kind: 'progress'; done: number; total: number } | { kind: 'done'; report: CalibrationJson } | { kind: 'error'; message: string }>) => {
      const m = e.data
      if (m.kind === 'progress') setStatus({ kind: 'computing', where: 'browser', done: m.done, total: m.total })
      else if (m.kind === 'done') setStatus({ kind: 'done', where: 'browser', report: m.report })
      else setStatus({ kind: 'error', message: m.message })
    }
    w.postMessage({ trials: BROWSER_TRIALS })
  }, [])

  return { status, computeHere }
}
