import type { ConfigIssue } from '@pcsim/engine'

/** Every error code the API answers with, its HTTP status and default sentence (docs/api.md lists them). */
export const ERRORS = {
  PCSIM_ERR_INVALID_CONFIG: { status: 400, message: 'The simulation config is not valid; see issues.' },
  PCSIM_ERR_INVALID_REQUEST: { status: 400, message: 'The request is not valid; see issues.' },
  PCSIM_ERR_INVALID_HOLDINGS: { status: 400, message: 'The holdings file is not valid; see issues (CSV issues give the row and column).' },
  PCSIM_ERR_BAD_URL: { status: 400, message: 'The request target is not a valid path.' },
  PCSIM_ERR_BAD_ENCODING: { status: 400, message: 'The body is not valid UTF-8 (JSON is UTF-8, RFC 8259 §8.1).' },
  PCSIM_ERR_BAD_JSON: { status: 400, message: 'The body is not valid JSON.' },
  PCSIM_ERR_FORBIDDEN_KEY: { status: 400, message: 'The body contains a forbidden key (__proto__, constructor or prototype).' },
  PCSIM_ERR_TOO_DEEP: { status: 400, message: 'The body is nested too deeply.' },
  PCSIM_ERR_UNKNOWN_PRESET: { status: 400, message: 'Unknown fund template.' },
  PCSIM_ERR_UNKNOWN_SCENARIO: { status: 400, message: 'Unknown scenario.' },
  PCSIM_ERR_TRIALS_LIMIT: { status: 400, message: 'Too many trials for this server.' },
  PCSIM_ERR_UNAUTHORIZED: { status: 401, message: 'This request needs "Authorization: Bearer <token>".' },
  PCSIM_ERR_FORBIDDEN: { status: 403, message: 'This path is not served (it leaves the served folder or names a hidden file).' },
  PCSIM_ERR_NOT_FOUND: { status: 404, message: 'Not found.' },
  PCSIM_ERR_RUN_NOT_FOUND: { status: 404, message: 'No run with this id.' },
  PCSIM_ERR_COMPARISON_NOT_FOUND: { status: 404, message: 'No comparison with this id.' },
  PCSIM_ERR_REFORECAST_NOT_FOUND: { status: 404, message: 'No reforecast with this id.' },
  PCSIM_ERR_SCENARIO_NOT_FOUND: { status: 404, message: 'No saved scenario with this id.' },
  PCSIM_ERR_PRESET_NOT_FOUND: { status: 404, message: 'No fund template with this id.' },
  PCSIM_ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  PCSIM_ERR_ALREADY_FINISHED: { status: 409, message: 'The job has already finished.' },
  PCSIM_ERR_NOT_FINISHED: { status: 409, message: 'The job has not finished yet.' },
  PCSIM_ERR_REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time.' },
  PCSIM_ERR_VERSION_CONFLICT: { status: 409, message: 'The scenario was changed by someone else; reload it and apply your change again.' },
  PCSIM_ERR_BODY_TOO_LARGE: { status: 413, message: 'The body is larger than this server accepts.' },
  PCSIM_ERR_URI_TOO_LONG: { status: 414, message: 'A part of the URL is longer than this server accepts.' },
  PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send JSON with "Content-Type: application/json".' },
  PCSIM_ERR_HOST_NOT_ALLOWED: { status: 421, message: 'This server does not answer for that Host (see PCSIM_ALLOWED_HOSTS).' },
  PCSIM_ERR_HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are larger than this server accepts.' },
  PCSIM_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests; wait before retrying.' },
  PCSIM_ERR_INTERNAL: { status: 500, message: 'Internal server error.' },
  PCSIM_ERR_QUEUE_FULL: { status: 503, message: 'Too many jobs are queued or running; retry later.' },
  PCSIM_ERR_SHUTTING_DOWN: { status: 503, message: 'The server is shutting down.' },
  PCSIM_ERR_NOT_READY: { status: 503, message: 'The worker pool is still starting.' },
  // Job errors (stored on a failed job, never an HTTP status of their own)
  PCSIM_ERR_INTERRUPTED: { status: 500, message: 'The server stopped before this job finished; submit it again.' },
  PCSIM_ERR_SIMULATION_FAILED: { status: 500, message: 'The simulation failed.' },
  // Job errors of runs on Redis workers (PCSIM_REDIS_URL; docs/scale-out.md)
  PCSIM_ERR_REDIS_UNAVAILABLE: { status: 503, message: 'Redis, which hands chunks to the workers, could not be reached.' },
  PCSIM_ERR_CHUNK_LOST: { status: 500, message: 'A chunk of the run was lost from Redis (restarted without its data?); submit the job again.' },
  PCSIM_ERR_CHUNK_FAILED: { status: 500, message: 'A chunk of the run failed on every try.' },
  PCSIM_ERR_NO_WORKERS: { status: 503, message: 'No worker reads the queue; start one with "pcsim worker --redis <url>".' },
} as const

export type ErrorCode = keyof typeof ERRORS

/** An error the API answers with as `{ statusCode, code, error, message, issues?, ...extra }`. */
export class ApiError extends Error {
  readonly statusCode: number
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    readonly issues?: ConfigIssue[],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.statusCode = ERRORS[code].status
  }
}

export const apiError = (code: ErrorCode, message?: string, issues?: ConfigIssue[]) => new ApiError(code, message, issues)
