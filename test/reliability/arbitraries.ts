/**
 * fast-check arbitraries for hostile chat input: random and malformed text, huge messages, emoji,
 * right-to-left scripts, invisible characters, commands dropped into the middle of a dialogue, and
 * the answers a real user would give, so that random runs also get deep into the dialogue.
 */
import fc from "fast-check";

/** About 100 KB of text: Telegram would cut it, but a webhook or another front end might not. */
export const HUGE_TEXT = "lorem ipsum 45 min dumbbells, ".repeat(3_500);

const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066"];

/** Single characters that tend to break parsers and renderers. */
const tricky = fc.constantFrom(
  ...INVISIBLE,
  "\u0000",
  "\n",
  "\r\n",
  "\t",
  "|",
  "<",
  ">",
  "&",
  '"',
  "\\",
  "/",
  "💪🏽",
  "👨‍👩‍👧‍👦",
  "🏋️‍♀️",
  "\ud83d", // a lone surrogate
  "مرحبا",
  "שָׁלוֹם",
  "٣٠",
  "三十",
);

const hostileText = fc
  .array(fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), tricky), { maxLength: 12 })
  .map((parts) => parts.join(""));

/** Answers that move the profile dialogue forward, so random runs reach the summary and beyond. */
export const ANSWERS = [
  "30",
  "thirty",
  "an hour",
  "12",
  "101",
  "muscle",
  "lose weight",
  "beginner",
  "advanced",
  "dumbbells, bench",
  "1, 3 and 5",
  "3",
  "45",
  "none",
  "knees",
  "bad knees since 2019",
  "kg",
  "lb",
  "skip",
  "yes",
  "edit",
  "no",
  "2",
  "Goal",
  "back",
  "cancel",
  "restart",
  "help",
] as const;

/** Commands a user may send at any step, with and without arguments or a bot's name. */
export const COMMANDS = [
  "/start",
  "/start plan",
  "/plan",
  "/plan@fake_coach_bot",
  "/profile",
  "/cancel",
  "/help",
  "/forget",
  "/swap",
  "/replan",
  "/history",
  "/weekly",
  "/export",
  "/nonsense",
  "/PLAN",
] as const;

/** Any text a user might send: answers, commands, noise, and the occasional huge message. */
export const userText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ANSWERS) },
  { weight: 3, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 3, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ANSWERS), fc.constantFrom(...INVISIBLE))
      .map(([answer, mark]) => `${mark}${answer.split("").join(mark)}${mark}`),
  },
  { weight: 1, arbitrary: fc.constant(HUGE_TEXT) },
);

/** Stands for the pressing user's id in forged data; the test puts the real id in. */
export const ME = "{me}";
/** Stands for another user's id. */
export const OTHER = "{other}";

export interface Forged {
  readonly data: string;
  /** Shaped like the presser's own buttons, so the bot may act on it; otherwise it must not. */
  readonly ours: boolean;
}

const FEATURE_REFS = ["swap:", "replan:", "history:", "weekly:", "export:"];

/** Callback data a user can forge: random, over-long, another user's, or shaped like ours. */
export const forgedData: fc.Arbitrary<Forged> = (() => {
  const value = fc.oneof(fc.constantFrom("confirm", "done", "skip", "muscle", "3"), hostileText);
  const ref = fc.oneof(
    fc.nat({ max: 40 }).map(String),
    fc.constant("idle"),
    fc.tuple(fc.constantFrom(...FEATURE_REFS), fc.nat({ max: 40 })).map(([p, n]) => `${p}${n}`),
    hostileText,
  );
  const foreign = (data: fc.Arbitrary<string>) => data.map((d) => ({ data: d, ours: false }));
  const own = (data: fc.Arbitrary<string>) => data.map((d) => ({ data: d, ours: true }));
  return fc.oneof(
    foreign(hostileText),
    foreign(fc.string({ unit: "binary", minLength: 65, maxLength: 300 })),
    foreign(fc.tuple(ref, value).map(([r, v]) => `c|${OTHER}|${r}|${v}`)),
    foreign(hostileText.map((hash) => `h|${ME}|${hash}`)),
    foreign(fc.constantFrom(`c|${ME}`, "c|1e3|1|x", "c|-0|1|x", "h||", "|||", `n|${ME}|delete`)),
    own(fc.tuple(ref, value).map(([r, v]) => `c|${ME}|${r}|${v}`)),
    own(fc.constantFrom("swap", "replan", "profile").map((step) => `n|${ME}|${step}`)),
  );
})();

/**
 * Reports a failed property with long strings cut short: the counterexample of a run that sent a
 * 100 KB message would otherwise fill the screen.
 */
export function shortReport<Ts>(details: fc.RunDetails<Ts>): void {
  if (!details.failed) return;
  const report = fc.defaultReportMessage(details) ?? "property failed";
  const longString = /"((?:[^"\\]|\\.){200})((?:[^"\\]|\\.)+)"/g;
  throw new Error(
    report.replace(
      longString,
      (_, head: string, rest: string) => `"${head}…(${rest.length} more)"`,
    ),
    // fast-check keeps the failing assertion as the cause; without it the report says only where.
    { cause: details.errorInstance },
  );
}
