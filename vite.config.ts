import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
const apiTarget = process.env.KECHUANG_API_URL ?? 'http://localhost:3000';

/**
 * Vendor chunks, highest priority first. React changes least often, so it gets
 * its own long-cached chunk; antd (with its rc-* and css-in-js helpers) and
 * echarts (loaded only by chart components) get theirs.
 */
/**
 * ECharts modules that only the registry's relation graph (graph series,
 * force layout) uses. They get a chunk of their own, so the home page, which
 * loads the shared `echarts` chunk, does not carry them (~14 KB gzipped).
 * Keep in step with src/web/charts/echarts-graph.ts.
 */
const ECHARTS_GRAPH_ONLY = String.raw`lib[\\/](chart[\\/]graph[\\/]|chart[\\/]helper[\\/](Line|LineDraw|LinePath|Symbol|SymbolDraw|createGraphFromNodeEdge|multipleGraphEdgeHelper)\.js|component[\\/]helper[\\/]thumbnailBridge\.js|data[\\/]Graph\.js|data[\\/]helper[\\/]linkSeriesData\.js|visual[\\/]LegendVisualProvider\.js)`;

/**
 * ECharts modules that only the line series and the legend use (an
 * indicator's time series). A chunk of their own, like the graph's, so the
 * home page does not carry them. Keep in step with src/web/charts/echarts-line.ts.
 */
const ECHARTS_LINE_ONLY = String.raw`lib[\\/](chart[\\/]line[\\/]|chart[\\/]line\.js|component[\\/]legend[\\/]|component[\\/]legend\.js|component[\\/]helper[\\/]listComponent\.js|layout[\\/]points\.js|util[\\/]styleCompat\.js)`;

/** ECharts modules only the Sankey series uses (technology flows). Keep in step with src/web/charts/echarts-sankey.ts. */
const ECHARTS_SANKEY_ONLY = String.raw`lib[\\/]chart[\\/]sankey[\\/]`;

const vendorGroups = [
  { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 41 },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'echarts', test: new RegExp(String.raw`node_modules[\\/](zrender[\\/]|echarts[\\/](?!${ECHARTS_GRAPH_ONLY}|${ECHARTS_LINE_ONLY}|${ECHARTS_SANKEY_ONLY}))`), priority: 30 },
  // Below 'echarts': a group also takes its members' dependencies, and those must stay in the shared chunk.
  { name: 'echarts-graph', test: new RegExp(String.raw`node_modules[\\/]echarts[\\/]${ECHARTS_GRAPH_ONLY}`), priority: 29 },
  { name: 'echarts-line', test: new RegExp(String.raw`node_modules[\\/]echarts[\\/]${ECHARTS_LINE_ONLY}`), priority: 28 },
  { name: 'echarts-sankey', test: new RegExp(String.raw`node_modules[\\/]echarts[\\/]${ECHARTS_SANKEY_ONLY}`), priority: 27 },
  {
    // Only the antd code the shell needs up front; components used by one
    // lazy page (Table, Form, Select…) stay with that page.
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|stylis|dayjs|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|is-mobile|json2mq|string-convert)[\\/]/,
    tags: ['$initial'],
    priority: 20,
  },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 10 },
];

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react()],
  // Zod without its eval probe (blocked by the CSP): see src/web/app/zod-jitless.ts.
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/web/app/zod-jitless.ts', import.meta.url)) }] },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/docs': apiTarget,
      '/openapi.json': apiTarget,
    },
  },
  preview: { port: 4173 },
});
