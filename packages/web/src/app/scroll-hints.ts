/**
 * Marks every element that scrolls sideways (tables, tab bars) with data-overflows="true" and a
 * data-scroll-hint text, so the stylesheet can show that it scrolls: a fading edge and a line of
 * text. New elements are picked up in idle time (no layout is forced while the page renders); a
 * ResizeObserver on each element and its content re-marks it when either changes size. Returns a
 * function that stops it.
 */
export function installScrollHints(root: HTMLElement, selector: string, hint: () => string): () => void {
  const mark = (el: HTMLElement) => {
    const overflows = el.scrollWidth > el.clientWidth + 1
    if (el.dataset.overflows !== String(overflows)) el.dataset.overflows = String(overflows)
    if (overflows && el.dataset.scrollHint !== hint()) el.dataset.scrollHint = hint()
  }
  const resize = new ResizeObserver((entries) => {
    for (const e of entries) {
      const el = (e.target as HTMLElement).closest<HTMLElement>(selector)
      if (el) mark(el)
    }
  })
  const watched = new WeakSet<Element>()
  let pending = 0
  const scan = () => {
    pending = 0
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      if (watched.has(el)) continue
      watched.add(el)
      // (observe fires once at once, which marks it)
      resize.observe(el)
      if (el.firstElementChild) resize.observe(el.firstElementChild)
    }
  }
  const later = () => {
    if (pending) return
    pending = typeof requestIdleCallback === 'function' ? requestIdleCallback(scan, { timeout: 500 }) : (setTimeout(scan, 100) as unknown as number)
  }
  const mutations = new MutationObserver(later)
  mutations.observe(root, { childList: true, subtree: true })
  scan()
  return () => {
    mutations.disconnect()
    resize.disconnect()
    if (pending && typeof cancelIdleCallback === 'function') cancelIdleCallback(pending)
  }
}
