import {
  absDependencies,
  addDependencies,
  andDependencies,
  compileDependencies,
  create,
  divideDependencies,
  equalDependencies,
  largerDependencies,
  largerEqDependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  notDependencies,
  orDependencies,
  parseDependencies,
  powDependencies,
  smallerDependencies,
  smallerEqDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unequalDependencies,
  type FactoryFunctionMap,
  type MathNode,
} from 'mathjs/number'
import { DecideError } from './errors.ts'
import { CLASS_SAMPLE_METRICS, isStatFunction, keyId, SAMPLE_METRICS, SCALAR_METRICS, type ScalarMetric, type StatKey } from './metrics.ts'

/**
 * Expressions over run metrics, parsed and compiled by mathjs with only the operators and the few
 * functions they need. Only coordinators import this module (through `@pcsim/engine/decide`):
 * the chunk workers never load mathjs; they produce per-trial columns, and the coordinator reads
 * the statistics an expression names off the merged columns and evaluates it on those numbers.
 */
const DEPENDENCIES = {
  parseDependencies,
  compileDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  powDependencies,
  smallerDependencies,
  smallerEqDependencies,
  largerDependencies,
  largerEqDependencies,
  equalDependencies,
  unequalDependencies,
  andDependencies,
  orDependencies,
  notDependencies,
  absDependencies,
  minDependencies,
  maxDependencies,
  sqrtDependencies,
  logDependencies,
}
const math = create(DEPENDENCIES as FactoryFunctionMap)

export const PLAIN_FUNCTIONS = ['abs', 'min', 'max', 'sqrt', 'log'] as const
const COMPARISONS: Record<string, '=' | '<=' | '>='> = { equal: '=', smallerEq: '<=', smaller: '<=', largerEq: '>=', larger: '>=' }
const LOGICAL = new Set(['and', 'or', 'not', 'xor', 'unequal', ...Object.keys(COMPARISONS)])

/** A compiled expression and the run statistics it reads. */
export interface Expression {
  source: string
  keys: StatKey[]
  /** Evaluates it on the statistics (in the order of `keys`). */
  evaluate(values: ArrayLike<number>): number | boolean
  /** The key it is, when the whole expression is one statistic (so its interval can be paired per trial). */
  single: number | null
  returns: 'number' | 'boolean'
}

export interface ExpressionContext {
  /** LP class ids of the config, for `class("id")`. */
  classes: string[]
}

const NAMES_HINT = [...SCALAR_METRICS, ...SAMPLE_METRICS.slice(0, 6), '…', 'class("id").p50(netTvpi)'].join(', ')
const FUNCTIONS_HINT = [...['mean', 'sd', 'p1…p99'], ...PLAIN_FUNCTIONS, 'class'].join(', ')

/** 1-based position of the first identifier `name` outside string literals (0 when absent). */
function positionOf(source: string, name: string): number {
  const re = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*/g
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[0] === name) return m.index + 1
  return 0
}

function parse(source: string, where: string): MathNode {
  // A lone "=" reads as equality (`p50(netTvpi) = 3`), not as mathjs assignment.
  const eq = /(?<![<>=!])=(?!=)/.exec(source)
  const text = eq ? `${source.slice(0, eq.index)}==${source.slice(eq.index + 1)}` : source
  if (source.trim() === '') throw new DecideError('expr_syntax', { expr: source, detail: 'empty expression', position: 1 }, where, 1)
  try {
    return math.parse(text)
  } catch (error) {
    const e = error as { message: string; char?: number }
    let position = typeof e.char === 'number' ? e.char : 1
    if (eq && position > eq.index + 1) position -= 1
    const detail = e.message.replace(/\s*\(char \d+\)\s*$/, '')
    throw new DecideError('expr_syntax', { expr: source, detail, position }, where, position)
  }
}

const unwrap = (n: MathNode): MathNode => (n.type === 'ParenthesisNode' ? unwrap((n as unknown as { content: MathNode }).content) : n)

/**
 * Parses an expression and replaces each statistic it names by a symbol the evaluation fills in.
 * Errors name the position (1-based character) of the unknown name or the bad syntax.
 */
export function compileExpression(source: string, ctx: ExpressionContext, where = 'expression'): Expression {
  const root = parse(source, where)
  const keys: StatKey[] = []
  const ids = new Map<string, number>()
  const symbolFor = (k: StatKey): MathNode => {
    const id = keyId(k)
    let i = ids.get(id)
    if (i === undefined) {
      i = keys.length
      ids.set(id, i)
      keys.push(k)
    }
    return new math.SymbolNode(`_k${i}`)
  }
  const fail = (code: 'expr_unknown_name' | 'expr_unknown_function' | 'expr_bad_argument' | 'expr_unknown_class', name: string, allowed = ''): never => {
    const quoted = code === 'expr_unknown_class' ? Math.max(source.indexOf(`"${name}"`), source.indexOf(`'${name}'`)) : -1
    const position = quoted >= 0 ? quoted + 2 : positionOf(source, name)
    throw new DecideError(code, { expr: source, name, position, allowed }, where, position)
  }
  const classIndex = (node: MathNode): number => {
    const f = node as unknown as { type: string; fn?: { name?: string }; args?: MathNode[] }
    const arg = f.args?.[0] as unknown as { type: string; value?: unknown } | undefined
    if (f.type !== 'FunctionNode' || f.fn?.name !== 'class' || f.args?.length !== 1 || arg?.type !== 'ConstantNode' || typeof arg.value !== 'string')
      return fail('expr_bad_argument', 'class')
    const k = ctx.classes.indexOf(arg.value as string)
    return k >= 0 ? k : fail('expr_unknown_class', arg.value as string, ctx.classes.join(', '))
  }
  const statCall = (name: string, args: MathNode[], cls?: number): MathNode => {
    const a = args[0] as unknown as { type: string; name?: string } | undefined
    const metrics = cls === undefined ? SAMPLE_METRICS : CLASS_SAMPLE_METRICS
    if (args.length !== 1 || a?.type !== 'SymbolNode') return fail('expr_bad_argument', name)
    if (!metrics.includes(a.name!)) return fail('expr_unknown_name', a.name!, metrics.join(', '))
    return symbolFor({ kind: 'stat', stat: name, metric: a.name!, ...(cls === undefined ? {} : { cls }) })
  }
  const named = (name: string, cls?: number): MathNode | null => {
    if ((SCALAR_METRICS as readonly string[]).includes(name)) return symbolFor({ kind: 'scalar', name: name as ScalarMetric, ...(cls === undefined ? {} : { cls }) })
    const metrics = cls === undefined ? SAMPLE_METRICS : CLASS_SAMPLE_METRICS
    if (metrics.includes(name)) return symbolFor({ kind: 'stat', stat: 'mean', metric: name, ...(cls === undefined ? {} : { cls }) })
    return null
  }
  const lowered = root.transform((node, path) => {
    const n = node as unknown as { type: string; name?: string; fn?: MathNode; args?: MathNode[]; object?: MathNode; index?: { dimensions: MathNode[] }; value?: unknown }
    switch (n.type) {
      case 'FunctionNode': {
        const fn = n.fn as unknown as { type: string; name?: string; object?: MathNode; index?: { dimensions: Array<{ value?: unknown }> } }
        if (fn.type === 'SymbolNode') {
          if (isStatFunction(fn.name!)) return statCall(fn.name!, n.args!)
          if ((PLAIN_FUNCTIONS as readonly string[]).includes(fn.name!)) return node
          return fail('expr_unknown_function', fn.name!, FUNCTIONS_HINT)
        }
        if (fn.type === 'AccessorNode') {
          const cls = classIndex(fn.object!)
          const prop = String(fn.index?.dimensions[0]?.value ?? '')
          if (isStatFunction(prop)) return statCall(prop, n.args!, cls)
          return fail('expr_unknown_function', prop, 'mean, sd, p1…p99')
        }
        return fail('expr_unknown_function', source, FUNCTIONS_HINT)
      }
      case 'AccessorNode': {
        const cls = classIndex(n.object!)
        const prop = String((n.index?.dimensions[0] as unknown as { value?: unknown })?.value ?? '')
        return named(prop, cls) ?? fail('expr_unknown_name', prop, [...SCALAR_METRICS, ...CLASS_SAMPLE_METRICS].join(', '))
      }
      case 'SymbolNode':
        if (path === 'fn') return node
        return named(n.name!) ?? fail('expr_unknown_name', n.name!, NAMES_HINT)
      case 'ConstantNode':
        if (typeof n.value === 'number' || typeof n.value === 'boolean') return node
        return fail('expr_bad_argument', 'class')
      case 'OperatorNode':
      case 'ParenthesisNode':
        return node
      default: {
        const position = 1
        throw new DecideError('expr_syntax', { expr: source, detail: `${n.type.replace(/Node$/, '').toLowerCase()} is not supported`, position }, where, position)
      }
    }
  })
  const top = unwrap(lowered) as unknown as { type: string; fn?: string; value?: unknown }
  const returns = (top.type === 'OperatorNode' && LOGICAL.has(top.fn!)) || typeof top.value === 'boolean' ? 'boolean' : 'number'
  const code = lowered.compile()
  const scope = new Map<string, number>()
  const single = unwrap(lowered).type === 'SymbolNode' ? 0 : null
  return {
    source,
    keys,
    single: single !== null && keys.length === 1 ? 0 : null,
    returns,
    evaluate(values) {
      for (let i = 0; i < keys.length; i++) scope.set(`_k${i}`, values[i]!)
      return code.evaluate(scope) as number | boolean
    },
  }
}

/** A goal written as `lhs = rhs`, `lhs <= rhs` or `lhs >= rhs`: its gap `lhs − rhs` and its sense. */
export interface Target {
  source: string
  gap: Expression
  /** The left side alone (what the sentence reports: "now 50%"). */
  lhs: Expression
  sense: '=' | '<=' | '>='
}

export function compileTarget(source: string, ctx: ExpressionContext, where = 'target'): Target {
  const root = unwrap(parse(source, where)) as unknown as { type: string; fn?: string; args?: MathNode[] }
  const sense = root.type === 'OperatorNode' ? COMPARISONS[root.fn!] : undefined
  if (!sense || root.args?.length !== 2) throw new DecideError('expr_not_comparison', { expr: source }, where, 1)
  // The gap is compiled from the source text of both sides so positions in errors stay the user's.
  const [lhs, rhs] = root.args as [MathNode, MathNode]
  const gapSource = `(${lhs.toString()}) - (${rhs.toString()})`
  compileExpression(source, ctx, where) // names and syntax, at the user's positions
  return { source, gap: compileExpression(gapSource, ctx, where), lhs: compileExpression(lhs.toString(), ctx, where), sense }
}

export function compileNumber(source: string, ctx: ExpressionContext, where = 'metric'): Expression {
  const e = compileExpression(source, ctx, where)
  if (e.returns !== 'number') throw new DecideError('expr_not_number', { expr: source }, where, 1)
  return e
}

export function compileCondition(source: string, ctx: ExpressionContext, where = 'constraints'): Expression {
  const e = compileExpression(source, ctx, where)
  if (e.returns !== 'boolean') throw new DecideError('expr_not_boolean', { expr: source }, where, 1)
  return e
}

/** Evaluates to a finite number (booleans count 1 / 0); NaN when a statistic does not exist. */
export const asNumber = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v)
