import type { ApiErrorBody, ComparisonRequest, ComparisonStatusBody, Health, JobCreated, Presets, ReforecastRequest, ReforecastStatusBody, RunRequest, RunStatusBody, SavedScenario } from './types.ts'
import type { SimulationConfig } from '@pcsim/engine'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? `HTTP ${status}`)
    this.name = 'ApiError'
  }
}

/** Thrown when the server cannot be reached at all (no response). */
export class OfflineError extends Error {
  constructor(cause: unknown) {
    super('the pcsim server cannot be reached', { cause })
    this.name = 'OfflineError'
  }
}

const BASE = '/api'
const TOKEN_KEY = 'pcsim.apiToken'

/** The bearer token a server with PCSIM_API_TOKEN (writes) or named users (everything) wants; kept for this tab only. */
export const apiToken = {
  get: () => globalThis.sessionStorage?.getItem(TOKEN_KEY) ?? '',
  set: (token: string) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY)),
}

/** True when the server refused a write for want of the right token. */
export const isUnauthorized = (e: unknown) => e instanceof ApiError && e.status === 401

export async function call<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  let res: Response
  // the server words issue messages in the language the page shows
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': document.documentElement.lang || 'en' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  // a server with named users (PCSIM_USERS_FILE) wants the token on reads too; others ignore it there
  const token = apiToken.get()
  if (token) headers.authorization = `Bearer ${token}`
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new OfflineError(e)
  }
  const text = await res.text()
  const json = text ? (JSON.parse(text) as unknown) : undefined
  if (!res.ok) throw new ApiError(res.status, (json ?? {}) as ApiErrorBody)
  return json as T
}

/** Typed calls to the pcsim API (packages/api); results use the engine's own types. */
export const api = {
  async health(timeoutMs = 2000): Promise<Health> {
    const res = await call<Health>('GET', '/health', undefined, { signal: AbortSignal.timeout(timeoutMs) })
    if (typeof res !== 'object' || res === null) throw new OfflineError('bad health reply')
    return res
  },
  presets: () => call<Presets>('GET', '/presets'),
  presetFund: (id: string) => call<SimulationConfig>('GET', `/presets/funds/${encodeURIComponent(id)}`),
  createRun: (body: RunRequest) => call<JobCreated>('POST', '/runs', body),
  getRun: (id: string) => call<RunStatusBody>('GET', `/runs/${encodeURIComponent(id)}`),
  cancelRun: (id: string) => call<unknown>('DELETE', `/runs/${encodeURIComponent(id)}`),
  runEventsUrl: (id: string) => `${BASE}/runs/${encodeURIComponent(id)}/events`,
  createComparison: (body: ComparisonRequest) => call<JobCreated>('POST', '/comparisons', body),
  getComparison: (id: string) => call<ComparisonStatusBody>('GET', `/comparisons/${encodeURIComponent(id)}`),
  cancelComparison: (id: string) => call<unknown>('DELETE', `/comparisons/${encodeURIComponent(id)}`),
  createReforecast: (body: ReforecastRequest) => call<JobCreated>('POST', '/reforecasts', body),
  getReforecast: (id: string) => call<ReforecastStatusBody>('GET', `/reforecasts/${encodeURIComponent(id)}`),
  cancelReforecast: (id: string) => call<unknown>('DELETE', `/reforecasts/${encodeURIComponent(id)}`),
  reforecastEventsUrl: (id: string) => `${BASE}/reforecasts/${encodeURIComponent(id)}/events`,
  listScenarios: () => call<{ items: SavedScenario[] }>('GET', '/scenarios'),
  getScenario: (id: string) => call<SavedScenario>('GET', `/scenarios/${encodeURIComponent(id)}`),
  createScenario: (name: string, config: SimulationConfig) => call<SavedScenario>('POST', '/scenarios', { name, config }),
  updateScenario: (id: string, body: { name: string; config: SimulationConfig; version: number }) =>
    call<SavedScenario>('PUT', `/scenarios/${encodeURIComponent(id)}`, body),
  deleteScenario: (id: string) => call<unknown>('DELETE', `/scenarios/${encodeURIComponent(id)}`),
}

/** Largest trial count the server says it accepts, if it says. */
export function maxTrialsOf(h: Health | null): number | undefined {
  return h?.maxTrials ?? h?.limits?.maxTrials ?? h?.limits?.trials
}
