import { ENGINE_VERSION } from '@pcsim/engine'
import { compareTask, reforecastTask, summariseTask, type PoolTask } from '../jobs/tasks.ts'

/** Piscina task entry of the summary thread: merge and summarise (chunks run on the runner's executor). */
export default function simulate(task: PoolTask): unknown {
  if (task.kind === 'ping') return ENGINE_VERSION
  if (task.kind === 'summarise') return summariseTask(task)
  if (task.kind === 'reforecast') return reforecastTask(task)
  return compareTask(task)
}
