/** Parameters an issue sentence may use. */
export interface IssueParams {
  limit?: number | string
  allowed?: string
  expected?: string
  sum?: number
  value?: number | string
  other?: string
  field?: string
}

export type IssueCode =
  | 'not_an_object'
  | 'invalid_type'
  | 'required'
  | 'unknown_field'
  | 'invalid_value'
  | 'too_small'
  | 'too_big'
  | 'not_integer'
  | 'too_long'
  | 'too_short'
  | 'invalid_format'
  | 'too_many'
  | 'prototype_key'
  | 'unsupported_version'
  | 'unknown_template'
  | 'weights_not_normalised'
  | 'shares_not_normalised'
  | 'duplicate_id'
  | 'gp_class_count'
  | 'period_exceeds_life'
  | 'year_after_end'
  | 'no_deals'
  | 'too_many_companies'
  | 'over_committed'
  | 'shift_above_low'
  | 'bounds_inverted'
  | 'catch_up_below_carry'
  | 'correlation_order'
  | 'probabilities_exceed_one'
  | 'round_shares_exceed_one'
  | 'invalid_json'
  | 'unknown_preset'
  | 'unknown_scenario'
  | 'unknown_class'
  | 'receiver_is_self'
  | 'gp_not_alone'
  | 'receiver_capped'
  | 'buyer_not_private'
  | 'first_loss_above_commitment'
  | 'loss_cap_above_commitment'
  | 'first_loss_one_class'
  | 'reinvestment_unreachable'
  | 'pipeline_empty'
  | 'terms_not_supported'
  | 'nested_fund_of_funds'
  | 'commitment_above_class'
  | 'cheque_above_valuation'
  | 'tranches_exceed_commitments'
  | 'vintage_beyond_horizon'
  | 'pacing_needs_amounts'
  | 'fof_over_committed'
  | 'needs_sub_funds'
  | 'invalid_date'
  | 'date_before_start'
  | 'date_after_as_of'
  | 'not_positive'
  | 'not_for_status'
  | 'calls_above_commitment'
  | 'cash_short'
  | 'as_of_after_end'
  | 'reforecast_power_law'
  | 'reforecast_fund_of_funds'
  | 'holdings_not_an_object'
  | 'csv_unknown_column'
  | 'csv_cell_not_used'
  | 'csv_unclosed_quote'
  | 'csv_no_header'
  | 'csv_duplicate_row'

/** Where a CSV cell is: 1-based row (the header is row 1) and column, and the column's name. */
export interface CellLocation {
  row: number
  column?: number | undefined
  field?: string | undefined
}

export interface Catalogue {
  issues: Record<IssueCode, (p: IssueParams) => string>
  /** Prefix of an issue found in a CSV file. */
  location: (p: CellLocation) => string
  names: Record<string, string>
}
