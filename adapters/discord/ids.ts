/**
 * Component ids: every button, select menu and modal carries who owns it, what it does and the
 * conversation's question ref, packed into Discord's 100-character `custom_id`.
 *
 * Layout: `fp|<op>|<owner>|<ref>|<arg>`, each part URI-encoded so a `|` inside a ref is safe.
 */

/** Discord's limit for `custom_id` on components and modals. */
export const CUSTOM_ID_MAX = 100;

/**
 * What a component does:
 * - `c`: a button that sends `arg` as a choice (an option or a nav action);
 * - `s`: a single-choice select; the picked value is the choice;
 * - `m`: a multi-choice select; its options marked as default are the ones ticked so far;
 * - `a`: a button that opens a modal for field `arg`;
 * - `t`: the submitted modal for field `arg`;
 * - `share`: posts the plan of week `arg` to the channel.
 */
export type ComponentOp = "c" | "s" | "m" | "a" | "t" | "share";

export interface ComponentId {
  readonly op: ComponentOp;
  /** The Discord user id of the member whose dialogue this is. */
  readonly owner: string;
  readonly ref: string;
  readonly arg: string;
}

const PREFIX = "fp";
const OPS = new Set<string>(["c", "s", "m", "a", "t", "share"]);

/** Packs an id; undefined when it would not fit in {@link CUSTOM_ID_MAX} characters. */
export function encodeId(id: ComponentId): string | undefined {
  const packed = [PREFIX, id.op, id.owner, id.ref, id.arg].map(encodeURIComponent).join("|");
  return packed.length <= CUSTOM_ID_MAX ? packed : undefined;
}

/** Unpacks an id made by {@link encodeId}; undefined for anything else, such as an old format. */
export function decodeId(customId: string): ComponentId | undefined {
  const parts = customId.split("|");
  if (parts.length !== 5 || parts[0] !== PREFIX) return undefined;
  try {
    const [, op = "", owner = "", ref = "", arg = ""] = parts.map(decodeURIComponent);
    if (!OPS.has(op) || !/^\d+$/.test(owner)) return undefined;
    return { op: op as ComponentOp, owner, ref, arg };
  } catch {
    return undefined;
  }
}
