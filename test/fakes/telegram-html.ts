/**
 * Telegram's HTML parse mode, as the fake Bot API checks it: only the tags Telegram allows,
 * properly nested, and `<`, `>`, `&` escaped everywhere else. Answers with the visible text, which
 * is what the length limit counts, or with the error Telegram would give.
 */

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "tg-emoji",
  "code",
  "pre",
  "blockquote",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlParse = { ok: true; visible: string } | { ok: false; error: string };

export function parseTelegramHtml(html: string): HtmlParse {
  const open: string[] = [];
  let visible = "";
  let at = 0;

  while (at < html.length) {
    const char = html[at] ?? "";
    if (char === "<") {
      const end = html.indexOf(">", at);
      if (end < 0) return fail(`Unsupported start tag at byte offset ${at}`);
      const tag = html.slice(at + 1, end).trim();
      if (tag.startsWith("/")) {
        const name = tag.slice(1).trim().toLowerCase();
        if (open.pop() !== name) return fail(`Unexpected end tag at byte offset ${at}`);
      } else {
        const name = (tag.split(/\s/)[0] ?? "").toLowerCase();
        if (!ALLOWED_TAGS.has(name))
          return fail(`Unsupported start tag "${name}" at byte offset ${at}`);
        open.push(name);
      }
      at = end + 1;
    } else if (char === "&") {
      const end = html.indexOf(";", at);
      const name = end > at ? html.slice(at + 1, end) : "";
      const decoded = decodeEntity(name);
      if (decoded === undefined) return fail(`Unsupported HTML entity at byte offset ${at}`);
      visible += decoded;
      at = end + 1;
    } else if (char === ">") {
      return fail(`Unexpected end of name token at byte offset ${at}`);
    } else {
      visible += char;
      at += 1;
    }
  }

  const unclosed = open.pop();
  if (unclosed) return fail(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return { ok: true, visible };
}

function decodeEntity(name: string): string | undefined {
  if (name in NAMED_ENTITIES) return NAMED_ENTITIES[name];
  const numeric = /^#(x[0-9a-f]{1,6}|[0-9]{1,7})$/i.exec(name)?.[1];
  if (!numeric) return undefined;
  const code = numeric.startsWith("x") ? Number.parseInt(numeric.slice(1), 16) : Number(numeric);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function fail(detail: string): HtmlParse {
  return { ok: false, error: `Bad Request: can't parse entities: ${detail}` };
}
