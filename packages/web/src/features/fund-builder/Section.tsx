import { useState, type ReactNode } from 'react'

const wide = () => globalThis.matchMedia?.('(min-width: 900px)').matches ?? true

/** A collapsible builder section: open on wide screens, closed on phones unless `open`. */
export function Section({ title, open, children, tour }: { title: string; open?: boolean; children: ReactNode; tour?: string }) {
  const [isOpen, setOpen] = useState(() => open ?? wide())
  return (
    <details className="section" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)} data-tour={tour}>
      <summary>
        <h3>{title}</h3>
      </summary>
      <div className="section-body">{children}</div>
    </details>
  )
}
