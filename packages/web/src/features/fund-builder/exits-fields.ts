import type { FieldUnit } from './units.ts'

/** The exit-route and deal-term fields of the builder's exit-market section: config pointer, the key of
 * its label in `t.builder.exits`, and its unit. */
export const EXIT_FIELDS = [
  { pointer: '/market/exits/listingMultiplier', label: 'listingMultiplier', unit: 'multiple' },
  { pointer: '/market/exits/acquisitionMultiplier', label: 'acquisitionMultiplier', unit: 'multiple' },
  { pointer: '/market/exits/transferShare', label: 'transferShare', unit: 'percent' },
  { pointer: '/market/exits/transferDiscount', label: 'transferDiscount', unit: 'percent' },
  { pointer: '/market/exits/lockUpQuarters', label: 'lockUpQuarters', unit: 'quarters' },
  { pointer: '/market/exits/overseasListings/share', label: 'overseasShare', unit: 'percent' },
  { pointer: '/market/exits/overseasListings/lockUpQuarters', label: 'overseasLockUp', unit: 'quarters' },
  { pointer: '/market/exits/oldShareSales/probability', label: 'oldShareProbability', unit: 'percent' },
  { pointer: '/market/exits/oldShareSales/fromMultiple', label: 'oldShareFromMultiple', unit: 'multiple' },
  { pointer: '/market/exits/oldShareSales/fraction', label: 'oldShareFraction', unit: 'percent' },
  { pointer: '/market/exits/oldShareSales/discount', label: 'oldShareDiscount', unit: 'percent' },
  { pointer: '/market/exits/buyBack/triggerYears', label: 'buyBackYears', unit: 'years' },
  { pointer: '/market/exits/buyBack/rate', label: 'buyBackRate', unit: 'percent' },
  { pointer: '/market/exits/buyBack/recovery', label: 'buyBackRecovery', unit: 'percent' },
  { pointer: '/market/listingQueue/toSale', label: 'queueToSale', unit: 'percent' },
  { pointer: '/market/listingQueue/releaseQuarters', label: 'queueRelease', unit: 'quarters' },
] as const satisfies ReadonlyArray<{ pointer: string; label: string; unit: FieldUnit }>

export const DEAL_TERM_FIELDS = [
  { pointer: '/companies/dealTerms/preferenceMultiple', label: 'preferenceMultiple', unit: 'multiple' },
  { pointer: '/companies/dealTerms/participationCap', label: 'participationCap', unit: 'multiple' },
  { pointer: '/companies/dealTerms/downRounds/normal', label: 'downNormal', unit: 'percent' },
  { pointer: '/companies/dealTerms/downRounds/bust', label: 'downBust', unit: 'percent' },
] as const satisfies ReadonlyArray<{ pointer: string; label: string; unit: FieldUnit }>
