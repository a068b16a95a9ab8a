import type { ResolvedRun } from '../model/resolve.ts'

/**
 * The buffers every chunk of one resolved run reuses (workspace, trial records), kept per run.
 * Building them again for each chunk would cost more than the allocation: the second construction
 * of an object literal drops the constness V8 recorded for its fields, and every optimised function
 * that reads them (the whole trial loop) is thrown away and compiled again, in each thread.
 */
export class RunScratch<S> {
  private readonly idle = new WeakMap<ResolvedRun, S>()

  constructor(private readonly make: (run: ResolvedRun) => S) {}

  /** Runs `f` with the run's buffers; a nested call for the same run gets a set of its own. */
  use<R>(run: ResolvedRun, f: (scratch: S) => R): R {
    const s = this.idle.get(run) ?? this.make(run)
    this.idle.delete(run)
    try {
      return f(s)
    } finally {
      this.idle.set(run, s)
    }
  }
}
