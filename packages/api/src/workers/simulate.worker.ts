import { ENGINE_VERSION } from '@pcsim/engine'
import { Piscina } from 'piscina'
import { chunkBuffers, compareTask, runChunkTask, summariseTask, type PoolTask } from '../jobs/tasks.ts'

/** Piscina task entry: a chunk's typed arrays are moved back to the main thread, not copied. */
export default function simulate(task: PoolTask): unknown {
  if (task.kind === 'ping') return ENGINE_VERSION
  if (task.kind === 'summarise') return summariseTask(task)
  if (task.kind === 'compare') return compareTask(task)
  const chunk = runChunkTask(task)
  return Piscina.move({ [Piscina.transferableSymbol]: chunkBuffers(chunk), [Piscina.valueSymbol]: chunk } as never)
}
