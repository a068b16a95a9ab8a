import type { JobKind, JobRecord } from '../db/runs-repository.ts'
import type { JobQueue } from '../jobs/job-queue.ts'

/** The JSON a client sees for a job: the stored record plus live progress. */
export function jobView(record: JobRecord, jobs: JobQueue) {
  const live = jobs.progress(record.id)
  const progress = live ?? { done: record.status === 'done' ? record.total : record.progressDone, total: record.total }
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    progress,
    name: record.name,
    trials: record.trials,
    seed: record.seed,
    engineVersion: record.engineVersion,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...(record.error && { error: record.error }),
    owner: record.owner,
    config: record.config,
    ...(record.result !== undefined && { result: record.result }),
  }
}

export const JOB_PATHS: Record<JobKind, string> = {
  run: 'runs',
  comparison: 'comparisons',
  sensitivity: 'sensitivities',
  solve: 'solves',
  optimisation: 'optimisations',
  reforecast: 'reforecasts',
}

export const jobPath = (kind: JobKind) => JOB_PATHS[kind]

export const jobLinks = (kind: JobKind, id: string) => ({ self: `/api/${jobPath(kind)}/${id}`, events: `/api/${jobPath(kind)}/${id}/events` })
