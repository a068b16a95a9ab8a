/** Engine version recorded with every result; bump when numbers for the same config and seed change. */
export const ENGINE_VERSION = '3.3.0'
