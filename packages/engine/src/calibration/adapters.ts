/**
 * The places where the calibration report reads parts of the model that are still being built
 * (exit routes by type, the Chinese market profile). Each benchmark goes through these functions,
 * so switching to the new outputs is a change here only. See CONTRACTS.md ("calibrate").
 */
import { ACQUIRED, BUYBACK, LISTED, TRANSFER, type EventBuffer } from '../model/events.ts'

/** Exit routes the report counts, in the categories of 清科's exit statistics (calibration.md §2.4). */
export const EXIT_ROUTES = ['ipo', 'trade_sale', 'buy_back', 'share_transfer'] as const
export type ExitRoute = (typeof EXIT_ROUTES)[number]

/**
 * ADAPTER (exit routes). Today a company leaves by trade sale (ACQUIRED) or listing (LISTED) only.
 * When the engine emits buy-backs (回购) and share transfers (股权转让), map their event types here
 * and add them to MODELLED_EXIT_ROUTES.
 */
export function exitRouteOf(events: EventBuffer, e: number): ExitRoute | null {
  const type = events.type[e]
  if (type === LISTED) return 'ipo'
  if (type === ACQUIRED) return 'trade_sale'
  if (type === TRANSFER) return 'share_transfer'
  if (type === BUYBACK) return 'buy_back'
  return null
}

/** Routes `exitRouteOf` can return today. */
export const MODELLED_EXIT_ROUTES: ReadonlySet<ExitRoute> = new Set<ExitRoute>(['ipo', 'trade_sale', 'share_transfer', 'buy_back'])

/**
 * ADAPTER (Chinese market). Config overrides that put a cohort or fund in the Chinese market:
 * today the Chinese presets (yuan, US model rescaled). When the `cn` market profile lands, the
 * presets carry it ("every Chinese preset uses cn"); if it must be set explicitly, set it here.
 */
export const CHINA_ANGEL_PRESET = 'gov-angel-fund'
export const CHINA_VC_PRESET = 'ai-industry-fund'
export function chineseMarket(preset: string): Record<string, unknown> {
  return { template: preset }
}
