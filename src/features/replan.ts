/**
 * /replan: a short feedback dialogue about last week (sessions done, how it felt, what hurt, any
 * profile change), then next week's plan, made from last week's by the progression rules. The
 * dialogue's state is a small JSON document per user, so any instance can continue it.
 */
import type { Feature, FeatureContext, Turn } from "../coach.js";
import type { Feedback, ReplanInput } from "../pipeline/types.js";
import type { Clock, UserKey } from "../ports.js";
import { FIELD_SCHEMAS, fieldSpec, ProfileSchema } from "../profile/schema.js";
import { loadingWeeks } from "../progression/deload.js";
import type { HistoryEntry, Store } from "../store/types.js";
import { FEATURE_BUTTONS, FEATURE_MESSAGES } from "./messages.js";
import {
  type Dialogue,
  EDITS,
  exerciseNames,
  PREFIX,
  pickIndexes,
  question,
  RATING_LABELS,
  RATINGS,
  type Step,
  trainingDayCount,
} from "./replan-questions.js";

export const REPLAN_DEFAULTS = {
  dialogueTtlMs: 86_400_000, // 1 day: an abandoned dialogue is dropped
  historyWeeks: 12, // weeks read back to count loading weeks since the last deload
  maxExercises: 24, // painful-exercise options; a Discord select menu holds 25 with "None"
} as const;

export interface ReplanFeatureDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly options?: { readonly [K in keyof typeof REPLAN_DEFAULTS]?: number };
}

const stateKey = (user: UserKey) => `replan:${user}`;

export function createReplanFeature(deps: ReplanFeatureDeps): Feature {
  const options = { ...REPLAN_DEFAULTS, ...deps.options };
  const { store, clock } = deps;

  async function load(user: UserKey): Promise<Dialogue | undefined> {
    const dialogue = (await store.getJson(stateKey(user))) as Dialogue | undefined;
    if (!dialogue || typeof dialogue !== "object" || typeof dialogue.seq !== "number")
      return undefined;
    if (clock() - dialogue.startedAt > options.dialogueTtlMs) {
      await store.deleteJson(stateKey(user));
      return undefined;
    }
    return dialogue;
  }

  async function ask(context: FeatureContext, dialogue: Dialogue, prefix?: string): Promise<Turn> {
    await store.setJson(stateKey(context.user), dialogue);
    const reply = question(dialogue, context.group);
    return { replies: prefix ? [{ text: prefix }, reply] : [reply] };
  }

  function next(dialogue: Dialogue, step: Step, patch: Partial<Dialogue> = {}): Dialogue {
    return { ...dialogue, ...patch, step, seq: dialogue.seq + 1, picks: patch.picks ?? [] };
  }

  async function finish(context: FeatureContext, dialogue: Dialogue): Promise<Turn> {
    await store.deleteJson(stateKey(context.user));
    const weeks = await store.listHistory(context.user, options.historyWeeks);
    const latest = weeks.find((entry) => entry.week === dialogue.week) ?? weeks[0];
    if (!latest || !context.profile) return { replies: [{ text: FEATURE_MESSAGES.replanNoPlan }] };

    const feedback: Feedback = {
      sessionsDone: dialogue.sessionsDone ?? 0,
      rating: dialogue.rating ?? "about_right",
      painful: dialogue.painful,
    };
    await store.setFeedback(context.user, latest.week, feedback);
    const profile = ProfileSchema.parse({ ...context.profile, ...dialogue.changes });
    const replan = replanInput(latest, weeks, feedback);
    const turn = await context.requestPlan(profile, { replan });
    return {
      ...turn,
      replies: [{ text: FEATURE_MESSAGES.replanWriting(replan.week) }, ...turn.replies],
    };
  }

  /** Handles one answer, typed or pressed, to the open question. */
  async function answer(
    context: FeatureContext,
    dialogue: Dialogue,
    value: string,
    typed: boolean,
  ) {
    if (value === "cancel" || (typed && /^(cancel|stop)$/i.test(value.trim()))) {
      await store.deleteJson(stateKey(context.user));
      return { replies: [{ text: FEATURE_MESSAGES.replanCancelled }] };
    }
    switch (dialogue.step) {
      case "sessions": {
        const done = Number(value.trim());
        if (!Number.isInteger(done) || done < 0 || done > dialogue.planned) {
          return ask(context, dialogue, FEATURE_MESSAGES.replanSessionsHint(dialogue.planned));
        }
        return ask(context, next(dialogue, "rating", { sessionsDone: done }));
      }
      case "rating": {
        const typedRating = RATINGS.find(
          (rating) => RATING_LABELS[rating].toLowerCase() === value.trim().toLowerCase(),
        );
        const rating = RATINGS.find((candidate) => candidate === value) ?? typedRating;
        if (!rating) return ask(context, dialogue, FEATURE_MESSAGES.replanNotSure);
        const step = dialogue.exercises.length > 0 ? "painful" : "profile";
        return ask(context, next(dialogue, step, { rating }));
      }
      case "painful":
        return painful(context, dialogue, value, typed);
      case "profile": {
        const choice = EDITS.find(
          (edit) =>
            edit.value === value ||
            (typed && edit.label.toLowerCase() === value.trim().toLowerCase()),
        );
        if (!choice) return ask(context, dialogue, FEATURE_MESSAGES.replanNotSure);
        if (choice.value === "keep") return finish(context, dialogue);
        const field = choice.value;
        const current = { ...context.profile, ...dialogue.changes }[field];
        const picks = Array.isArray(current) ? current.filter((item) => item !== "none") : [];
        return ask(context, next(dialogue, "field", { field, picks }));
      }
      case "field":
        return editField(context, dialogue, value, typed);
    }
  }

  async function painful(
    context: FeatureContext,
    dialogue: Dialogue,
    value: string,
    typed: boolean,
  ) {
    const names = dialogue.exercises;
    const done = (picks: readonly string[]) =>
      ask(
        context,
        next(dialogue, "profile", {
          painful: picks.map((pick) => names[Number(pick.slice(1))] ?? "").filter(Boolean),
        }),
      );
    const word = value.trim().toLowerCase();
    if (word === "none" || (typed && word === FEATURE_BUTTONS.none.toLowerCase())) return done([]);
    if (value === "done" || (typed && word === "done")) return done(dialogue.picks);
    if (!typed && /^x\d+$/.test(value)) {
      const picks = dialogue.picks.includes(value)
        ? dialogue.picks.filter((pick) => pick !== value)
        : [...dialogue.picks, value];
      return ask(context, { ...dialogue, seq: dialogue.seq + 1, picks });
    }
    const indexes = typed ? pickIndexes(value, names) : undefined;
    if (!indexes || indexes.length === 0)
      return ask(context, dialogue, FEATURE_MESSAGES.replanNotSure);
    return done(indexes.map((index) => `x${index}`));
  }

  async function editField(
    context: FeatureContext,
    dialogue: Dialogue,
    value: string,
    typed: boolean,
  ) {
    const field = dialogue.field ?? "minutes";
    const spec = fieldSpec(field);
    const back = (changes: Dialogue["changes"]) =>
      ask(context, next(dialogue, "profile", { changes: { ...dialogue.changes, ...changes } }));

    if (spec.kind === "number") {
      const parsed = FIELD_SCHEMAS[field].safeParse(Number(value.trim()));
      if (!parsed.success) {
        return ask(context, dialogue, FEATURE_MESSAGES.replanNumber(spec.min, spec.max, spec.unit));
      }
      return back({ [field]: parsed.data });
    }
    const isOption = (candidate: string) =>
      spec.kind === "multi" && spec.options.some((option) => option.value === candidate);
    if (value === "done" || (typed && value.trim().toLowerCase() === "done")) {
      if (field === "injuries") {
        const injuries = dialogue.picks.length > 0 ? dialogue.picks : ["none"];
        return back({ injuries: FIELD_SCHEMAS.injuries.parse(injuries) });
      }
      if (dialogue.picks.length === 0)
        return ask(context, dialogue, FEATURE_MESSAGES.replanPickOne);
      return back({ equipment: FIELD_SCHEMAS.equipment.parse(dialogue.picks) });
    }
    if (!typed && isOption(value) && value !== "none") {
      const picks = dialogue.picks.includes(value)
        ? dialogue.picks.filter((pick) => pick !== value)
        : [...dialogue.picks, value];
      return ask(context, { ...dialogue, seq: dialogue.seq + 1, picks });
    }
    return ask(context, dialogue, FEATURE_MESSAGES.replanNotSure);
  }

  return {
    name: "replan",
    commands: ["replan"],
    prefix: PREFIX,

    async command(_name, _args, context) {
      const [latest] = await store.listHistory(context.user, 1);
      if (!latest || !context.profile)
        return { replies: [{ text: FEATURE_MESSAGES.replanNoPlan }] };
      const dialogue: Dialogue = {
        seq: 1,
        step: "sessions",
        startedAt: clock(),
        week: latest.week,
        planned: Math.max(1, trainingDayCount(latest.plan)),
        exercises: exerciseNames(latest.plan, options.maxExercises),
        painful: [],
        picks: [],
        changes: {},
      };
      return ask(context, dialogue);
    },

    async choice(value, ref, context) {
      const dialogue = await load(context.user);
      if (!dialogue || ref !== `${PREFIX}${dialogue.seq}`) {
        return { replies: [], notice: FEATURE_MESSAGES.replanStale };
      }
      return answer(context, dialogue, value, false);
    },

    async text(value, context) {
      const dialogue = await load(context.user);
      if (!dialogue) return undefined;
      return answer(context, dialogue, value, true);
    },

    async reset(user) {
      await store.deleteJson(stateKey(user));
    },
  };
}

/** What the generators receive: last week's plan, its feedback and the deload bookkeeping. */
export function replanInput(
  latest: HistoryEntry,
  weeks: readonly HistoryEntry[],
  feedback: Feedback,
): ReplanInput {
  const before = weeks.filter((entry) => entry.week < latest.week);
  const previousRating = before[0]?.feedback?.rating;
  return {
    week: latest.week + 1,
    previous: latest.plan,
    feedback,
    hardWeeks: loadingWeeks([latest, ...before].map((entry) => entry.plan)),
    ...(previousRating ? { previousRating } : {}),
  };
}
