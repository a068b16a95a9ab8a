import { useEffect, useState, type RefObject } from 'react'

/** The element's width in px, kept up to date with a ResizeObserver (0 until measured). */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(el.clientWidth)
    if (typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(() => setWidth((w) => (Math.abs(w - el.clientWidth) >= 8 ? el.clientWidth : w)))
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return width
}

/**
 * How many label width units (a Latin character; a Chinese one counts two) fit on a y-axis of a
 * horizontal chart this wide: Chart.js gives that axis at most half the chart's width.
 */
export const labelUnits = (chartWidth: number) => (chartWidth > 0 ? Math.max(12, Math.min(30, Math.floor((chartWidth / 2 - 12) / 6.3))) : 24)
