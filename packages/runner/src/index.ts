export { CancelledError, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
export { InThreadExecutor } from './in-thread.ts'
export { ThreadPoolExecutor } from './thread-pool.ts'
export { HybridExecutor } from './hybrid.ts'
export {
  RedisExecutor,
  RedisRunError,
  startWorker,
  assertRedisReachable,
  assertJsonSafe,
  redact,
  DEFAULT_QUEUE,
  REDIS_DEFAULTS,
  type RedisErrorCode,
  type RedisOptions,
  type WorkerOptions,
  type WorkerEvent,
  type WorkerHandle,
} from './redis.ts'
export { runWith, compareWith, chunkPlan, DEFAULT_CHUNK_SIZE, MIN_TAIL_CHUNK, type RunWithOptions } from './simulate.ts'
export { compileOnComputingThreads, WorkerLanes, type LaneJob, type LaneReply } from './lanes.ts'
export {
  createExecutor,
  executorFromEnv,
  choiceForRun,
  choiceForTrials,
  redisUrlFromEnv,
  checkRedisUrl,
  workerLockFromEnv,
  ExecutorConfigError,
  EXECUTOR_KINDS,
  type ExecutorChoice,
  type ExecutorKind,
} from './select.ts'
export { CROSSOVER, estimatedSeconds, poolPays, trialMicros } from './crossover.ts'
export { encodeChunk, decodeChunk, encodeChunkSync, decodeChunkSync } from './chunk-codec.ts'
export { queueStatus, removeQueue, type QueueStatus, type RunningChunk } from './admin.ts'
export { trialsOn } from './decide-trials.ts'
export { workerEntry } from './worker-entry.ts'
