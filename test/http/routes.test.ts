import { afterEach, describe, expect, it } from "vitest";
import { HttpError } from "../../adapters/http/errors.js";
import type { Route } from "../../adapters/http/routes.js";
import { type Api, startApi } from "./harness.js";

let api: Api | undefined;
afterEach(async () => {
  await api?.server.stop(0);
  api = undefined;
});

const echo: Route = {
  method: "POST",
  path: "/hook",
  async handler(req, res) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers["x-secret"] !== "s3cret") {
      throw new HttpError(401, "unauthorized", "bad secret");
    }
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`got ${Buffer.concat(chunks).toString()}`);
  },
};

describe("mounted routes", () => {
  it("are served as they are, without the API key, by their own handler", async () => {
    api = await startApi({ apiKeys: ["a-long-api-key-0000"], routes: [echo] });
    const response = await fetch(`${api.url}/hook?x=1`, {
      method: "POST",
      headers: { "x-secret": "s3cret", "content-type": "text/plain" },
      body: "update",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("got update");
  });

  it("turn a thrown HttpError into its status and anything else into a plain 500", async () => {
    const broken: Route = {
      method: "GET",
      path: "/broken",
      handler() {
        throw new Error("/secret/path/to/file.ts exploded");
      },
    };
    api = await startApi({ routes: [echo, broken] });
    const refused = await fetch(`${api.url}/hook`, { method: "POST", body: "x" });
    expect(refused.status).toBe(401);
    await refused.text();

    const failed = await fetch(`${api.url}/broken`);
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(text).not.toContain("secret");
    expect(text).not.toContain("exploded");
  });

  it("may not take a path the API already serves", async () => {
    const clash: Route = { method: "POST", path: "/plan", handler() {} };
    await expect(startApi({ routes: [clash] })).rejects.toThrow(/POST \/plan/);
  });
});
