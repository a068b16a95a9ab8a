import type { ConfigIssue } from '@pcsim/engine'

type Code = ConfigIssue['code']

/** Request problems only the reforecast route can have, in both languages (the engine words everything about a holdings file). */
export const reforecastIssues = {
  unknownPlan: (path: string, id: string): ConfigIssue => ({
    path,
    code: 'unknown_plan' as Code,
    params: { value: id },
    message: { en: `No saved scenario has the id "${id}" (GET /api/scenarios lists yours).`, zh: `没有标识为“${id}”的已保存方案（GET /api/scenarios 列出您的方案）。` },
  }),
  holdingsInConfig: (path: string): ConfigIssue => ({
    path,
    code: 'invalid_value' as Code,
    params: { allowed: 'no reforecast field: send the holdings at /holdings' },
    message: { en: 'Send the holdings at /holdings (and the date at /asOf), not inside the config.', zh: '持仓请放在 /holdings（日期放在 /asOf），不要放在配置内。' },
  }),
  reforecastPlan: (path: string): ConfigIssue => ({
    path,
    code: 'invalid_value' as Code,
    params: { allowed: 'a plan simulated from day 0 (no reforecast field)' },
    message: { en: 'A plan is simulated from the fund\'s first day: it cannot carry holdings of its own.', zh: '计划从基金第一天开始模拟，不能自带持仓。' },
  }),
}
