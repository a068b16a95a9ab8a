import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, type ErrorCode } from '../../errors.ts'
import { localiseIssue, pickLanguage } from '../../http/language.ts'
import { validationIssues } from '../../http/validation-issues.ts'
import { SECURITY_HEADERS } from '../external/security-headers.ts'

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PCSIM_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PCSIM_ERR_BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'PCSIM_ERR_BAD_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'PCSIM_ERR_INVALID_REQUEST',
  FST_ERR_BAD_URL: 'PCSIM_ERR_BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'PCSIM_ERR_URI_TOO_LONG',
}

/** Other 4xx statuses (from plugins such as the static file server) keep their status and get a code of their own. */
const STATUS_CODES_4XX: Record<number, ErrorCode> = { 403: 'PCSIM_ERR_FORBIDDEN', 404: 'PCSIM_ERR_NOT_FOUND', 405: 'PCSIM_ERR_METHOD_NOT_ALLOWED', 413: 'PCSIM_ERR_BODY_TOO_LARGE', 414: 'PCSIM_ERR_URI_TOO_LONG', 415: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' }

/** One error body for everything: `{ statusCode, code, error, message, issues? }`, never a stack trace. */
export function toApiError(error: FastifyError | ApiError | Error): ApiError {
  if (error instanceof ApiError) return error
  const fe = error as FastifyError
  if (fe.validation) {
    const part = fe.validationContext === 'body' || !fe.validationContext ? '' : fe.validationContext
    const issues = validationIssues(fe.validation as never, part)
    const first = issues[0]
    return new ApiError('PCSIM_ERR_INVALID_REQUEST', first ? `Invalid request: ${first.message.en} (at ${first.path || '/'})` : undefined, issues)
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined
  if (mapped) return new ApiError(mapped, mapped === 'PCSIM_ERR_INVALID_REQUEST' ? fe.message : undefined)
  const status = fe.statusCode ?? 500
  const byStatus = STATUS_CODES_4XX[status]
  if (byStatus) return new ApiError(byStatus)
  if (status >= 400 && status < 500) {
    const e = new ApiError('PCSIM_ERR_INVALID_REQUEST', fe.message)
    ;(e as { statusCode: number }).statusCode = status
    return e
  }
  return new ApiError('PCSIM_ERR_INTERNAL')
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  const lang = pickLanguage(request.headers['accept-language'])
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value)
  return reply
    .code(error.statusCode)
    .type('application/json; charset=utf-8')
    .send({
      statusCode: error.statusCode,
      code: error.code,
      error: STATUS_CODES[error.statusCode] ?? 'Error',
      message: error.message,
      ...(error.issues && { issues: error.issues.map((i) => localiseIssue(i, lang)) }),
      ...error.extra,
    })
}

export function errorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error)
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ code: apiError.code, statusCode: apiError.statusCode }, 'request rejected')
    return sendError(request, reply, apiError)
  })
}


/**
 * Fastify's `frameworkErrors`: the router's own refusals (bad percent-encoding, an over-long
 * parameter) answer in the app's shape too. They skip the hooks, so the headers are set here.
 */
export function routerErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value)
  request.log.info({ code: error.code }, 'request rejected by the router')
  void sendError(request, reply, toApiError(error))
}

/** The app's error body as raw HTTP/1.1 bytes, for answers written before Fastify has a request. */
export function rawErrorResponse(code: ErrorCode, message?: string): string {
  const error = new ApiError(code, message)
  const body = JSON.stringify({ statusCode: error.statusCode, code, error: STATUS_CODES[error.statusCode] ?? 'Error', message: error.message })
  const headers = { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  return `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`
}

/**
 * Fastify's `clientErrorHandler`: bytes Node's HTTP parser refuses (malformed request line or
 * header, headers too large, a request that never completes) get the app's shape and headers too.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  if (socket.writable) {
    if (error.code === 'HPE_HEADER_OVERFLOW') socket.write(rawErrorResponse('PCSIM_ERR_HEADERS_TOO_LARGE'))
    else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.write(rawErrorResponse('PCSIM_ERR_REQUEST_TIMEOUT'))
    else socket.write(rawErrorResponse('PCSIM_ERR_INVALID_REQUEST', `The request is not valid HTTP/1.1 (${String(error.code ?? 'parse error').slice(0, 40)}).`))
  }
  socket.destroy()
}
