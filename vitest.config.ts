import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000, // end-to-end tests spawn processes and servers
    hookTimeout: 30_000,
  },
});
