const CJK = /[\u3000-\u9fff\uff00-\uffef]/

/** Display width of a string in "Latin character" units (a CJK character counts as two). */
export const textWidth = (s: string) => [...s].reduce((a, ch) => a + (CJK.test(ch) ? 2 : 1), 0)

/**
 * Splits an axis label into lines of at most `max` width units (Chart.js draws an array as lines):
 * at spaces and " · " separators in Latin text, between characters in Chinese. Chart.js gives an
 * axis at most half the chart's width, so long labels would otherwise be cut off.
 */
export function wrapLabel(text: string | string[], max = 24): string[] {
  const lines = Array.isArray(text) ? text : [text]
  return lines.flatMap((line) => (textWidth(line) <= max ? [line] : pack(line.split(' · '), ' · ', max, (seg) => pack(glue(seg.split(/(?<=\s)|(?<=[\u3000-\u9fff\uff00-\uffef])|(?=[\u3000-\u9fff\uff00-\uffef])/)), '', max, (w) => [w]))))
}

/** Keeps closing punctuation with the character before it, so no line starts with "）" or "、". */
function glue(pieces: string[]): string[] {
  const out: string[] = []
  for (const p of pieces) {
    if (out.length > 0 && /^[）)、，。：；！？」』]/.test(p)) out[out.length - 1] += p
    else out.push(p)
  }
  return out
}

/** Greedily packs `parts` joined by `sep` into lines of at most `max`; a part too long alone is broken into lines by `split`. */
function pack(parts: string[], sep: string, max: number, split: (part: string) => string[]): string[] {
  const out: string[] = []
  let cur = ''
  for (const part of parts) {
    const next = cur ? `${cur}${sep}${part}` : part
    if (textWidth(next.trim()) <= max) {
      cur = next
      continue
    }
    if (cur) out.push(cur.trim())
    if (textWidth(part.trim()) <= max) cur = part
    else {
      // the part's own lines; the last one may still take the next part
      const sub = split(part)
      out.push(...sub.slice(0, -1))
      cur = sub[sub.length - 1] ?? ''
    }
  }
  if (cur.trim()) out.push(cur.trim())
  return out
}
