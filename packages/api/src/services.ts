import type { Database } from 'better-sqlite3'
import type { AppConfig } from './config.ts'
import type { RunsRepository } from './db/runs-repository.ts'
import type { ScenariosRepository } from './db/scenarios-repository.ts'
import type { JobQueue } from './jobs/job-queue.ts'
import type { SimulationPool } from './jobs/simulation-pool.ts'
import type { SseHub } from './http/sse.ts'

/** What routes need, built once in app.ts and handed to each route plugin as an option. */
export interface Services {
  config: AppConfig
  db: Database
  runs: RunsRepository
  scenarios: ScenariosRepository
  pool: SimulationPool
  jobs: JobQueue
  sse: SseHub
  state: { poolReady: boolean; shuttingDown: boolean }
}
