import { defineConfig, defaultClientConditions } from 'vite'
import react from '@vitejs/plugin-react'

const API = process.env.PCSIM_API_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@pcsim/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': { target: API, changeOrigin: false } } },
  preview: { proxy: { '/api': { target: API, changeOrigin: false } } },
})
