/**
 * "Swap this exercise": pick a day, an exercise, then one of its safe alternatives for the profile
 * the plan was made for. The latest week in history is updated in place.
 */
import type { Feature, FeatureContext, Turn } from "../coach.js";
import type { ChoiceOption, NavAction, Reply } from "../conversation/types.js";
import { BUTTONS, MESSAGES, SWAP } from "../messages.js";
import { dayLabel, renderDay } from "../plan/render.js";
import { applySwap, swapOptions } from "../plan/swap.js";
import type { UserKey } from "../ports.js";
import type { HistoryEntry, Store } from "../store/types.js";

type Step =
  | { readonly step: "day" }
  | { readonly step: "exercise"; readonly day: number }
  | {
      readonly step: "alternative";
      readonly day: number;
      readonly index: number;
      readonly alternatives: readonly string[];
    };

type Flow = Step & { readonly seq: number; readonly week: number };

const PREFIX = "swap:";

export function createSwapFeature(deps: { readonly store: Store }): Feature {
  const { store } = deps;
  const flowKey = (user: UserKey) => `flow:swap:${user}`;

  async function latest(user: UserKey): Promise<HistoryEntry | undefined> {
    return (await store.listHistory(user, 1))[0];
  }

  function menu(flow: Flow, text: string, options: ChoiceOption[]): Reply {
    const actions: NavAction[] = flow.step === "day" ? ["cancel"] : ["back", "cancel"];
    return {
      text,
      choices: {
        mode: "single",
        ref: `${PREFIX}${flow.seq}`,
        options,
        actions: actions.map((value) => ({ value, label: BUTTONS[value] })),
        acceptsText: true,
      },
    };
  }

  /** The options of the flow's current step, in the order they are shown. */
  function optionsFor(flow: Flow, entry: HistoryEntry): ChoiceOption[] {
    if (flow.step === "day") {
      return entry.plan.days
        .filter((day) => day.exercises.length > 0)
        .map((day) => ({ value: String(day.day), label: dayLabel(day) }));
    }
    if (flow.step === "exercise") {
      const day = entry.plan.days[flow.day - 1];
      return (day?.exercises ?? []).map((exercise, index) => ({
        value: String(index),
        label: exercise.name,
      }));
    }
    return flow.alternatives.map((name, index) => ({ value: String(index), label: name }));
  }

  function question(flow: Flow, entry: HistoryEntry): string {
    if (flow.step === "day") return SWAP.whichDay;
    if (flow.step === "exercise") return SWAP.whichExercise;
    const current = entry.plan.days[flow.day - 1]?.exercises[flow.index]?.name ?? "";
    return SWAP.whichAlternative(current);
  }

  /** Saves the flow at its new step and renders that step's menu. */
  async function show(user: UserKey, flow: Flow, entry: HistoryEntry): Promise<Turn> {
    await store.setJson(flowKey(user), flow);
    return { replies: [menu(flow, question(flow, entry), optionsFor(flow, entry))] };
  }

  async function load(user: UserKey): Promise<Flow | undefined> {
    return (await store.getJson(flowKey(user))) as Flow | undefined;
  }

  async function end(user: UserKey, text: string): Promise<Turn> {
    await store.deleteJson(flowKey(user));
    return { replies: [{ text }] };
  }

  /** Moves the flow on with the option at `value`, which buttons and typed numbers both give. */
  async function advance(flow: Flow, value: string, context: FeatureContext): Promise<Turn> {
    const entry = await latest(context.user);
    if (!entry || entry.week !== flow.week) return end(context.user, SWAP.planChanged);
    const seq = flow.seq + 1;
    const base = { seq, week: flow.week };

    if (value === "cancel") return end(context.user, SWAP.cancelled);
    if (value === "back") {
      if (flow.step === "alternative") {
        return show(context.user, { ...base, step: "exercise", day: flow.day }, entry);
      }
      return show(context.user, { ...base, step: "day" }, entry);
    }

    const choice = Number(value);
    if (!Number.isInteger(choice)) return { replies: [], notice: MESSAGES.staleButton };
    if (flow.step === "day") {
      const day = entry.plan.days[choice - 1];
      if (!day || day.exercises.length === 0) return { replies: [], notice: MESSAGES.staleButton };
      return show(context.user, { ...base, step: "exercise", day: choice }, entry);
    }
    if (flow.step === "exercise") {
      const exercise = entry.plan.days[flow.day - 1]?.exercises[choice];
      if (!exercise) return { replies: [], notice: MESSAGES.staleButton };
      const alternatives = swapOptions(entry.plan, flow.day, choice, entry.profile);
      if (alternatives.length === 0) return end(context.user, SWAP.noAlternative(exercise.name));
      return show(
        context.user,
        { ...base, step: "alternative", day: flow.day, index: choice, alternatives },
        entry,
      );
    }

    const chosen = flow.alternatives[choice];
    if (chosen === undefined) return { replies: [], notice: MESSAGES.staleButton };
    const plan = applySwap(entry.plan, flow.day, flow.index, chosen, entry.profile);
    await store.setPlan(context.user, entry.week, plan);
    await store.deleteJson(flowKey(context.user));
    const before = entry.plan.days[flow.day - 1]?.exercises[flow.index]?.name ?? "";
    const day = plan.days[flow.day - 1];
    const text = [SWAP.done(before, chosen), "", day ? renderDay(day) : ""].join("\n");
    return { replies: [{ text }] };
  }

  return {
    name: "swap",
    commands: ["swap"],
    prefix: PREFIX,

    async command(_name, _args, context) {
      const entry = await latest(context.user);
      if (!entry) return { replies: [{ text: MESSAGES.noPlanYet }] };
      const previous = await load(context.user);
      return show(
        context.user,
        { step: "day", seq: (previous?.seq ?? 0) + 1, week: entry.week },
        entry,
      );
    },

    async choice(value, ref, context) {
      const flow = await load(context.user);
      if (!flow || ref !== `${PREFIX}${flow.seq}`)
        return { replies: [], notice: MESSAGES.staleButton };
      return advance(flow, value, context);
    },

    async text(value, context) {
      const flow = await load(context.user);
      if (!flow) return undefined;
      const typed = value.trim().toLowerCase();
      if (typed === "cancel" || typed === "back") return advance(flow, typed, context);
      const entry = await latest(context.user);
      const options = entry ? optionsFor(flow, entry) : [];
      const picked = /^\d+$/.test(typed) ? options[Number(typed) - 1] : undefined;
      const named = options.find((option) => option.label.toLowerCase() === typed);
      const option = picked ?? named;
      if (!option) return { replies: [{ text: SWAP.typeNumber }] };
      return advance(flow, option.value, context);
    },

    async reset(user) {
      await store.deleteJson(flowKey(user));
    },
  };
}
