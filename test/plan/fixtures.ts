/** Profiles and plan edits shared by the plan-check, repair and swap tests. */
import type { Day, Exercise, Plan } from "../../src/plan/schema.js";
import { type Profile, type ProfileInput, ProfileSchema } from "../../src/profile/schema.js";

export function profile(input: Partial<ProfileInput> = {}): Profile {
  return ProfileSchema.parse({
    age: 30,
    goal: "muscle",
    experience: "intermediate",
    equipment: ["full_gym"],
    daysPerWeek: 4,
    minutes: 60,
    injuries: ["none"],
    ...input,
  });
}

/** A deep copy of the plan with `edit` applied to it. */
export function edited(plan: Plan, edit: (copy: Plan) => void): Plan {
  const copy = structuredClone(plan);
  edit(copy);
  return copy;
}

export function dayOf(plan: Plan, day: number): Day {
  const found = plan.days[day - 1];
  if (!found) throw new Error(`no day ${day}`);
  return found;
}

export function firstTrainingDay(plan: Plan): Day {
  const found = plan.days.find((day) => day.kind === "training");
  if (!found) throw new Error("no training day");
  return found;
}

export function lift(name: string, overrides: Partial<Exercise> = {}): Exercise {
  return { name, sets: 3, reps: "8-12", restSeconds: 90, effort: "RIR 2", ...overrides };
}
