import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** What the core must never import: front ends, chat SDKs and HTTP servers. */
const FORBIDDEN = [
  /^(\.\.\/)+adapters\//,
  /^grammy(\/|$)/,
  /^@grammyjs\//,
  /^discord\.js(\/|$)/,
  /^@discordjs\//,
  /^(node:)?https?$/,
  /^(express|fastify|hono|koa)(\/|$)/,
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

function importsOf(source: string): string[] {
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? "");
}

describe("the core under src/", () => {
  it("imports no adapter, chat SDK or HTTP server", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles("src")) {
      for (const specifier of importsOf(await readFile(file, "utf8"))) {
        if (FORBIDDEN.some((rule) => rule.test(specifier))) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("is checked by a rule that does catch a forbidden import", () => {
    const sample =
      'import { Bot } from "grammy";\nimport type { X } from "../../adapters/cli/chat.js";';
    const caught = importsOf(sample).filter((specifier) =>
      FORBIDDEN.some((rule) => rule.test(specifier)),
    );
    expect(caught).toEqual(["grammy", "../../adapters/cli/chat.js"]);
  });
});
