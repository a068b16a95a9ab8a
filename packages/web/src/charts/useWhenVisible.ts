import { useEffect, useRef, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'

/** Quiet time after the last change before an off-screen group catches up (then in idle time). */
const CATCH_UP_AFTER_MS = 1500

export interface Deferred<T> {
  /** The value to draw, or null while an off-screen group waits to draw a newer one. */
  value: T | null
  pending: boolean
}

/**
 * `value` while the element is on screen (or near it) or the page is printing. Off screen, a new
 * value is not drawn at once but never replaced by an old one: the group is pending (null) until
 * it is scrolled to, printed, or the page has been quiet for a moment and is idle.
 */
export function useWhenVisible<T>(value: T, ref: RefObject<Element | null>): Deferred<T> {
  const [visible, setVisible] = useState(true)
  const [printing, setPrinting] = useState(() => globalThis.matchMedia?.('print').matches ?? false)
  const [drawn, setDrawn] = useState<T>(value)
  const show = visible || printing
  const current = show ? value : drawn
  const last = useRef(current)
  last.current = current
  useEffect(() => {
    if (show) setDrawn(value)
  }, [show, value])
  useEffect(() => {
    const el = ref.current
    if (!el || typeof IntersectionObserver === 'undefined') return
    const io = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: '300px 0px' })
    io.observe(el)
    return () => io.disconnect()
  }, [ref])
  useEffect(() => {
    const media = globalThis.matchMedia?.('print')
    const onMedia = () => setPrinting(media?.matches ?? false)
    // the print dialog snapshots the page right after beforeprint: draw synchronously
    const before = () => flushSync(() => setPrinting(true))
    const after = () => setPrinting(media?.matches ?? false)
    media?.addEventListener('change', onMedia)
    addEventListener('beforeprint', before)
    addEventListener('afterprint', after)
    return () => {
      media?.removeEventListener('change', onMedia)
      removeEventListener('beforeprint', before)
      removeEventListener('afterprint', after)
    }
  }, [])
  // off screen and behind: catch up once changes stop, in idle time
  useEffect(() => {
    if (show || Object.is(drawn, value)) return
    let idle = 0
    const catchUp = () => setDrawn(value)
    const timer = setTimeout(() => {
      idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(catchUp, { timeout: 2000 }) : (setTimeout(catchUp, 0) as unknown as number)
    }, CATCH_UP_AFTER_MS)
    return () => {
      clearTimeout(timer)
      if (idle && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle)
    }
  }, [show, drawn, value])
  const pending = !Object.is(current, value)
  return { value: pending ? null : value, pending }
}
