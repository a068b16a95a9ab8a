import { HOLDINGS_CSV_COLUMNS } from './holdings-csv.ts'

/** Example rows of the downloadable template: one of each record type (docs/reforecast.md). */
const EXAMPLE: Array<Record<string, string>> = [
  { record: 'fund', fundStart: '2022-01-01', asOf: '2024-12-31', regime: 'normal' },
  { record: 'company', id: 'acme-robotics', sector: 'robotics', round: 'a', lastRoundDate: '2023-09-15', invested: '2.5', ownership: '0.08', postMoney: '30', status: 'active' },
  { record: 'company', id: 'beta-bio', sector: 'biotech', round: 'seed', lastRoundDate: '2022-05-01', invested: '1', ownership: '0.1', postMoney: '8', status: 'written_off', exitDate: '2024-03-31' },
  { record: 'company', id: 'gamma-ai', sector: 'ai', round: 'b', lastRoundDate: '2023-02-01', invested: '3', ownership: '0.05', postMoney: '60', status: 'exited', proceeds: '4.5', exitDate: '2024-06-30', exitRoute: 'sale' },
  { record: 'flow', date: '2022-03-31', calls: '5', distributions: '0', fees: '0.5' },
  { record: 'flow', date: '2024-09-30', calls: '2', distributions: '3', fees: '0.5', nav: '6' },
]

/** The holdings CSV template: the header with every column, and example rows to overwrite. */
export function holdingsTemplateCsv(): string {
  const lines = [HOLDINGS_CSV_COLUMNS.join(',')]
  for (const row of EXAMPLE) lines.push(HOLDINGS_CSV_COLUMNS.map((c) => row[c] ?? '').join(','))
  return lines.join('\n') + '\n'
}
