/** Default fund trials per fund benchmark; about 20–40 s for the whole report on one core. */
export const DEFAULT_CALIBRATION_TRIALS = 10_000
export const MIN_CALIBRATION_TRIALS = 200
export const MAX_CALIBRATION_TRIALS = 200_000
