/**
 * The plan: a week of seven days, each a training, active-recovery or rest day. Every plan, from
 * the LLM, the built-in planner or the cache, is parsed with {@link PlanSchema} and judged by the
 * plan checks before anyone sees it.
 */
import { z } from "zod";

export const DAY_KINDS = ["training", "recovery", "rest"] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** Reps as "8" or a range "8-12". Timed work uses `seconds` instead. */
export const REPS_PATTERN = /^\d{1,3}(-\d{1,3})?$/;

export const ExerciseSchema = z
  .object({
    name: z.string().min(2).max(80),
    sets: z.number().int().min(1).max(10),
    reps: z.string().regex(REPS_PATTERN).optional(),
    seconds: z.number().int().min(5).max(3_600).optional(),
    restSeconds: z.number().int().min(0).max(600),
    /** An effort target such as "RIR 2" or "RPE 7". */
    effort: z.string().min(1).max(20),
    notes: z.string().max(200).optional(),
  })
  .refine((exercise) => exercise.reps !== undefined || exercise.seconds !== undefined, {
    message: "An exercise needs reps or seconds.",
  });

export const DaySchema = z.object({
  day: z.number().int().min(1).max(7),
  kind: z.enum(DAY_KINDS),
  focus: z.string().min(1).max(60),
  warmup: z.array(z.string().min(1).max(120)).max(8),
  exercises: z.array(ExerciseSchema).max(16),
  /** Estimated session length in minutes, warm-up included. Zero on rest days. */
  minutes: z.number().int().min(0).max(240),
});

export const PlanSchema = z.object({
  title: z.string().min(1).max(100),
  days: z
    .array(DaySchema)
    .length(7)
    .refine((days) => days.every((day, index) => day.day === index + 1), {
      message: "Days must be numbered 1 to 7 in order.",
    }),
  notes: z.array(z.string().min(1).max(300)).max(8),
});

export type Exercise = z.infer<typeof ExerciseSchema>;
export type Day = z.infer<typeof DaySchema>;
export type Plan = z.infer<typeof PlanSchema>;

/** A plan being written: the days finished so far, in order. */
export interface PartialPlan {
  readonly title?: string;
  readonly days: readonly Day[];
  readonly notes?: readonly string[];
}

export const DAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

export function dayName(day: number): string {
  return DAY_NAMES[(day - 1) % 7] ?? `Day ${day}`;
}
