/** The web workspace: React, built by Vite into web/dist, which the server serves at `/`. */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [
    react(),
    // Every script, style sheet and page is also written as .br and .gz beside itself; the server
    // sends the one the browser accepts (`preCompressed` in src/server/app.ts).
    compression({ algorithms: ["brotliCompress", "gzip"], threshold: 1024, logLevel: "silent" }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The page's content security policy allows no inline script.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
    // pdf.js's CMaps and standard fonts stay files of their own, fetched when a PDF needs one,
    // rather than inlined into the viewer's script.
    assetsInlineLimit: (file) => (/\.(bcmap|pfb|ttf)$/.test(file) ? false : undefined),
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry comments Rollup cannot place; harmless.
        if (warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev:web` beside a running `npm start`: the API stays on the server.
    proxy: { "/api": "http://localhost:8080" },
  },
});
