/** Types of scripts/build.mjs (plain JavaScript so it runs before anything is compiled). */
export function stalePackages(): string[]
export function build(): number
export function ensureBuilt(options?: { quiet?: boolean }): boolean
