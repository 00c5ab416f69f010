import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { PROFILE, postPlan, readAllSse } from "./client.js";
import { type Api, countingGenerator, startApi } from "./harness.js";

let api: Api | undefined;
afterEach(async () => {
  await api?.server.stop(0);
  api = undefined;
});

interface ErrorBody {
  error: { code: string; message: string; issues?: { field: string; message: string }[] };
}

/**
 * Streams a body in chunks without a Content-Length, as a client that does not know the size
 * would, and resolves with the status the server answered.
 */
function postChunked(url: string, chunk: string, times: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/plan`, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    let sent = 0;
    const writeMore = () => {
      while (sent < times) {
        sent += 1;
        if (!req.write(chunk)) {
          req.once("drain", writeMore);
          return;
        }
      }
      req.end();
    };
    writeMore();
  });
}

describe("bad input to POST /plan", () => {
  it("answers 400 for a body that is not JSON", async () => {
    api = await startApi();
    const response = await postPlan(api.url, "{ not json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe("invalid_json");
  });

  it("answers 422 with one issue per bad field", async () => {
    api = await startApi();
    const response = await postPlan(api.url, {
      ...PROFILE,
      goal: "fly",
      daysPerWeek: 9,
      minutes: "long",
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_profile");
    const fields = body.error.issues?.map((issue) => issue.field).sort();
    expect(fields).toEqual(["daysPerWeek", "goal", "minutes"]);
    for (const issue of body.error.issues ?? []) expect(issue.message.length).toBeGreaterThan(0);
  });

  it("answers 415 for a body that is not declared as JSON", async () => {
    api = await startApi();
    const response = await fetch(`${api.url}/plan`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify(PROFILE),
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as ErrorBody).error.code).toBe("unsupported_media_type");
  });

  it("accepts JSON with a charset parameter", async () => {
    api = await startApi();
    const response = await postPlan(api.url, PROFILE, {
      "content-type": "application/json; charset=utf-8",
    });
    expect(response.status).toBe(200);
    await readAllSse(response);
  });

  it("answers 413 from the Content-Length of an oversized body", async () => {
    api = await startApi({ maxBodyBytes: 1_024 });
    const response = await postPlan(api.url, { ...PROFILE, notes: "x".repeat(2_000) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe("body_too_large");
  });

  it("answers 413 while an oversized body without a length is still arriving", async () => {
    api = await startApi({ maxBodyBytes: 1_024 });
    expect(await postChunked(api.url, " ".repeat(512), 64)).toBe(413);
  });

  it("spends no token and no limiter slot on any refusal", async () => {
    const llm = countingGenerator(createPlannerGenerator());
    api = await startApi({ llm, limit: 1, maxBodyBytes: 1_024 });

    await (await postPlan(api.url, "{")).text();
    await (await postPlan(api.url, { ...PROFILE, age: 5 })).text();
    await (await postPlan(api.url, PROFILE, { "content-type": "text/plain" })).text();
    await (await postPlan(api.url, { ...PROFILE, notes: "x".repeat(2_000) })).text();
    expect(llm.calls).toBe(0);

    const accepted = await postPlan(api.url);
    expect(accepted.status).toBe(200);
    await readAllSse(accepted);
    expect(llm.calls).toBe(1);
  });
});
