import type { WorkerReply, WorkerRequest, WorkerTask } from './protocol.ts'

export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}

interface Task {
  id: number
  request: WorkerTask
  transfer: Transferable[]
  onProgress?: (done: number) => void
  resolve: (r: WorkerReply) => void
  reject: (e: Error) => void
}

interface Slot {
  worker: Worker
  task: Task | null
  startedAt: number
  /** The task was cancelled but left to finish (its reply is ignored). */
  abandoned: boolean
}

const spawn = () => new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module', name: 'pcsim-engine' })

export interface PoolOptions {
  size: number
  /**
   * On cancel, a worker whose task has run longer than this is terminated and replaced; a younger
   * task is left to finish and its reply dropped. A fresh worker must load the engine and warm up
   * its JIT (≈0.5 s on 2 cores), so terminating only pays for long tasks. 0 = always terminate.
   */
  terminateAfterMs: number
}

/** A few engine workers, one task each at a time, fed from a queue that cancel() empties. */
export class WorkerPool {
  private slots: Slot[] = []
  private queue: Task[] = []
  private nextId = 1

  constructor(readonly options: PoolOptions) {}

  get size(): number {
    return this.options.size
  }

  private ensure(): void {
    while (this.slots.length < this.options.size) this.slots.push(this.start())
  }

  private start(): Slot {
    const slot: Slot = { worker: spawn(), task: null, startedAt: 0, abandoned: false }
    slot.worker.onmessage = (e: MessageEvent<WorkerReply>) => this.onReply(slot, e.data)
    slot.worker.onerror = (e) => {
      e.preventDefault()
      const task = slot.task
      this.replace(slot)
      if (task) task.reject(new Error(e.message || 'worker error'))
      this.pump()
    }
    return slot
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const task = slot.task
    if (!task || reply.id !== task.id) return
    if (reply.kind === 'progress') {
      if (!slot.abandoned) task.onProgress?.(reply.done)
      return
    }
    slot.task = null
    if (!slot.abandoned) {
      if (reply.kind === 'error') task.reject(new Error(reply.message))
      else task.resolve(reply)
    }
    slot.abandoned = false
    this.pump()
  }

  private replace(slot: Slot): void {
    slot.worker.terminate()
    this.slots = this.slots.filter((s) => s !== slot)
    this.ensure()
  }

  private pump(): void {
    this.ensure()
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue
      const task = this.queue.shift()!
      slot.task = task
      slot.startedAt = performance.now()
      slot.worker.postMessage({ ...task.request, id: task.id } as WorkerRequest, task.transfer)
    }
  }

  /** Starts the workers (module load) ahead of the first task. */
  warm(): void {
    this.ensure()
  }

  run(request: WorkerTask, transfer: Transferable[] = [], onProgress?: (done: number) => void): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, transfer, onProgress, resolve, reject })
      this.pump()
    })
  }

  /** Drops queued tasks and stops the running ones; every pending promise rejects with CancelledError. */
  cancel(): void {
    const queued = this.queue
    this.queue = []
    for (const t of queued) t.reject(new CancelledError())
    const now = performance.now()
    for (const slot of [...this.slots]) {
      if (!slot.task || slot.abandoned) continue
      slot.task.reject(new CancelledError())
      if (now - slot.startedAt >= this.options.terminateAfterMs) this.replace(slot)
      else slot.abandoned = true
    }
  }
}
