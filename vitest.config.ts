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
  },
})
