/**
 * Exactly rounded floating-point sum (Shewchuk's partials, as Python's fsum and d3's Adder). The
 * partials represent the sum with no rounding error, so adding the same numbers in any order or
 * any grouping (chunks, workers, machines) gives the same final double.
 */
export class ExactSum {
  partials: number[] = []

  add(x: number): this {
    const p = this.partials
    let i = 0
    for (let j = 0; j < p.length; j++) {
      const y = p[j]!
      const hi = x + y
      const lo = Math.abs(x) < Math.abs(y) ? x - (hi - y) : y - (hi - x)
      if (lo !== 0) p[i++] = lo
      x = hi
    }
    // the partials become p[0..i−1] then x; pop() rather than setting length (a slow builtin call)
    if (i < p.length) {
      p[i] = x
      while (p.length > i + 1) p.pop()
    } else p.push(x)
    return this
  }

  addAll(other: ExactSum): this {
    for (const x of other.partials) this.add(x)
    return this
  }

  valueOf(): number {
    const p = this.partials
    let n = p.length
    if (n === 0) return 0
    let hi = p[--n]!
    let lo = 0
    while (n > 0) {
      const x = hi
      const y = p[--n]!
      hi = x + y
      const yr = hi - x
      lo = y - yr
      if (lo !== 0) break
    }
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2
      const x = hi + y
      if (y === x - hi) hi = x
    }
    return hi
  }
}
