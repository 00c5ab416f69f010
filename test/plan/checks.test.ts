import { describe, expect, it } from "vitest";
import { checkPlan, type ViolationCode } from "../../src/plan/checks.js";
import type { Plan } from "../../src/plan/schema.js";
import { buildPlan, estimateDayMinutes } from "../../src/planner/index.js";
import { dayOf, edited, firstTrainingDay, lift, profile } from "./fixtures.js";

const adult = profile();
const base = buildPlan(adult);

function codes(plan: Plan, who = adult): ViolationCode[] {
  return checkPlan(plan, who).map((v) => v.code);
}

function withMinutes(plan: Plan): Plan {
  return edited(plan, (p) => {
    for (const day of p.days) day.minutes = estimateDayMinutes(day);
  });
}

describe("checkPlan", () => {
  it("accepts the built-in plan it is checked against", () => {
    expect(checkPlan(base, adult)).toEqual([]);
  });

  it("matches names case-, spacing- and plural-insensitively and through aliases", () => {
    const plan = edited(base, (p) => {
      const day = firstTrainingDay(p);
      const names = ["barbell BENCH-press", "Lat  Pulldowns", "db rdl", "Chin ups"];
      names.forEach((name, index) => {
        const exercise = day.exercises[index];
        if (exercise) exercise.name = name;
      });
    });
    expect(codes(plan)).not.toContain("unknown_exercise");
  });

  it("flags an exercise the library does not know", () => {
    const plan = edited(base, (p) => {
      const exercise = firstTrainingDay(p).exercises[0];
      if (exercise) exercise.name = "Zercher moonwalk";
    });
    const violations = checkPlan(plan, adult);
    expect(violations).toContainEqual(
      expect.objectContaining({ code: "unknown_exercise", exercise: "Zercher moonwalk" }),
    );
  });

  it("flags equipment the person does not have", () => {
    const home = profile({ equipment: ["bodyweight", "dumbbells"] });
    const plan = edited(buildPlan(home), (p) => {
      const exercise = firstTrainingDay(p).exercises[0];
      if (exercise) exercise.name = "Barbell back squat";
    });
    expect(codes(plan, home)).toContain("equipment_unavailable");
  });

  it("flags an exercise that loads an injured joint", () => {
    const knees = profile({ injuries: ["knees"] });
    const plan = edited(buildPlan(knees), (p) => {
      const exercise = firstTrainingDay(p).exercises[0];
      if (exercise) exercise.name = "Bulgarian split squat";
    });
    expect(codes(plan, knees)).toContain("contraindicated");
  });

  it("flags a day count that differs from the profile", () => {
    const plan = edited(base, (p) => {
      const day = firstTrainingDay(p);
      Object.assign(day, { kind: "rest", exercises: [], warmup: [], minutes: 0 });
    });
    expect(codes(plan)).toContain("day_count");
  });

  it("flags seven hard days", () => {
    const seven = profile({ daysPerWeek: 7 });
    const plan = edited(buildPlan(seven), (p) => {
      const training = firstTrainingDay(p);
      p.days = p.days.map((_, index) => ({ ...structuredClone(training), day: index + 1 }));
    });
    expect(codes(plan, seven)).toContain("too_many_hard_days");
  });

  it("flags work on a rest day and a training day without work", () => {
    const plan = edited(base, (p) => {
      const rest = p.days.find((day) => day.kind === "rest");
      rest?.exercises.push(lift("Push-up"));
      firstTrainingDay(p).exercises = [];
    });
    expect(codes(plan)).toEqual(
      expect.arrayContaining(["rest_day_has_work", "empty_training_day"]),
    );
  });

  it("flags a session longer than the minutes available", () => {
    const plan = withMinutes(
      edited(base, (p) => {
        for (const exercise of firstTrainingDay(p).exercises) exercise.sets = 8;
      }),
    );
    expect(codes(plan)).toContain("session_too_long");
  });

  it("flags stated minutes far from the estimate", () => {
    const plan = edited(base, (p) => {
      firstTrainingDay(p).minutes = 5;
    });
    expect(codes(plan)).toContain("minutes_mismatch");
  });

  it("flags a training day without a warm-up, and asks for a longer one from 65", () => {
    const noWarmup = edited(base, (p) => {
      firstTrainingDay(p).warmup = [];
    });
    expect(codes(noWarmup)).toContain("warmup_short");

    const older = profile({ age: 70, goal: "general", daysPerWeek: 3 });
    const brief = edited(buildPlan(older), (p) => {
      firstTrainingDay(p).warmup = ["2 min marching", "Balance: single-leg stand"];
    });
    expect(codes(brief, older)).toContain("warmup_short");
  });

  it("flags too little weekly volume for a muscle", () => {
    const plan = withMinutes(
      edited(base, (p) => {
        for (const day of p.days) {
          day.exercises = day.exercises.filter((e) => !/bench|press|push|fly|dip/i.test(e.name));
        }
      }),
    );
    expect(checkPlan(plan, adult)).toContainEqual(
      expect.objectContaining({ code: "volume_low", message: expect.stringContaining("chest") }),
    );
  });

  it("flags too much weekly volume and too much in one session", () => {
    const plan = edited(base, (p) => {
      firstTrainingDay(p).exercises.push(
        lift("Dumbbell bench press", { sets: 10 }),
        lift("Cable fly", { sets: 10 }),
      );
    });
    expect(codes(plan)).toEqual(expect.arrayContaining(["volume_high", "session_volume_high"]));
  });

  it("flags a muscle trained on only one day a week", () => {
    const plan = edited(base, (p) => {
      const upperDays = p.days.filter((day) => /upper/i.test(day.focus));
      const second = upperDays[1];
      if (second)
        second.exercises = second.exercises.filter(
          (e) => !/bench|press|push|fly|dip/i.test(e.name),
        );
    });
    expect(codes(plan)).toContain("frequency_low");
  });

  it("flags the same muscles trained hard on two days in a row", () => {
    const three = profile({ daysPerWeek: 3 });
    const plan = edited(buildPlan(three), (p) => {
      // full body on Monday and again on Tuesday
      p.days[1] = { ...structuredClone(dayOf(p, 1)), day: 2 };
      p.days[2] = { ...dayOf(p, 3), kind: "rest", exercises: [], warmup: [], minutes: 0 };
    });
    expect(codes(plan, three)).toContain("consecutive_hard_days");
  });

  it("flags a multi-joint lift after an isolation exercise", () => {
    const plan = edited(base, (p) => {
      firstTrainingDay(p).exercises.reverse();
    });
    expect(codes(plan)).toContain("isolation_before_compound");
  });

  describe("session shape", () => {
    const knees = profile({
      equipment: ["dumbbells", "bench"],
      injuries: ["knees"],
      daysPerWeek: 3,
      minutes: 45,
    });
    const thirteen = [
      "Dumbbell bench press",
      "One-arm dumbbell row",
      "Dumbbell Romanian deadlift",
      "Incline dumbbell press",
      "Chest-supported dumbbell row",
      "Dumbbell fly",
      "Dumbbell lateral raise",
      "Reverse dumbbell fly",
      "Hammer curl",
      "Dumbbell curl",
      "Dumbbell skull crusher",
      "Dumbbell shrug",
      "Hollow hold",
    ];
    /** The first training day rewritten as `names`, the first `heavy` of them at three sets. */
    const session = (plan: Plan, names: readonly string[], heavy: number): Plan =>
      withMinutes(
        edited(plan, (p) => {
          firstTrainingDay(p).exercises = names.map((name, index) =>
            lift(name, { sets: index < heavy ? 3 : 1 }),
          );
        }),
      );

    it("flags thirteen exercises, mostly single sets, in a 45-minute session", () => {
      const scattered = session(buildPlan(knees), thirteen, 2);
      const found = checkPlan(scattered, knees).filter((v) => v.day === 1);
      expect(found.map((v) => v.code)).toEqual(
        expect.arrayContaining(["too_many_exercises", "single_sets"]),
      );
    });

    it("accepts five exercises of three sets in the same session", () => {
      const focused = session(buildPlan(knees), thirteen.slice(0, 5), 5);
      expect(codes(focused, knees)).not.toContain("too_many_exercises");
      expect(codes(focused, knees)).not.toContain("single_sets");
    });

    it("allows single sets in a deload week and in a circuit of a few minutes", () => {
      const few = thirteen.slice(0, 5);
      const deload = edited(session(buildPlan(knees), few, 0), (p) => {
        p.title = `Week 6, deload: ${p.title}`;
      });
      expect(codes(deload, knees)).not.toContain("single_sets");
      expect(codes(session(buildPlan(knees), few, 0), knees)).toContain("single_sets");

      const quick = profile({ equipment: ["dumbbells", "bench"], daysPerWeek: 3, minutes: 15 });
      const circuit = session(buildPlan(quick), few.slice(0, 4), 0);
      expect(codes(circuit, quick)).not.toContain("single_sets");
    });
  });

  it("flags an effort target that is neither RIR nor RPE", () => {
    const plan = edited(base, (p) => {
      const exercise = firstTrainingDay(p).exercises[0];
      if (exercise) exercise.effort = "go hard";
    });
    expect(codes(plan)).toContain("bad_effort");
  });

  it("flags near-maximal work for a teenager and an adult over 65, not for an adult", () => {
    const heavy = (plan: Plan) =>
      edited(plan, (p) => {
        const exercise = firstTrainingDay(p).exercises[0];
        if (exercise) Object.assign(exercise, { reps: "3-5", effort: "RPE 9-10" });
      });
    const teen = profile({ age: 15, goal: "strength" });
    const older = profile({ age: 72, goal: "strength", daysPerWeek: 3 });
    expect(codes(heavy(buildPlan(teen)), teen)).toContain("age_intensity");
    expect(codes(heavy(buildPlan(older)), older)).toContain("age_intensity");
    expect(codes(heavy(base))).not.toContain("age_intensity");
  });

  it("flags a fat-loss plan without conditioning", () => {
    const fatLoss = profile({ goal: "fat_loss", daysPerWeek: 3 });
    const plan = edited(buildPlan(fatLoss), (p) => {
      for (const day of p.days) {
        day.exercises = day.exercises.filter(
          (e) => !e.notes?.startsWith("Intervals") && !e.notes?.startsWith("Steady"),
        );
      }
    });
    expect(codes(plan, fatLoss)).toContain("missing_conditioning");
  });

  it("flags a plan for an adult over 65 without balance work", () => {
    const older = profile({ age: 70, goal: "general", daysPerWeek: 3 });
    const plan = edited(buildPlan(older), (p) => {
      for (const day of p.days) day.warmup = day.warmup.filter((line) => !/balance/i.test(line));
    });
    expect(codes(plan, older)).toContain("missing_balance");
  });

  it("flags a missing see-a-professional note and a missing supervision note", () => {
    const teen = profile({ age: 16, injuries: ["wrists"], experience: "beginner" });
    const plan = edited(buildPlan(teen), (p) => {
      p.notes = ["Have fun."];
    });
    expect(codes(plan, teen)).toEqual(
      expect.arrayContaining(["missing_safety_note", "missing_supervision_note"]),
    );
  });
});
