import type { Plan } from "../../src/plan/schema.js";

/** A small valid plan whose text needs escaping: commas, semicolons, a backslash, non-ASCII. */
export function samplePlan(): Plan {
  const rest = (day: number) => ({
    day,
    kind: "rest" as const,
    focus: "Rest",
    warmup: [],
    exercises: [],
    minutes: 0,
  });
  return {
    title: "Full body, 3 days; week one",
    days: [
      {
        day: 1,
        kind: "training",
        focus: "Full body A",
        warmup: ["5 min brisk walk", "Arm circles, leg swings"],
        exercises: [
          {
            name: "Goblet squat",
            sets: 3,
            reps: "8-12",
            restSeconds: 90,
            effort: "RIR 2",
            notes: "Add 2 kg per hand once all sets reach 12; keep the chest up \\ tall",
          },
          { name: "Push-up", sets: 3, reps: "8-12", restSeconds: 60, effort: "RIR 2" },
          { name: "Plank", sets: 3, seconds: 30, restSeconds: 45, effort: "RPE 7" },
        ],
        minutes: 40,
      },
      rest(2),
      {
        day: 3,
        kind: "recovery",
        focus: "Easy walk and mobility",
        warmup: [],
        exercises: [
          { name: "Brisk walk", sets: 1, seconds: 1_200, restSeconds: 0, effort: "RPE 4" },
        ],
        minutes: 20,
      },
      rest(4),
      {
        day: 5,
        kind: "training",
        focus: "Full body B – Übungen",
        warmup: ["5 min easy cardio"],
        exercises: [
          { name: "Dumbbell row", sets: 3, reps: "10-12", restSeconds: 60, effort: "RIR 2" },
          { name: "Glute bridge", sets: 3, reps: "12-15", restSeconds: 45, effort: "RIR 2" },
        ],
        minutes: 35,
      },
      rest(6),
      rest(7),
    ],
    notes: ["Sleep well, eat enough protein.", "Stop any exercise that hurts."],
  };
}
