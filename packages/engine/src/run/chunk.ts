import { createWorkspace, simulateTrial, type TrialWorkspace } from '../model/fund-trial.ts'
import type { ResolvedRun } from '../model/resolve.ts'
import { ExactSum } from '../stats/exact-sum.ts'
import { binOf, FAN_GRIDS } from '../stats/fan-grid.ts'
import { CLASS_METRICS, COUNT_METRICS, createTrialRecord, V, VALUE_METRICS, YEAR_METRICS, type CountMetric, type TrialRecord, type ValueMetric } from './metric-ids.ts'
import { governmentTvpi } from '../model/government-tvpi.ts'
import { createFundOfFundsWorkspace, simulateFundOfFundsTrial, type FundOfFundsWorkspace } from '../model/fund-of-funds.ts'
import { RunScratch } from './run-scratch.ts'

/** Results of trials [start, end): per-trial arrays in trial order plus order-free aggregates. */
export interface ChunkResult {
  start: number
  end: number
  years: number
  values: Record<ValueMetric, Float64Array>
  counts: Record<CountMetric, Uint16Array>
  /** Fan-chart bins: [(metric * years + year) * (bins + 2) + bin] */
  fan: Uint32Array
  /** Exact sums (Shewchuk partials) of invested and proceeds per construction cell. */
  cellInvested: number[][]
  cellProceeds: number[][]
  /** Per LP class, per metric of CLASS_METRICS: per-trial values. */
  classes: Float64Array[][]
  /** Per re-investment requirement: achieved multiple per trial. */
  reinvestment: Float64Array[]
  /** Companies backed per construction cell, summed over trials (integers: exact in any order). */
  cellCompanies: number[]
  /** Exact sums over trials of government calls per year (share of government commitments). */
  governmentCallSums: number[][]
  /** Fund-of-funds: each sub-fund's own results for the same trials. */
  subFunds?: ChunkResult[]
  /** Exact sums over trials of the run's extra yearly series (`ResolvedRun.yearSeries`), partials
   * per [series * years + year]; only when the run has such series. */
  yearSums?: number[][]
}

export const FAN_STRIDE = FAN_GRIDS.netTvpi.bins + 2

export type ProgressCallback = (done: number, total: number) => void

/** Collects trial records of one fund into the columns of a chunk result. */
export class ChunkRecorder {
  readonly years: number
  readonly rec: TrialRecord
  private readonly n: number
  private readonly result: ChunkResult
  private readonly valueColumns: Float64Array[]
  private readonly countColumns: Uint16Array[]
  private readonly invested: ExactSum[]
  private readonly proceeds: ExactSum[]
  private readonly govSums: ExactSum[]
  private readonly seriesSums: ExactSum[]
  private readonly govRow = YEAR_METRICS.indexOf('governmentCalls')
  /** FAN_GRIDS in YEAR_METRICS order (read by index, not by name, for every year of every trial). */
  private readonly grids = YEAR_METRICS.map((m) => FAN_GRIDS[m])

  /** `rec`: the run's reused trial record (RunScratch), overwritten trial by trial. */
  constructor(run: ResolvedRun, start: number, end: number, rec: TrialRecord) {
    const n = end - start
    const years = Math.ceil(run.horizon / 4)
    const cells = run.cells.length
    const K = run.config.lpClasses.length
    const R = run.requirements.length
    this.n = n
    this.years = years
    this.rec = rec
    this.seriesSums = Array.from({ length: run.yearSeries.length * years }, () => new ExactSum())
    this.invested = Array.from({ length: cells }, () => new ExactSum())
    this.proceeds = Array.from({ length: cells }, () => new ExactSum())
    this.govSums = Array.from({ length: years }, () => new ExactSum())
    this.result = {
      start,
      end,
      years,
      values: Object.fromEntries(VALUE_METRICS.map((m) => [m, new Float64Array(n)])) as ChunkResult['values'],
      counts: Object.fromEntries(COUNT_METRICS.map((m) => [m, new Uint16Array(n)])) as ChunkResult['counts'],
      fan: new Uint32Array(YEAR_METRICS.length * years * FAN_STRIDE),
      cellInvested: [],
      cellProceeds: [],
      classes: Array.from({ length: K }, () => CLASS_METRICS.map(() => new Float64Array(n))),
      reinvestment: Array.from({ length: R }, () => new Float64Array(n)),
      cellCompanies: new Array<number>(cells).fill(0),
      governmentCallSums: [],
    }
    this.valueColumns = VALUE_METRICS.map((m) => this.result.values[m])
    this.countColumns = COUNT_METRICS.map((m) => this.result.counts[m])
  }

  /** Stores `this.rec` as trial t of the chunk (0-based within the chunk). */
  record(t: number): void {
    const { rec, years, result } = this
    for (let m = 0; m < this.valueColumns.length; m++) this.valueColumns[m]![t] = rec.values[m]!
    for (let m = 0; m < this.countColumns.length; m++) this.countColumns[m]![t] = rec.counts[m]!
    for (let mi = 0; mi < YEAR_METRICS.length; mi++) {
      const grid = this.grids[mi]!
      for (let y = 0; y < years; y++) result.fan[(mi * years + y) * FAN_STRIDE + binOf(grid, rec.years[mi * years + y]!)]! += 1
    }
    const M = CLASS_METRICS.length
    for (let c = 0; c < result.classes.length; c++) for (let m = 0; m < M; m++) result.classes[c]![m]![t] = rec.classes[c * M + m]!
    for (let r = 0; r < result.reinvestment.length; r++) result.reinvestment[r]![t] = rec.reinvestment[r]!
    for (let y = 0; y < years; y++) {
      const g = rec.years[this.govRow * years + y]!
      if (g !== 0) this.govSums[y]!.add(g)
    }
    for (let i = 0; i < this.seriesSums.length; i++) if (rec.series[i] !== 0) this.seriesSums[i]!.add(rec.series[i]!)
    for (let c = 0; c < this.invested.length; c++) {
      result.cellCompanies[c]! += rec.cellCompanies[c]!
      if (rec.cellInvested[c] !== 0) this.invested[c]!.add(rec.cellInvested[c]!)
      if (rec.cellProceeds[c] !== 0) this.proceeds[c]!.add(rec.cellProceeds[c]!)
    }
  }

  finish(subFunds?: ChunkResult[]): ChunkResult {
    const r = this.result
    r.cellInvested = this.invested.map((s) => s.partials)
    r.cellProceeds = this.proceeds.map((s) => s.partials)
    r.governmentCallSums = this.govSums.map((s) => s.partials)
    if (subFunds) r.subFunds = subFunds
    if (this.seriesSums.length > 0) r.yearSums = this.seriesSums.map((x) => x.partials)
    void this.n
    return r
  }
}

/** Thrown by runChunk when its `shouldStop` hook answers true (the caller cancelled the chunk). */
const CHUNK_STOPPED = 'the chunk was stopped before it finished'

/**
 * Runs trials [start, end) of a resolved run. Results depend only on the trial indices.
 * `shouldStop`, asked before each trial, lets a caller cancel cooperatively: runChunk then throws.
 */
export function runChunk(run: ResolvedRun, start: number, end: number, onProgress?: ProgressCallback, progressEvery = 1000, shouldStop?: () => boolean): ChunkResult {
  if (run.subRuns.length > 0) return FUND_OF_FUNDS_SCRATCH.use(run, (s) => runFundOfFundsChunk(run, s, start, end, onProgress, progressEvery, shouldStop))
  return SCRATCH.use(run, (s) => runFundChunk(run, s, start, end, onProgress, progressEvery, shouldStop))
}

interface FundScratch {
  ws: TrialWorkspace
  rec: TrialRecord
  /** The counterfactual without re-investment requirements, when the run has one. */
  pair: { run: ResolvedRun; ws: TrialWorkspace; rec: TrialRecord } | null
}

interface FundOfFundsScratch {
  ws: FundOfFundsWorkspace
  rec: TrialRecord
  subs: TrialRecord[]
}

const recordOf = (run: ResolvedRun, requirements = run.requirements.length) =>
  createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, run.config.lpClasses.length, requirements, run.yearSeries.length)

const SCRATCH = new RunScratch<FundScratch>((run) => ({
  ws: createWorkspace(run),
  rec: recordOf(run),
  pair: run.counterfactual ? { run: run.counterfactual, ws: createWorkspace(run.counterfactual), rec: recordOf(run.counterfactual, 0) } : null,
}))

function runFundChunk(run: ResolvedRun, scratch: FundScratch, start: number, end: number, onProgress?: ProgressCallback, progressEvery = 1000, shouldStop?: () => boolean): ChunkResult {
  const n = end - start
  const { ws, pair } = scratch
  const recorder = new ChunkRecorder(run, start, end, scratch.rec)
  for (let t = 0; t < n; t++) {
    if (shouldStop?.()) throw new Error(CHUNK_STOPPED)
    simulateTrial(run, start + t, ws, recorder.rec)
    if (pair) {
      // the same trial of the same fund without its re-investment requirements: same streams
      simulateTrial(pair.run, start + t, pair.ws, pair.rec)
      const v = recorder.rec.values
      v[V.governmentTvpi] = governmentTvpi(run.config, ws, recorder.rec)
      v[V.noRequirementNetTvpi] = pair.rec.values[V.netTvpi]!
      v[V.noRequirementGovernmentTvpi] = governmentTvpi(pair.run.config, pair.ws, pair.rec)
    }
    recorder.record(t)
    if (onProgress && (t + 1) % progressEvery === 0) onProgress(t + 1, n)
  }
  if (onProgress) onProgress(n, n)
  return recorder.finish()
}

const FUND_OF_FUNDS_SCRATCH = new RunScratch<FundOfFundsScratch>((run) => ({ ws: createFundOfFundsWorkspace(run), rec: recordOf(run), subs: run.subRuns.map((s) => recordOf(s.run)) }))

/** A fund-of-funds chunk: the mother fund's columns, and each sub-fund's own chunk inside. */
function runFundOfFundsChunk(run: ResolvedRun, scratch: FundOfFundsScratch, start: number, end: number, onProgress?: ProgressCallback, progressEvery = 1000, shouldStop?: () => boolean): ChunkResult {
  const n = end - start
  const mother = new ChunkRecorder(run, start, end, scratch.rec)
  const subs = run.subRuns.map((s, i) => new ChunkRecorder(s.run, start, end, scratch.subs[i]!))
  const { ws } = scratch
  for (let t = 0; t < n; t++) {
    if (shouldStop?.()) throw new Error(CHUNK_STOPPED)
    simulateFundOfFundsTrial(run, start + t, ws, mother.rec, subs.map((s) => s.rec))
    mother.record(t)
    subs.forEach((s) => s.record(t))
    if (onProgress && (t + 1) % progressEvery === 0) onProgress(t + 1, n)
  }
  if (onProgress) onProgress(n, n)
  return mother.finish(subs.map((s) => s.finish()))
}

/**
 * The per-trial value columns a merge keeps (a fund-of-funds: each sub-fund's own list, in order);
 * the others merge to empty arrays. A caller that only summarises keeps what the summary reads
 * (`summarisedColumns`): at 1,000,000 trials each column dropped is 8 MB less to hold.
 */
export interface MergeColumns {
  values: readonly ValueMetric[]
  subFunds?: readonly MergeColumns[]
}

/**
 * Joins chunks into one as they arrive, in any order, so a caller holds the merged columns plus
 * the chunks in flight rather than every chunk and then a merged copy. Per-trial columns are copied
 * to their trial offsets; fan bins and company counts are integer sums and the cell sums exact
 * (Shewchuk partials), so the result is the same whatever the order and the split.
 */
export class ChunkMerger {
  private merged: ChunkResult | undefined
  private readonly kept: readonly ValueMetric[]
  private invested: ExactSum[] = []
  private proceeds: ExactSum[] = []
  private govSums: ExactSum[] = []
  private seriesSums: ExactSum[] | undefined
  private readonly ranges: Array<[number, number]> = []
  private subFunds: ChunkMerger[] | undefined

  /** `columns`: the value columns to keep (default: all of them). */
  constructor(
    readonly start: number,
    readonly end: number,
    private readonly columns?: MergeColumns,
  ) {
    this.kept = columns?.values ?? VALUE_METRICS
  }

  add(c: ChunkResult): void {
    if (c.start < this.start || c.end > this.end || c.end < c.start) throw new RangeError(`chunk ${c.start}-${c.end} lies outside trials ${this.start}-${this.end}`)
    const m = (this.merged ??= this.allocate(c))
    if (c.fan.length !== m.fan.length || c.classes.length !== m.classes.length || c.cellInvested.length !== this.invested.length) throw new RangeError(`chunk ${c.start}-${c.end} has another shape than the first chunk of this run`)
    this.ranges.push([c.start, c.end])
    const at = c.start - this.start
    for (const k of this.kept) m.values[k].set(c.values[k], at)
    for (const k of COUNT_METRICS) m.counts[k].set(c.counts[k], at)
    c.classes.forEach((metrics, k) => metrics.forEach((a, i) => m.classes[k]![i]!.set(a, at)))
    c.reinvestment.forEach((a, r) => m.reinvestment[r]!.set(a, at))
    addCounts(m.fan, c.fan)
    c.cellCompanies.forEach((x, i) => (m.cellCompanies[i]! += x))
    c.governmentCallSums.forEach((p, y) => addPartials(this.govSums[y]!, p))
    if ((c.yearSums === undefined) !== (this.seriesSums === undefined) || (c.yearSums && c.yearSums.length !== this.seriesSums!.length)) throw new RangeError(`chunk ${c.start}-${c.end} has other yearly series than the first chunk of this run`)
    c.yearSums?.forEach((p, i) => addPartials(this.seriesSums![i]!, p))
    for (let k = 0; k < this.invested.length; k++) {
      addPartials(this.invested[k]!, c.cellInvested[k]!)
      addPartials(this.proceeds[k]!, c.cellProceeds[k]!)
    }
    if (this.subFunds) {
      if (c.subFunds?.length !== this.subFunds.length) throw new RangeError(`chunk ${c.start}-${c.end} has another number of sub-funds`)
      this.subFunds.forEach((s, k) => s.add(c.subFunds![k]!))
    }
  }

  private allocate(first: ChunkResult): ChunkResult {
    const n = this.end - this.start
    const cells = first.cellInvested.length
    this.invested = Array.from({ length: cells }, () => new ExactSum())
    this.proceeds = Array.from({ length: cells }, () => new ExactSum())
    this.govSums = first.governmentCallSums.map(() => new ExactSum())
    if (first.subFunds) this.subFunds = first.subFunds.map((_, k) => new ChunkMerger(this.start, this.end, this.columns ? this.columns.subFunds?.[k] ?? { values: [] } : undefined))
    if (first.yearSums) this.seriesSums = first.yearSums.map(() => new ExactSum())
    const kept = new Set(this.kept)
    return {
      start: this.start,
      end: this.end,
      years: first.years,
      values: Object.fromEntries(VALUE_METRICS.map((m) => [m, new Float64Array(kept.has(m) ? n : 0)])) as ChunkResult['values'],
      counts: Object.fromEntries(COUNT_METRICS.map((m) => [m, new Uint16Array(n)])) as ChunkResult['counts'],
      fan: new Uint32Array(first.fan.length),
      cellInvested: [],
      cellProceeds: [],
      classes: first.classes.map((metrics) => metrics.map(() => new Float64Array(n))),
      reinvestment: first.reinvestment.map(() => new Float64Array(n)),
      cellCompanies: new Array<number>(cells).fill(0),
      governmentCallSums: [],
    }
  }

  /** The merged chunk; throws unless the chunks added cover the range exactly once. */
  result(): ChunkResult {
    if (!this.merged) throw new RangeError('mergeChunks needs at least one chunk')
    const sorted = [...this.ranges].sort((a, b) => a[0] - b[0])
    let at = this.start
    for (const [a, b] of sorted) {
      if (a !== at) throw new RangeError(`chunks are not contiguous at trial ${at}`)
      at = b
    }
    if (at !== this.end) throw new RangeError(`chunks are not contiguous at trial ${at}`)
    const m = this.merged
    m.cellInvested = this.invested.map((s) => s.partials)
    m.cellProceeds = this.proceeds.map((s) => s.partials)
    m.governmentCallSums = this.govSums.map((s) => s.partials)
    if (this.subFunds) m.subFunds = this.subFunds.map((s) => s.result())
    if (this.seriesSums) m.yearSums = this.seriesSums.map((s) => s.partials)
    return m
  }
}

// The merge's loops are functions of their own: inlined into ChunkMerger.add they made it one large
// function that V8 compiled five times in a 100,000-trial run (95 ms), as chunks from worker threads
// (structured clones, other object shapes) reached it beside chunks made on this thread.
function addCounts(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i++) into[i]! += from[i]!
}

function addPartials(sum: ExactSum, partials: readonly number[]): void {
  for (let i = 0; i < partials.length; i++) sum.add(partials[i]!)
}

/** Joins chunks covering a contiguous range into one; the same numbers whatever the split. */
export function mergeChunks(chunks: ChunkResult[], columns?: MergeColumns): ChunkResult {
  if (chunks.length === 0) throw new RangeError('mergeChunks needs at least one chunk')
  const merger = new ChunkMerger(Math.min(...chunks.map((c) => c.start)), Math.max(...chunks.map((c) => c.end)), columns)
  for (const c of chunks) merger.add(c)
  return merger.result()
}
