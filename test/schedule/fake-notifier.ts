import type { Notifier, NotifyResult, NotifyTarget } from "../../src/schedule/notifier.js";

/** A notifier that records what it sent; `answer` decides each result (default "sent"). */
export function fakeNotifier(
  platform: string,
  answer: (target: NotifyTarget) => NotifyResult | Promise<NotifyResult> = () => "sent",
) {
  const sent: { target: NotifyTarget; text: string; at: number }[] = [];
  let calls = 0;
  const notifier: Notifier = {
    platform,
    async send(target, text) {
      calls += 1;
      const result = await answer(target);
      if (result === "sent") sent.push({ target, text, at: calls });
      return result;
    },
  };
  return { notifier, sent, calls: () => calls };
}
