import type { ComparisonResult, PlanVsActual, PresetEntry, RunResult, SimulationConfig } from '@pcsim/engine'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export interface Health {
  status?: string
  /** Largest trial count the server accepts, when it says so. */
  maxTrials?: number
  limits?: { maxTrials?: number; trials?: number }
}

export interface Presets {
  sectors: PresetEntry[]
  stages: PresetEntry[]
  funds: PresetEntry[]
  scenarios: PresetEntry[]
}

export interface JobCreated {
  id: string
  status: JobStatus
  links?: { self?: string; events?: string }
}

export interface RunStatusBody {
  id: string
  status: JobStatus
  progress: { done: number; total: number }
  result?: RunResult
  error?: unknown
}

export interface ComparisonStatusBody {
  id?: string
  status: JobStatus
  progress?: { done: number; total: number }
  result?: ComparisonResult
  error?: unknown
}

export interface RunRequest {
  config?: unknown
  preset?: string
  scenarios?: string[]
  trials?: number
  seed?: string | number
  name?: string
}

export interface ComparisonRequest {
  items: Array<{ config?: unknown; preset?: string; scenarios?: string[]; name?: string }>
  trials?: number
  seed?: string | number
}

export interface ReforecastRequest {
  config: unknown
  /** The holdings file: the parsed JSON object, or the CSV text. */
  holdings: unknown
  asOf?: string
  regime?: string
  /** A config, or a saved scenario id. */
  plan?: unknown
  trials?: number
  seed?: string | number
  name?: string
}

/** POST /api/reforecasts' result: the run from today, the plan from day 0, and how they compare. */
export interface ReforecastResult {
  run: RunResult
  plan: RunResult
  planVsActual: PlanVsActual
}

export interface ReforecastStatusBody {
  id?: string
  status: JobStatus
  progress?: { done: number; total: number }
  result?: ReforecastResult
  error?: unknown
}

export interface SavedScenario {
  id: string
  name: string
  version: number
  config: SimulationConfig
  createdAt?: string
  updatedAt?: string
}

/** An issue as the API reports it; the message may be one sentence or both languages. */
export interface ApiIssue {
  path: string
  code: string
  message: string | { en: string; zh: string }
  params?: Record<string, unknown>
}

export interface ApiErrorBody {
  statusCode?: number
  code?: string
  message?: string
  issues?: ApiIssue[]
}
