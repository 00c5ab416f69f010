import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeChat, FakeUser } from "../fakes/telegram-bot-api.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { question, useHarness } from "./steps.js";

const alice: FakeUser = { id: 501, first_name: "Alice" };
const chat: FakeChat = { id: 501, type: "private" };

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server.close();
});

const start = useHarness();

describe("the incoming-message limiter on Redis", () => {
  it("counts a user's messages in Redis", async () => {
    const h = await start({ incomingLimit: 2, redisUrl: server.url });
    for (let i = 0; i < 4; i += 1) h.say(alice, chat, "/help");
    await question(h, chat, "faster than I can keep up");

    const redis = new Redis(server.url);
    try {
      expect(Number(await redis.get(`test:telegram:flood:${alice.id}`))).toBeGreaterThanOrEqual(3);
    } finally {
      redis.disconnect();
    }
  });

  it("lets messages through while Redis is down", async () => {
    const h = await start({ incomingLimit: 2, redisUrl: server.url });
    await server.stop();
    try {
      for (let i = 0; i < 4; i += 1) h.say(alice, chat, "/help");
      await h.api.waitFor(() => h.api.botMessages(chat.id).length === 4);
      expect(h.api.botMessages(chat.id).every((m) => m.text.includes("/forget"))).toBe(true);
    } finally {
      await server.start();
    }
  });
});
