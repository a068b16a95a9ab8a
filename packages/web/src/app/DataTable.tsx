import type { ReactNode } from 'react'

/** A table whose first column heads its row; `scroll` wraps it so that a wide one scrolls on a phone. */
export function DataTable({ head, rows, testId, scroll = false }: { head: string[]; rows: ReactNode[][]; testId?: string; scroll?: boolean }) {
  const table = (
    <table data-testid={testId}>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((cell, j) =>
              j === 0 ? (
                <th scope="row" key={j}>
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
  return scroll ? <div className="table-scroll">{table}</div> : table
}
