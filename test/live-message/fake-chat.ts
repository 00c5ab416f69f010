/**
 * An in-memory chat behind a MessageSurface, for testing the live-message policy without a
 * platform. Failures are scripted per request; an `unknown` failure can be made to take effect
 * first, as a request that landed but whose answer was lost.
 */
import type { Delivery, MessageSurface, SurfaceFailure } from "../../src/live-message/index.js";

export interface ChatMessage {
  text: string;
  formatted: boolean;
  closing: boolean;
  deleted: boolean;
  /** Edits after the message was sent. */
  edits: number;
  /** Positions in the request log of the send and of the latest edit. */
  sentSeq: number;
  lastSeq: number;
}

export interface RequestRecord {
  readonly op: "send" | "edit";
  readonly at: number;
  readonly text: string;
  readonly id?: number;
}

interface Scripted {
  readonly failure: SurfaceFailure;
  readonly applied: boolean;
}

class ScriptedFailure extends Error {
  constructor(readonly failure: SurfaceFailure) {
    super(`scripted ${failure.kind}`);
  }
}

export interface FakeChatOptions {
  readonly maxChars?: number;
  readonly minEditIntervalMs?: number;
  readonly latencyMs?: number;
  readonly format?: (plain: string) => string;
}

export function createFakeChat(options: FakeChatOptions = {}) {
  const messages = new Map<number, ChatMessage>();
  const requests: RequestRecord[] = [];
  const script: Record<"send" | "edit", Scripted[]> = { send: [], edit: [] };
  let nextId = 1;
  let inFlight = 0;
  let maxInFlight = 0;
  const latencyMs = options.latencyMs ?? 0;

  async function perform<T>(op: "send" | "edit", text: string, act: () => T, id?: number) {
    requests.push(
      id === undefined ? { op, at: Date.now(), text } : { op, at: Date.now(), text, id },
    );
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const scripted = script[op].shift();
      if (scripted && !scripted.applied) throw new ScriptedFailure(scripted.failure);
      const value = act();
      if (scripted) throw new ScriptedFailure(scripted.failure);
      return value;
    } finally {
      inFlight -= 1;
    }
  }

  const surface: MessageSurface<number> = {
    limits: {
      maxChars: options.maxChars ?? 4096,
      minEditIntervalMs: options.minEditIntervalMs ?? 1_000,
    },
    send(text, delivery: Delivery) {
      return perform("send", text, () => {
        const id = nextId++;
        const seq = requests.length;
        messages.set(id, {
          text,
          ...delivery,
          deleted: false,
          edits: 0,
          sentSeq: seq,
          lastSeq: seq,
        });
        return id;
      });
    },
    edit(id, text, delivery) {
      return perform(
        "edit",
        text,
        () => {
          const message = messages.get(id);
          if (!message || message.deleted) throw new ScriptedFailure({ kind: "not_found" });
          if (message.text === text && message.formatted === delivery.formatted) {
            throw new ScriptedFailure({ kind: "not_modified" });
          }
          const edits = message.edits + 1;
          Object.assign(message, { text, ...delivery, edits, lastSeq: requests.length });
        },
        id,
      );
    },
    classify(error) {
      if (error instanceof ScriptedFailure) return error.failure;
      throw error;
    },
    ...(options.format ? { format: options.format } : {}),
  };

  return {
    surface,
    messages,
    requests,
    /** The next `op` request fails; with `applied`, it takes effect before failing. */
    fail(op: "send" | "edit", failure: SurfaceFailure, applied = false) {
      script[op].push({ failure, applied });
    },
    delete(id: number) {
      const message = messages.get(id);
      if (message) message.deleted = true;
    },
    /** Texts of the messages still in the chat, oldest first. */
    visible(): string[] {
      return [...messages.values()].filter((m) => !m.deleted).map((m) => m.text);
    },
    maxInFlight: () => maxInFlight,
  };
}
