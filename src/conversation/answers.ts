/**
 * Turns a typed answer into a field value. Answers may be a choice's label, its number, a common
 * synonym ("lose weight", "db", "nothing"), or a number in words or with a unit ("three",
 * "45 min", "an hour").
 */
import { hintFor } from "../messages.js";
import {
  type ChoiceField,
  FIELD_SCHEMAS,
  type FieldKey,
  type FieldSpec,
} from "../profile/schema.js";
import { cleanText } from "../text.js";

export type ParsedAnswer =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

const SMALL = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** Synonyms users type, by field, mapped to stored values. Matched as whole words. */
const SYNONYMS: Partial<Record<FieldKey, Record<string, string>>> = {
  goal: {
    "lose weight": "fat_loss",
    "weight loss": "fat_loss",
    "fat loss": "fat_loss",
    "lose fat": "fat_loss",
    cut: "fat_loss",
    lean: "fat_loss",
    bulk: "muscle",
    hypertrophy: "muscle",
    muscle: "muscle",
    size: "muscle",
    strong: "strength",
    strength: "strength",
    powerlifting: "strength",
    cardio: "endurance",
    running: "endurance",
    stamina: "endurance",
    endurance: "endurance",
    health: "general",
    general: "general",
    fit: "general",
  },
  experience: {
    new: "beginner",
    novice: "beginner",
    never: "beginner",
    beginner: "beginner",
    some: "intermediate",
    intermediate: "intermediate",
    advanced: "advanced",
    expert: "advanced",
    experienced: "advanced",
  },
  equipment: {
    none: "bodyweight",
    nothing: "bodyweight",
    "no equipment": "bodyweight",
    bodyweight: "bodyweight",
    home: "bodyweight",
    db: "dumbbells",
    dbs: "dumbbells",
    dumbbell: "dumbbells",
    barbell: "barbell",
    rack: "barbell",
    bench: "bench",
    kb: "kettlebells",
    kettlebell: "kettlebells",
    band: "bands",
    bands: "bands",
    "pull up": "pullup_bar",
    "pull-up": "pullup_bar",
    pullup: "pullup_bar",
    chin: "pullup_bar",
    cable: "cables",
    cables: "cables",
    machine: "cables",
    machines: "cables",
    gym: "full_gym",
    everything: "full_gym",
  },
  injuries: {
    knee: "knees",
    knees: "knees",
    back: "lower_back",
    "lower back": "lower_back",
    spine: "lower_back",
    shoulder: "shoulders",
    shoulders: "shoulders",
    wrist: "wrists",
    wrists: "wrists",
    none: "none",
    no: "none",
    nope: "none",
    nothing: "none",
    healthy: "none",
  },
  units: {
    kilo: "kg",
    kilos: "kg",
    kg: "kg",
    kgs: "kg",
    metric: "kg",
    lb: "lb",
    lbs: "lb",
    pounds: "lb",
    pound: "lb",
    imperial: "lb",
  },
};

const SKIP_WORDS = new Set(["skip", "no", "none", "nothing", "nope", "n/a", "-", "no thanks"]);

/** Reads "45", "45 min", "forty-five", "an hour", "1.5 hours" as a number (minutes for time). */
export function parseNumber(text: string): number | undefined {
  const lower = cleanText(text).toLowerCase();
  const hours = /^(an?|one|\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours)\b/.exec(lower);
  if (hours?.[1]) {
    const amount = /^\d/.test(hours[1]) ? Number(hours[1].replace(",", ".")) : 1;
    return Math.round(amount * 60);
  }
  if (/\bhalf an hour\b/.test(lower)) return 30;
  const digits = /-?\d+(?:[.,]\d+)?/.exec(lower);
  if (digits) return Number(digits[0].replace(",", "."));
  return wordsToNumber(lower);
}

function wordsToNumber(text: string): number | undefined {
  let total = 0;
  let found = false;
  for (const word of text.split(/[\s-]+/)) {
    const small = SMALL.indexOf(word);
    const tens = TENS.indexOf(word);
    if (small >= 0) total += small;
    else if (tens >= 2) total += tens * 10;
    else if (word === "hundred") total = (total || 1) * 100;
    else if (word === "and" && found) continue;
    else if (found) break;
    else continue;
    found = true;
  }
  return found ? total : undefined;
}

function matchOption(spec: ChoiceField<FieldKey>, text: string): string | undefined {
  const lower = text.toLowerCase().trim();
  if (/^\d+$/.test(lower)) return spec.options[Number(lower) - 1]?.value;
  const exact = spec.options.find(
    (option) =>
      option.value === lower ||
      option.value.replace(/_/g, " ") === lower ||
      option.label.toLowerCase() === lower,
  );
  if (exact) return exact.value;
  const synonyms = SYNONYMS[spec.key] ?? {};
  const phrases = Object.keys(synonyms).sort((a, b) => b.length - a.length);
  const hit = phrases.find((phrase) =>
    new RegExp(`(^|\\W)${escapeRegExp(phrase)}($|\\W)`).test(lower),
  );
  if (hit) return synonyms[hit];
  const partial = spec.options.filter((option) => option.label.toLowerCase().includes(lower));
  return lower.length >= 3 && partial.length === 1 ? partial[0]?.value : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Splits "1, 3 and 5" or "dumbbells & bench" into parts. */
function splitList(text: string): string[] {
  return text
    .split(/\s*(?:,|;|&|\+|\/|\band\b|\s(?=\d))\s*/i)
    .map((part) => part.trim())
    .filter(Boolean);
}

function validate(key: FieldKey, value: unknown): ParsedAnswer {
  const result = FIELD_SCHEMAS[key].safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: result.error.issues[0]?.message ?? "That answer doesn't fit." };
}

/** Parses a typed answer for one field and validates it with the field's schema. */
export function parseAnswer(spec: FieldSpec<FieldKey>, raw: string): ParsedAnswer {
  const text = cleanText(raw);
  if (text === "") return { ok: false, reason: hintFor(spec) };

  switch (spec.kind) {
    case "number": {
      const value = parseNumber(text);
      if (value === undefined || !Number.isInteger(value))
        return { ok: false, reason: hintFor(spec) };
      return validate(spec.key, value);
    }
    case "single": {
      const value = matchOption(spec, text);
      return value === undefined ? { ok: false, reason: hintFor(spec) } : validate(spec.key, value);
    }
    case "multi": {
      const values = splitList(text).map((part) => matchOption(spec, part));
      if (values.length === 0 || values.some((value) => value === undefined)) {
        return { ok: false, reason: hintFor(spec) };
      }
      return validate(spec.key, values);
    }
    case "text": {
      if (spec.optional && SKIP_WORDS.has(text.toLowerCase())) return { ok: true, value: "" };
      return validate(spec.key, text);
    }
  }
}

/** Validates a value picked from buttons or given as a command option. */
export function acceptValue(key: FieldKey, value: unknown): ParsedAnswer {
  return validate(key, value);
}
