/**
 * Marks every element that scrolls sideways (tables, tab bars) with data-overflows="true" and a
 * data-scroll-hint text, so the stylesheet can show that it scrolls: a fading edge and a line of
 * text. Watches the page for new ones and for size changes; returns a function that stops it.
 */
export function installScrollHints(root: HTMLElement, selector: string, hint: () => string): () => void {
  const resize = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target as HTMLElement)))
  const watched = new WeakSet<Element>()
  const mark = (el: HTMLElement) => {
    const overflows = el.scrollWidth > el.clientWidth + 1
    el.dataset.overflows = String(overflows)
    if (overflows) el.dataset.scrollHint = hint()
  }
  const scan = () => {
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      if (!watched.has(el)) {
        watched.add(el)
        resize.observe(el)
        // a table inside can grow without the box changing size
        const inner = el.firstElementChild
        if (inner) resize.observe(inner)
      }
      mark(el)
    }
  }
  const mutations = new MutationObserver(() => scan())
  mutations.observe(root, { childList: true, subtree: true })
  scan()
  return () => {
    mutations.disconnect()
    resize.disconnect()
  }
}
