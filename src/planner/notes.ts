/**
 * The plan's general notes: how to read effort targets, how to progress, and the safety notes the
 * profile calls for (injuries, teenagers, older adults). At most eight, each under 300 characters.
 */
import type { Profile } from "../profile/schema.js";
import { ageBand, needsConditioning } from "./rules.js";

const JOINT: Record<Profile["injuries"][number], string> = {
  knees: "knees",
  lower_back: "lower back",
  shoulders: "shoulders",
  wrists: "wrists",
  none: "",
};

/** The safety note every plan for someone with an injury carries; the checks look for it. */
export function injuryNote(profile: Profile): string {
  const joints = profile.injuries.map((injury) => JOINT[injury]).filter(Boolean);
  return `Exercises that load your ${joints.join(" and ")} were swapped for gentler ones. Work in a pain-free range; if pain persists or gets worse, check in with a physiotherapist or doctor.`;
}

export const SUPERVISION_NOTE =
  "Learn each movement with light weights first, ideally supervised by a qualified coach or PE teacher. Good technique comes before heavier loads.";

export function planNotes(profile: Profile, recoveryDays: number): string[] {
  const band = ageBand(profile.age);
  const notes = [
    "Effort: RIR 2 means you stop with about two good reps left in the tank. RPE 7 is a 7 out of 10 effort.",
    "Progress: when you reach the top of the rep range on every set, add a little weight or a rep next time.",
  ];
  if (profile.injuries.some((injury) => injury !== "none")) notes.push(injuryNote(profile));
  if (band === "youth") notes.push(SUPERVISION_NOTE);
  if (band === "older") {
    notes.push(
      "Take the full warm-up, keep a sturdy chair or wall within reach for balance work, and keep the effort moderate: you should always finish a set with reps to spare.",
    );
  }
  if (needsConditioning(profile)) {
    notes.push(
      "Each session ends with conditioning; swap in any cardio you enjoy at the same effort.",
    );
  }
  if (recoveryDays > 0) {
    notes.push(
      "Active-recovery days are easy on purpose: they help you recover for the next hard day.",
    );
  }
  if (profile.minutes <= 25) {
    notes.push(
      "Short sessions: move briskly between exercises, circuit style, and keep rests to the times given.",
    );
  }
  return notes.slice(0, 8);
}
