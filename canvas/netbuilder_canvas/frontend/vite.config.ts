import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// A library build: one ES module (index-<hash>.js) and its stylesheet (index-<hash>.css) in build/, which the
// Python package registers through its manifest (../pyproject.toml, asset_dir = "frontend/build").
export default defineConfig({
  base: "./",
  plugins: [react()],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "build",
    emptyOutDir: true,
    sourcemap: false,
    minify: "oxc",
    cssCodeSplit: false,
    lib: { entry: "./src/index.tsx", name: "NetBuilderCanvas", formats: ["es"], fileName: "index-[hash]" },
  },
});
