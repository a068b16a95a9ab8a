import { useEffect, useRef, useState, type RefObject } from 'react'

/**
 * `value` while the element is on screen (or near it); the last value shown while it is not.
 * Charts far off screen then skip redrawing on every preview and catch up when scrolled to.
 */
export function useWhenVisible<T>(value: T, ref: RefObject<Element | null>): T {
  const [visible, setVisible] = useState(true)
  const shown = useRef(value)
  if (visible) shown.current = value
  useEffect(() => {
    const el = ref.current
    if (!el || typeof IntersectionObserver === 'undefined') return
    const io = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: '300px 0px' })
    io.observe(el)
    return () => io.disconnect()
  }, [ref])
  return visible ? value : shown.current
}
