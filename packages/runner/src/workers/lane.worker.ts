import { receiveMessageOnPort, workerData } from 'node:worker_threads'
import { resolveRun, runChunk, type ResolvedRun } from '@pcsim/engine'
import type { LaneJob, LaneReply, LaneWorkerData } from '../lanes.ts'

/**
 * A lane worker: holds every job offered to it and runs the lowest-numbered one no lane has taken
 * yet, one after another, until none is left; then waits for the next offer.
 */
const { port, next } = workerData as LaneWorkerData
const offered = new Map<number, LaneJob>()
/** Resolved runs by config key, the most recently used last. */
const runs = new Map<number, ResolvedRun>()
const RUNS_KEPT = 4

function runOf(job: LaneJob): ResolvedRun {
  let run = runs.get(job.key)
  if (run) runs.delete(job.key)
  else run = resolveRun(job.config)
  runs.set(job.key, run)
  if (runs.size > RUNS_KEPT) runs.delete(runs.keys().next().value!)
  return run
}

/** Takes the next job from the shared counter, or none when it is taken or not offered here yet. */
function take(): LaneJob | undefined {
  for (;;) {
    const i = Atomics.load(next, 0)
    for (const k of offered.keys()) if (k < i) offered.delete(k)
    const job = offered.get(i)
    if (!job) return undefined
    if (Atomics.compareExchange(next, 0, i, i + 1) === i) {
      offered.delete(i)
      return job
    }
  }
}

function reply(r: LaneReply): void {
  port.postMessage(r)
}

function run(job: LaneJob): void {
  const stopped = () => Atomics.load(job.stop, 0) === 1
  try {
    if (stopped()) throw new Error('the chunk was cancelled before it started')
    const chunk = runChunk(runOf(job), job.start, job.end, (done) => reply({ kind: 'progress', index: job.index, done }), 500, stopped)
    // The chunk's arrays are copied to the caller, not transferred: the first ArrayBuffer a thread
    // detaches invalidates V8's detaching protector, and every optimised function that reads a typed
    // array (the whole trial loop) is thrown away and compiled again. A copy costs ~1 ms a chunk.
    reply({ kind: 'chunk', index: job.index, chunk })
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error))
    reply({ kind: 'error', index: job.index, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } })
  }
}

function work(): void {
  for (;;) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) offer(m.message as LaneJob)
    const job = take()
    if (!job) return
    run(job)
  }
}

function offer(job: LaneJob): void {
  offered.set(job.index, job)
}

port.on('message', (job: LaneJob) => {
  offer(job)
  work()
})
