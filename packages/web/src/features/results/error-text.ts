import { ApiError, OfflineError } from '../../api/client.ts'
import type { Messages } from '../../i18n/en.ts'

/** A readable sentence for a failed call; config issues use the engine's own sentences. */
export function errorText(e: unknown, t: Messages, pick: (m: { en: string; zh: string } | string) => string): string {
  if (e instanceof OfflineError) return t.errors.offline
  if (e instanceof ApiError) {
    const issues = e.body.issues ?? []
    if (issues.length) return issues.map((i) => `${pick(i.message)} (${i.path || '/'})`).join(' ')
    return e.body.message ?? e.message
  }
  return e instanceof Error ? e.message : t.errors.generic
}
