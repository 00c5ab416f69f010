/**
 * How Discord's answers read to the live-message streamer, and the surface's defaults.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  classifyDiscordError,
  DISCORD_SURFACE_DEFAULTS,
  InteractionExpiredError,
} from "../../adapters/discord/surface.js";

function apiError(code: number, status: number): DiscordAPIError {
  return new DiscordAPIError({ code, message: "refused" }, code, status, "PATCH", "/x", {});
}

describe("classifyDiscordError", () => {
  it("reads a gone message, webhook or token as not found, so the text moves to a new message", () => {
    expect(classifyDiscordError(apiError(10008, 404))).toEqual({ kind: "not_found" });
    expect(classifyDiscordError(apiError(50027, 401))).toEqual({ kind: "not_found" });
    expect(classifyDiscordError(new InteractionExpiredError())).toEqual({ kind: "not_found" });
  });

  it("reads a rejected rate limit as a flood with its wait", () => {
    const limited = new RateLimitError({
      timeToReset: 2_500,
      limit: 5,
      method: "PATCH",
      hash: "h",
      url: "/x",
      route: "/x",
      majorParameter: "1",
      global: false,
      retryAfter: 2_500,
      sublimitTimeout: 0,
      scope: "user",
    });
    expect(classifyDiscordError(limited)).toEqual({ kind: "flood", retryAfterMs: 2_500 });
  });

  it("reads a refused request as rejected for good, and a server error as unknown", () => {
    expect(classifyDiscordError(apiError(50013, 403))).toMatchObject({ kind: "rejected" });
    expect(
      classifyDiscordError(new HTTPError(503, "Service Unavailable", "PATCH", "/x", {})),
    ).toEqual({ kind: "unknown" });
  });

  it("reads a refused connection as not delivered, and a timeout as unknown", () => {
    const refused = new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    expect(classifyDiscordError(refused)).toEqual({ kind: "not_delivered" });
    const timeout = new DOMException("This operation was aborted", "AbortError");
    expect(classifyDiscordError(timeout)).toEqual({ kind: "unknown" });
  });
});

describe("the Discord surface defaults", () => {
  it("keep to 2000 characters, 1.2 s between edits and a 15-minute token", () => {
    expect(DISCORD_SURFACE_DEFAULTS).toMatchObject({
      maxChars: 2_000,
      minEditIntervalMs: 1_200,
      tokenLifetimeMs: 900_000,
    });
  });
});
