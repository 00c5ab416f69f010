/**
 * What a component interaction means to the coach: a pressed button is a choice, a single
 * select is the picked choice, a multi select is a set of toggles and "done", and a submitted
 * modal is a typed answer (or a skip, when left empty).
 */
import type {
  ButtonInteraction,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
} from "discord.js";
import type { Turn } from "../../src/coach.js";
import type { Input } from "../../src/conversation/types.js";
import type { ComponentId } from "./ids.js";

type Handle = (input: Input) => Promise<Turn>;

/** Feeds a press, a selection or a modal answer to the coach through `handle`. */
export async function componentTurn(
  interaction: ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction,
  id: ComponentId,
  handle: Handle,
): Promise<Turn> {
  const choice = (value: string): Input => ({ kind: "choice", value, ref: id.ref });

  if (interaction.isModalSubmit()) {
    const value = interaction.fields.getTextInputValue("answer").trim();
    return handle(value === "" ? choice("skip") : { kind: "text", value });
  }
  if (interaction.isStringSelectMenu() && id.op === "m") {
    return applyMulti(interaction, handle, choice);
  }
  if (interaction.isStringSelectMenu()) return handle(choice(interaction.values[0] ?? ""));
  return handle(choice(id.arg));
}

/**
 * A multi-choice select sends the whole new selection. The options rendered as default are the
 * ones ticked so far, so each option whose state changed is toggled, then the answer is done.
 */
async function applyMulti(
  interaction: StringSelectMenuInteraction,
  handle: Handle,
  choice: (value: string) => Input,
): Promise<Turn> {
  const component = interaction.component as { options?: { value: string; default?: boolean }[] };
  const options = component.options ?? [];
  const ticked = new Set(options.filter((option) => option.default).map((option) => option.value));
  const wanted = new Set(interaction.values);
  const changed = [...new Set([...ticked, ...wanted])].filter(
    (value) => ticked.has(value) !== wanted.has(value),
  );
  for (const value of changed) {
    const turn = await handle(choice(value));
    // A stale select changes nothing; say so instead of pressing on.
    if (turn.notice && turn.replies.length === 0) return turn;
  }
  return handle(choice("done"));
}
