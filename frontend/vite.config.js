// The desk is built into the Python package (src/marsad/web/static, committed), served under /static/.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/static/",
  publicDir: "public",
  build: {
    outDir: "../src/marsad/web/static",
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs for scripts; images stay files
    chunkSizeWarningLimit: 1000,
    sourcemap: false,
  },
});
