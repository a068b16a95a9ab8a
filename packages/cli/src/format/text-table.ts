/** Plain-text column layout for terminal tables, aware of double-width (CJK) characters. */

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1
  return w
}

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return align === 'left' ? text + fill : fill + text
}

/**
 * Rows of cells laid out in columns two spaces apart: the first column left-aligned, the others
 * right-aligned (numbers), unless `align` says otherwise. Each line starts with `indent`.
 */
export function layout(rows: readonly (readonly string[])[], options: { indent?: string; align?: Array<'left' | 'right'> } = {}): string[] {
  const { indent = '  ', align = [] } = options
  const columns = Math.max(0, ...rows.map((r) => r.length))
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((r) => displayWidth(r[c] ?? ''))))
  return rows.map((row) => {
    const cells = row.map((cell, c) => pad(cell, widths[c]!, align[c] ?? (c === 0 ? 'left' : 'right')))
    return (indent + cells.join('  ')).trimEnd()
  })
}

/** A titled block: the title, then the laid-out rows. */
export function section(title: string, rows: readonly (readonly string[])[], options?: Parameters<typeof layout>[1]): string {
  return [title, ...layout(rows, options)].join('\n')
}
