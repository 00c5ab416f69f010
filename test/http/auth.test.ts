import { afterEach, describe, expect, it } from "vitest";
import { isLoopbackHost, parseApiKeys } from "../../adapters/http/auth.js";
import { startHttp } from "../../adapters/http/server.js";
import { noMetrics } from "../../src/metrics.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { createPlanning } from "../../src/planning.js";
import { silentLogger, systemClock } from "../../src/ports.js";
import { createMemoryStore } from "../../src/store/memory.js";
import { postPlan, readAllSse } from "./client.js";
import { type Api, startApi } from "./harness.js";

const KEYS = ["alpha-key-0123456789", "beta-key-9876543210"];

let api: Api | undefined;
afterEach(async () => {
  await api?.server.stop(0);
  api = undefined;
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("API keys", () => {
  it("are not needed when none are configured", async () => {
    api = await startApi();
    const response = await postPlan(api.url);
    expect(response.status).toBe(200);
    await readAllSse(response);
  });

  it("are required when configured: 401 with a Bearer challenge without one", async () => {
    api = await startApi({ apiKeys: KEYS });
    const response = await postPlan(api.url);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    const text = await response.text();
    for (const key of KEYS) expect(text).not.toContain(key);
  });

  it("refuse a wrong key and accept each configured key", async () => {
    api = await startApi({ apiKeys: KEYS });
    const wrong = await postPlan(api.url, undefined, bearer("alpha-key-0123456780"));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    await wrong.text();

    for (const key of KEYS) {
      const response = await postPlan(api.url, undefined, bearer(key));
      expect(response.status).toBe(200);
      await readAllSse(response);
    }
  });

  it("are checked before the body, so a keyless client learns nothing about its input", async () => {
    api = await startApi({ apiKeys: KEYS });
    const response = await postPlan(api.url, "{ not json");
    expect(response.status).toBe(401);
    await response.text();
  });

  it("guard /metrics but not the health probes", async () => {
    api = await startApi({ apiKeys: KEYS });
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${api.url}/metrics`, { headers: bearer(KEYS[0] ?? "") })).status).toBe(
      200,
    );
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it("must be set before the server binds an address other machines can reach", async () => {
    const planning = createPlanning({
      store: createMemoryStore(),
      planner: createPlannerGenerator(),
      metrics: noMetrics,
      clock: systemClock,
      logger: silentLogger,
    });
    const start = () =>
      startHttp({
        planning,
        logger: silentLogger,
        host: "0.0.0.0",
        port: 0,
        apiKeys: [],
        limit: { limit: 1, windowMs: 1_000 },
        health: () => ({ store: "memory", llmConfigured: false }),
      });
    await expect(start()).rejects.toThrow(/HTTP_API_KEYS/);
  });
});

describe("the plan limit", () => {
  it("answers 429 with Retry-After and RateLimit headers once a key has used its plans", async () => {
    api = await startApi({ apiKeys: KEYS, limit: 2 });
    for (let i = 0; i < 2; i += 1) {
      await readAllSse(await postPlan(api.url, undefined, bearer(KEYS[0] ?? "")));
    }
    const refused = await postPlan(api.url, undefined, bearer(KEYS[0] ?? ""));
    expect(refused.status).toBe(429);

    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect(refused.headers.get("ratelimit-limit")).toBe("2");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/new plan in/);
  });

  it("counts each key on its own", async () => {
    api = await startApi({ apiKeys: KEYS, limit: 1 });
    await readAllSse(await postPlan(api.url, undefined, bearer(KEYS[0] ?? "")));
    const other = await postPlan(api.url, undefined, bearer(KEYS[1] ?? ""));
    expect(other.status).toBe(200);
    await readAllSse(other);
    const first = await postPlan(api.url, undefined, bearer(KEYS[0] ?? ""));
    expect(first.status).toBe(429);
    await first.text();
  });

  it("counts by address when keys are off", async () => {
    api = await startApi({ limit: 1 });
    await readAllSse(await postPlan(api.url));
    const again = await postPlan(api.url);
    expect(again.status).toBe(429);
    await again.text();
  });
});

describe("key and host helpers", () => {
  it("split HTTP_API_KEYS on commas and drop blanks", () => {
    expect(parseApiKeys(" one, two ,,three ")).toEqual(["one", "two", "three"]);
    expect(parseApiKeys(undefined)).toEqual([]);
  });

  it("treat only loopback addresses as private", () => {
    for (const host of [
      "127.0.0.1",
      "127.1.2.3",
      "localhost",
      "::1",
      "[::1]",
      "::ffff:127.0.0.1",
    ]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.com", "128.0.0.1"]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
