/** Messages of the decision tools (sensitivity, solve, optimise), in English and Chinese. */
export const DECIDE_MESSAGES = {
  expr_syntax: {
    en: 'Expression "{expr}": {detail} at character {position}.',
    zh: '表达式 "{expr}"：第 {position} 个字符处{detail}。',
  },
  expr_unknown_name: {
    en: 'Expression "{expr}": unknown name "{name}" at character {position}; known names: {allowed}.',
    zh: '表达式 "{expr}"：第 {position} 个字符处的名称 "{name}" 未知；可用名称：{allowed}。',
  },
  expr_unknown_function: {
    en: 'Expression "{expr}": unknown function "{name}" at character {position}; known functions: {allowed}.',
    zh: '表达式 "{expr}"：第 {position} 个字符处的函数 "{name}" 未知；可用函数：{allowed}。',
  },
  expr_bad_argument: {
    en: 'Expression "{expr}": {name}(…) at character {position} takes one metric name, such as {name}(netTvpi).',
    zh: '表达式 "{expr}"：第 {position} 个字符处的 {name}(…) 只接受一个指标名称，例如 {name}(netTvpi)。',
  },
  expr_unknown_class: {
    en: 'Expression "{expr}": no LP class "{name}" at character {position}; the classes are: {allowed}.',
    zh: '表达式 "{expr}"：第 {position} 个字符处没有名为 "{name}" 的出资人类别；现有类别：{allowed}。',
  },
  expr_not_comparison: {
    en: 'Target "{expr}" must compare two sides, such as p50(netTvpi) = 3 or probLoss <= 0.2.',
    zh: '目标 "{expr}" 必须比较两边，例如 p50(netTvpi) = 3 或 probLoss <= 0.2。',
  },
  expr_not_boolean: {
    en: 'Constraint "{expr}" must be a condition (true or false), such as probLoss <= 0.3.',
    zh: '约束 "{expr}" 必须是条件（真或假），例如 probLoss <= 0.3。',
  },
  expr_not_number: {
    en: 'Expression "{expr}" must give a number, such as p50(netTvpi).',
    zh: '表达式 "{expr}" 必须得出一个数，例如 p50(netTvpi)。',
  },
  lever_unknown: {
    en: 'Unknown lever "{name}": use a JSON Pointer to a number in the config (such as /fund/managementFee/rate) or one of: {allowed}.',
    zh: '未知的调节项 "{name}"：请使用指向配置中数值的 JSON Pointer（如 /fund/managementFee/rate）或以下之一：{allowed}。',
  },
  lever_not_number: {
    en: 'Lever "{name}": the config has no number at {name}.',
    zh: '调节项 "{name}"：配置中 {name} 处不是数值。',
  },
  lever_not_applicable: {
    en: 'Lever "{name}" does not apply to this config: {reason}.',
    zh: '调节项 "{name}" 不适用于此配置：{reason}。',
  },
  lever_invalid_config: {
    en: 'Lever "{name}" = {value} makes the config invalid at {path}: {detail}',
    zh: '调节项 "{name}" = {value} 使配置在 {path} 处无效：{detailZh}',
  },
  range_bad: {
    en: 'Range "{spec}" must be <low>:<high>[:<steps>] with numbers, low below high and 2 to {max} steps.',
    zh: '范围 "{spec}" 必须写作 <下限>:<上限>[:<步数>]，均为数字，下限小于上限，步数 2 到 {max}。',
  },
  space_bad: {
    en: 'Search space, {path}: {detail}.',
    zh: '搜索空间 {path}：{detailZh}。',
  },
  budget_bad: {
    en: 'Budget "{value}": give a number of trials (such as 400000) or seconds (such as 60s), at least {min} trials.',
    zh: '预算 "{value}"：请给出试验次数（如 400000）或秒数（如 60s），至少 {min} 次试验。',
  },
} as const satisfies Record<string, { en: string; zh: string }>

export type DecideCode = keyof typeof DECIDE_MESSAGES
export type DecideParams = Record<string, string | number>

export function decideMessage(code: DecideCode, params: DecideParams): { en: string; zh: string } {
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? params[k.replace(/Zh$/, '')] ?? `{${k}}`))
  const m = DECIDE_MESSAGES[code]
  return { en: fill(m.en), zh: fill(m.zh) }
}
