import { Type } from './typebox.ts'

/** A finite number in [min, max]; NaN and infinities fail the JSON type check. */
export const num = (minimum: number, maximum: number, description?: string) =>
  Type.Number({ minimum, maximum, ...(description ? { description } : {}) })

export const int = (minimum: number, maximum: number, description?: string) =>
  Type.Integer({ minimum, maximum, ...(description ? { description } : {}) })

export const share = (description?: string) => num(0, 1, description)

export const oneOf = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(Type.Enum([...values], description ? { description } : {}))

/** An object whose keys are all optional members of `keys`, each mapped to `value`. */
export function keyed<const K extends readonly string[], V extends Type.TSchema>(keys: K, value: V, description?: string) {
  const properties = Object.fromEntries(keys.map((k) => [k, Type.Optional(value)])) as {
    [P in K[number]]: Type.TOptional<V>
  }
  return Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) })
}
