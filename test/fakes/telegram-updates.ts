/**
 * The update side of the fake Bot API: a queue served by getUpdates with real long polling, or
 * pushed to a webhook (loopback only) with the secret-token header, as Telegram does.
 */
import type { ApiError as ApiErrorType } from "./telegram-rules.js";

export interface Update {
  readonly update_id: number;
  readonly [kind: string]: unknown;
}

export interface Webhook {
  readonly url: string;
  readonly secretToken?: string;
}

export interface WebhookDelivery {
  readonly updateId: number;
  readonly status: number;
}

export function createUpdateQueue(makeError: (code: number, text: string) => ApiErrorType) {
  let pending: Update[] = [];
  let nextId = 1;
  let webhook: Webhook | undefined;
  const waiters = new Set<() => void>();
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<unknown>>();

  async function post(update: Update, secretToken = webhook?.secretToken): Promise<number> {
    if (!webhook) throw new Error("fake Bot API: no webhook is set");
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = secretToken;
    const response = await fetch(webhook.url, {
      method: "POST",
      headers,
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    deliveries.push({ updateId: update.update_id, status: response.status });
    return response.status;
  }

  return {
    /** Adds an update; it goes to the webhook when one is set, else to the polling queue. */
    push(body: Record<string, unknown>): Update {
      const update: Update = { update_id: nextId++, ...body };
      if (webhook) {
        const delivery = post(update).catch(() => undefined);
        inFlight.add(delivery);
        void delivery.finally(() => inFlight.delete(delivery));
      } else {
        pending.push(update);
        for (const wake of waiters) wake();
      }
      return update;
    },

    async getUpdates(params: Record<string, unknown>): Promise<Update[]> {
      if (webhook) {
        throw makeError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const offset = typeof params.offset === "number" ? params.offset : 0;
      const limit = typeof params.limit === "number" ? params.limit : 100;
      const timeoutS = typeof params.timeout === "number" ? params.timeout : 0;
      if (offset > 0) pending = pending.filter((update) => update.update_id >= offset);

      if (pending.length === 0 && timeoutS > 0) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, timeoutS * 1_000);
          waiters.add(wake);
        });
      }
      return pending.slice(0, limit);
    },

    setWebhook(next: Webhook | undefined, dropPending: boolean): void {
      if (next) {
        const host = new URL(next.url).hostname;
        if (host !== "127.0.0.1" && host !== "localhost") {
          throw makeError(400, "Bad Request: the fake Bot API only calls loopback webhooks");
        }
      }
      webhook = next;
      if (dropPending) pending = [];
      for (const wake of waiters) wake();
    },

    webhook: () => webhook,
    deliveries,
    /** Posts an update to the webhook again, or with another secret token. */
    post,
    /** Waits until every webhook delivery started so far has been answered. */
    async settle(): Promise<void> {
      await Promise.all([...inFlight]);
    },
    pendingCount: () => pending.length,
    /** Ends every long poll, for shutting the server down. */
    wakeAll(): void {
      for (const wake of waiters) wake();
    },
  };
}
