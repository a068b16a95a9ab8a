declare module 'seedrandom/lib/alea.js' {
  /** seedrandom's Alea generator: returns a function giving uniforms in [0, 1). */
  const alea: (seed: string) => () => number
  export default alea
}
