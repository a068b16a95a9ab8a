import { useEffect, useRef, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider.tsx'

const TARGETS = ['template', 'sectors', 'histogram', 'full-run', 'tabs']
export const TOUR_SEEN_KEY = 'pcsim.tourSeen'

/** A dismissible guided tour: each step outlines one part of the page. Esc closes it. */
export function Tour({ open, onClose, onStep }: { open: boolean; onClose: () => void; onStep?: (target: string) => void }) {
  const { t } = useI18n()
  const [i, setI] = useState(0)
  const dialog = useRef<HTMLDivElement>(null)
  const steps = t.tour.steps
  useEffect(() => {
    if (open) setI(0)
  }, [open])
  useEffect(() => {
    if (!open) return
    const target = TARGETS[i] ?? ''
    onStep?.(target)
    const el = document.querySelector<HTMLElement>(`[data-tour="${target}"]`)
    el?.classList.add('tour-highlight')
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    dialog.current?.focus()
    return () => el?.classList.remove('tour-highlight')
  }, [open, i, onStep])
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, onClose])
  if (!open) return null
  const [title, text] = steps[i] ?? ['', '']
  const last = i === steps.length - 1
  return (
    <div className="tour" role="dialog" aria-modal="false" aria-labelledby="tour-title" aria-describedby="tour-text" tabIndex={-1} ref={dialog} data-testid="tour">
      <div className="tour-head">
        <span className="hint">{t.tour.step(i + 1, steps.length)}</span>
        <button type="button" className="small ghost" onClick={onClose} aria-label={t.tour.close} data-testid="tour-close">
          ✕
        </button>
      </div>
      <h2 id="tour-title">{title}</h2>
      <p id="tour-text">{text}</p>
      <div className="row">
        <button type="button" className="ghost" disabled={i === 0} onClick={() => setI(i - 1)}>
          {t.tour.back}
        </button>
        <button type="button" className="primary" onClick={() => (last ? onClose() : setI(i + 1))}>
          {last ? t.tour.done : t.tour.next}
        </button>
      </div>
    </div>
  )
}
