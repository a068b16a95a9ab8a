import { defineConfig } from 'vitest/config'
import { defaultServerConditions } from 'vite'

export default defineConfig({
  resolve: { conditions: ['@pcsim/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@pcsim/source', ...defaultServerConditions] } },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/global-build.ts'],
    testTimeout: 120_000,
    // Closing pools, Redis connections and servers can take longer than vitest's 10 s default on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
})
