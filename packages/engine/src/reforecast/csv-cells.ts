/** One cell of a CSV file and where it is (1-based row and column). */
export interface CsvCell {
  text: string
  row: number
  column: number
}

export type CsvRead = { ok: true; rows: CsvCell[][] } | { ok: false; row: number; column: number }

/**
 * RFC 4180 cells: comma-separated, double-quoted cells may hold commas, line breaks and doubled
 * quotes; CRLF or LF line ends; a byte-order mark is skipped; blank lines are dropped. Fails (with
 * the cell's place) only on a quote that is never closed.
 */
export function readCsv(text: string): CsvRead {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const rows: CsvCell[][] = []
  let row: CsvCell[] = []
  let cell = ''
  let line = 1
  let rowLine = 1
  let quoted = false
  let quoteLine = 0
  let quoteColumn = 0
  const endCell = () => {
    row.push({ text: cell, row: rowLine, column: row.length + 1 })
    cell = ''
  }
  const endRow = () => {
    endCell()
    if (row.some((c) => c.text.trim() !== '')) rows.push(row)
    row = []
  }
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      continue
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true
      quoteLine = line
      quoteColumn = row.length + 1
      cell = ''
    } else if (ch === ',') endCell()
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else cell += ch
  }
  if (quoted) return { ok: false, row: quoteLine, column: quoteColumn }
  endRow()
  return { ok: true, rows }
}
