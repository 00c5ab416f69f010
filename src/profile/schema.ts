/**
 * The profile: the single definition of every field a plan depends on, with its allowed values,
 * its default and the question that asks for it. The conversation, the HTTP API, the one-shot CLI
 * and Discord's slash-command options are all derived from {@link FIELDS}.
 */
import { z } from "zod";
import { cleanText } from "../text.js";

export const GOALS = ["strength", "muscle", "fat_loss", "endurance", "general"] as const;
export const EXPERIENCE = ["beginner", "intermediate", "advanced"] as const;
export const EQUIPMENT = [
  "bodyweight",
  "dumbbells",
  "barbell",
  "bench",
  "kettlebells",
  "bands",
  "pullup_bar",
  "cables",
  "full_gym",
] as const;
export const INJURIES = ["knees", "lower_back", "shoulders", "wrists", "none"] as const;
export const UNITS = ["kg", "lb"] as const;

export type Goal = (typeof GOALS)[number];
export type Experience = (typeof EXPERIENCE)[number];
export type Equipment = (typeof EQUIPMENT)[number];
export type Injury = (typeof INJURIES)[number];
export type Units = (typeof UNITS)[number];

export const LIMITS = {
  minAge: 13,
  maxAge: 100,
  minDays: 1,
  maxDays: 7,
  minMinutes: 15,
  maxMinutes: 120,
  injuryNotesMax: 200,
  notesMax: 300,
} as const;

/** A choice as users see it: the stored value and its label. */
export interface Option<V extends string = string> {
  readonly value: V;
  readonly label: string;
}

const labels = {
  goal: {
    strength: "Get stronger",
    muscle: "Build muscle",
    fat_loss: "Lose fat",
    endurance: "Endurance",
    general: "General fitness",
  },
  experience: {
    beginner: "Beginner (under 6 months)",
    intermediate: "Intermediate (6 months to 2 years)",
    advanced: "Advanced (2+ years)",
  },
  equipment: {
    bodyweight: "Bodyweight only",
    dumbbells: "Dumbbells",
    barbell: "Barbell and rack",
    bench: "Bench",
    kettlebells: "Kettlebells",
    bands: "Resistance bands",
    pullup_bar: "Pull-up bar",
    cables: "Cables or machines",
    full_gym: "Full gym",
  },
  injuries: {
    knees: "Knees",
    lower_back: "Lower back",
    shoulders: "Shoulders",
    wrists: "Wrists",
    none: "None",
  },
  units: { kg: "Kilograms (kg)", lb: "Pounds (lb)" },
} as const;

function options<V extends string>(values: readonly V[], names: Record<V, string>): Option<V>[] {
  return values.map((value) => ({ value, label: names[value] }));
}

/** Free text after hygiene: invisible characters stripped, whitespace collapsed, length capped. */
function freeText(max: number) {
  return z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(max, `Please keep it under ${max} characters.`));
}

function uniqueSet<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .array(z.enum(values))
    .transform((list) => [...new Set(list)].sort() as T[])
    .pipe(z.array(z.enum(values)));
}

/** "none" cannot stand beside a real injury; it is dropped when both are given. */
const injuriesSchema = uniqueSet(INJURIES).transform((list) =>
  list.length > 1 ? list.filter((injury) => injury !== "none") : list,
);

/** "bodyweight" is always available; it is added so every plan has it to fall back on. */
const equipmentSchema = uniqueSet(EQUIPMENT)
  .refine((list) => list.length > 0, "Pick at least one option.")
  .transform((list): Equipment[] =>
    list.includes("bodyweight") ? list : [...list, "bodyweight" as const].sort(),
  );

const intIn = (min: number, max: number, unit: string) =>
  z
    .number({ error: `Please give a whole number of ${unit}.` })
    .int(`Please give a whole number of ${unit}.`)
    .min(min, `Please give ${min} to ${max} ${unit}.`)
    .max(max, `Please give ${min} to ${max} ${unit}.`);

interface FieldBase<K extends string> {
  readonly key: K;
  readonly question: string;
  /** A short name for summaries and error lists. */
  readonly title: string;
  /** May the user skip this question? Skipped fields take their default. */
  readonly optional: boolean;
  /** Holds health details, which are never echoed in a group chat. */
  readonly sensitive: boolean;
}
export interface NumberField<K extends string> extends FieldBase<K> {
  readonly kind: "number";
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** Quick picks offered as buttons; any number in range is accepted as text. */
  readonly presets: readonly number[];
}
export interface ChoiceField<K extends string> extends FieldBase<K> {
  readonly kind: "single" | "multi";
  readonly options: readonly Option[];
}
export interface TextField<K extends string> extends FieldBase<K> {
  readonly kind: "text";
  readonly max: number;
}
export type FieldSpec<K extends string = string> = NumberField<K> | ChoiceField<K> | TextField<K>;

/**
 * Every profile field, in the order the conversation asks for them. `injuryNotes` is asked only
 * when an injury was picked; see {@link isFieldRelevant}.
 */
export const FIELDS = [
  {
    key: "age",
    kind: "number",
    title: "Age",
    question: "How old are you?",
    min: LIMITS.minAge,
    max: LIMITS.maxAge,
    unit: "years",
    presets: [],
    optional: false,
    sensitive: false,
  },
  {
    key: "goal",
    kind: "single",
    title: "Goal",
    question: "What is your main goal?",
    options: options(GOALS, labels.goal),
    optional: false,
    sensitive: false,
  },
  {
    key: "experience",
    kind: "single",
    title: "Experience",
    question: "How much training experience do you have?",
    options: options(EXPERIENCE, labels.experience),
    optional: false,
    sensitive: false,
  },
  {
    key: "equipment",
    kind: "multi",
    title: "Equipment",
    question: "What equipment can you use? Pick all that apply.",
    options: options(EQUIPMENT, labels.equipment),
    optional: false,
    sensitive: false,
  },
  {
    key: "daysPerWeek",
    kind: "number",
    title: "Days per week",
    question: "How many days a week can you train?",
    min: LIMITS.minDays,
    max: LIMITS.maxDays,
    unit: "days",
    presets: [2, 3, 4, 5, 6],
    optional: false,
    sensitive: false,
  },
  {
    key: "minutes",
    kind: "number",
    title: "Session length",
    question: "How long can each session be, in minutes?",
    min: LIMITS.minMinutes,
    max: LIMITS.maxMinutes,
    unit: "minutes",
    presets: [20, 30, 45, 60, 90],
    optional: false,
    sensitive: false,
  },
  {
    key: "injuries",
    kind: "multi",
    title: "Injuries",
    question: "Any injuries or limitations? Pick all that apply, or None.",
    options: options(INJURIES, labels.injuries),
    optional: false,
    sensitive: true,
  },
  {
    key: "injuryNotes",
    kind: "text",
    title: "Injury details",
    question: "Anything we should know about them? A few words, or skip.",
    max: LIMITS.injuryNotesMax,
    optional: true,
    sensitive: true,
  },
  {
    key: "units",
    kind: "single",
    title: "Units",
    question: "Which units do you use for weights?",
    options: options(UNITS, labels.units),
    optional: true,
    sensitive: false,
  },
  {
    key: "notes",
    kind: "text",
    title: "Notes",
    question: "Anything else for your coach? For example a sport you play. Or skip.",
    max: LIMITS.notesMax,
    optional: true,
    sensitive: false,
  },
] as const satisfies readonly FieldSpec[];

export type FieldKey = (typeof FIELDS)[number]["key"];

/** The profile schema. Parsing fills defaults and applies text hygiene. */
export const ProfileSchema = z.object({
  age: intIn(LIMITS.minAge, LIMITS.maxAge, "years"),
  goal: z.enum(GOALS).default("general"),
  experience: z.enum(EXPERIENCE).default("beginner"),
  equipment: equipmentSchema.default(["bodyweight"]),
  daysPerWeek: intIn(LIMITS.minDays, LIMITS.maxDays, "days").default(3),
  minutes: intIn(LIMITS.minMinutes, LIMITS.maxMinutes, "minutes").default(45),
  injuries: injuriesSchema.default(["none"]),
  injuryNotes: freeText(LIMITS.injuryNotesMax).default(""),
  units: z.enum(UNITS).default("kg"),
  notes: freeText(LIMITS.notesMax).default(""),
});

export type Profile = z.output<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;

/** One schema per field, for validating a single answer in the conversation. */
export const FIELD_SCHEMAS = ProfileSchema.shape;

export function fieldSpec(key: FieldKey): FieldSpec<FieldKey> {
  const spec = FIELDS.find((field) => field.key === key);
  if (!spec) throw new Error(`unknown profile field: ${key}`);
  return spec;
}

/** Whether a field is asked, given the answers so far. */
export function isFieldRelevant(key: FieldKey, answers: Partial<Profile>): boolean {
  if (key === "injuryNotes") {
    return (answers.injuries ?? []).some((injury) => injury !== "none");
  }
  return true;
}

/** The label of a stored choice value, or the value itself when it is not a choice. */
export function labelOf(key: FieldKey, value: string): string {
  const spec = fieldSpec(key);
  if (spec.kind !== "single" && spec.kind !== "multi") return value;
  return spec.options.find((option) => option.value === value)?.label ?? value;
}

/** One readable line per problem, naming the field: for the CLI, the HTTP API and logs. */
export function describeProfileIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "profile",
    message: issue.message,
  }));
}
