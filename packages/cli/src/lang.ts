import { LANGS, type Lang } from './messages/index.ts'

const isLang = (v: string | undefined): v is Lang => (LANGS as readonly string[]).includes(v ?? '')

/**
 * The language chosen before the command line is parsed (help text depends on it): `--lang X`
 * or `--lang=X` anywhere in argv, else zh-CN when LANG starts with "zh", else en. An invalid
 * `--lang` value falls back here and is then rejected by the option parser.
 */
export function detectLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') break
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined
    if (isLang(value)) return value
  }
  return (env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}
