/**
 * Profiles for the benchmarks: a fixed representative set (the example profiles plus a spread of
 * sizes from two days of 30 minutes to six days of 90), and a seeded generator of a plausible user
 * population, skewed toward common answers the way sign-ups are.
 */
import { readdirSync, readFileSync } from "node:fs";
import {
  type Equipment,
  type Experience,
  type Goal,
  type Injury,
  type Profile,
  type ProfileInput,
  ProfileSchema,
  type Units,
} from "../src/profile/schema.js";

const EXTRA: readonly [string, ProfileInput][] = [
  ["bodyweight-2d-30m-general", { age: 28, daysPerWeek: 2, minutes: 30 }],
  [
    "gym-4d-60m-muscle-int",
    {
      age: 30,
      goal: "muscle",
      experience: "intermediate",
      equipment: ["full_gym"],
      daysPerWeek: 4,
      minutes: 60,
    },
  ],
  [
    "gym-5d-75m-muscle-adv",
    {
      age: 27,
      goal: "muscle",
      experience: "advanced",
      equipment: ["full_gym"],
      daysPerWeek: 5,
      minutes: 75,
    },
  ],
  [
    "gym-6d-90m-strength-adv",
    {
      age: 35,
      goal: "strength",
      experience: "advanced",
      equipment: ["full_gym"],
      daysPerWeek: 6,
      minutes: 90,
    },
  ],
  [
    "db-kb-4d-45m-fatloss",
    {
      age: 45,
      goal: "fat_loss",
      experience: "intermediate",
      equipment: ["dumbbells", "kettlebells"],
      daysPerWeek: 4,
      minutes: 45,
    },
  ],
  [
    "bands-7d-20m-general",
    { age: 52, equipment: ["bands"], daysPerWeek: 7, minutes: 20, injuries: ["shoulders"] },
  ],
];

/** The example profiles shipped in examples/profiles, then the extra spread above. */
export function representativeProfiles(): [string, Profile][] {
  const folder = new URL("../examples/profiles/", import.meta.url);
  const examples = readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file): [string, Profile] => [
      file.replace(".json", ""),
      ProfileSchema.parse(JSON.parse(readFileSync(new URL(file, folder), "utf8"))),
    ]);
  return [...examples, ...EXTRA.map(([name, input]): [string, Profile] => [name, parse(input)])];
}

function parse(input: ProfileInput): Profile {
  return ProfileSchema.parse(input);
}

/** A small seeded generator (mulberry32), so every run draws the same population. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(random: () => number, choices: Weighted<T>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (choices.at(-1) as readonly [T, number])[0];
}

/**
 * The population's answers, in percent. Most people pick a preset button (3 or 4 days, 45 or 60
 * minutes), a gym or nothing, no injuries and no notes; ages cluster in the twenties to forties.
 */
export interface Population {
  readonly goal: Weighted<Goal>;
  readonly experience: Weighted<Experience>;
  readonly daysPerWeek: Weighted<number>;
  readonly minutes: Weighted<number>;
  readonly equipment: Weighted<readonly Equipment[]>;
  readonly injuries: Weighted<readonly Injury[]>;
  readonly units: Weighted<Units>;
  readonly notesPercent: number;
  readonly injuryNotesPercent: number;
}

export const POPULATION: Population = {
  goal: [
    ["general", 28],
    ["muscle", 27],
    ["fat_loss", 25],
    ["strength", 12],
    ["endurance", 8],
  ],
  experience: [
    ["beginner", 45],
    ["intermediate", 40],
    ["advanced", 15],
  ],
  daysPerWeek: [
    [3, 38],
    [4, 30],
    [2, 10],
    [5, 14],
    [6, 6],
    [1, 1],
    [7, 1],
  ],
  minutes: [
    [45, 32],
    [60, 30],
    [30, 15],
    [90, 7],
    [20, 4],
    [40, 4],
    [50, 4],
    [75, 4],
  ],
  equipment: [
    [["full_gym"], 40],
    [["bodyweight"], 24],
    [["dumbbells"], 10],
    [["dumbbells", "bench"], 9],
    [["bodyweight", "pullup_bar"], 5],
    [["bands"], 4],
    [["dumbbells", "kettlebells"], 4],
    [["barbell", "bench", "dumbbells"], 4],
  ],
  injuries: [
    [["none"], 84],
    [["lower_back"], 6],
    [["knees"], 5],
    [["shoulders"], 4],
    [["knees", "lower_back"], 1],
  ],
  units: [
    ["kg", 70],
    ["lb", 30],
  ],
  /** Percent of people who write anything in the free-text notes. */
  notesPercent: 12,
  /** Percent of people with an injury who describe it. */
  injuryNotesPercent: 50,
};

/** Ages 20 to 50 mostly: a rough bell around 33, clamped to 16..75. */
function age(random: () => number): number {
  const bell = (random() + random() + random() + random()) / 4; // mean 0.5, sd about 0.14
  return Math.min(75, Math.max(16, Math.round(33 + (bell - 0.5) * 60)));
}

/**
 * `size` profiles from the population. Free text, when someone writes any, is their own: drawn
 * from a large pool, so it rarely repeats.
 */
export function population(size: number, seed = 20_240_601): Profile[] {
  const random = seededRandom(seed);
  const people: Profile[] = [];
  for (let index = 0; index < size; index += 1) {
    const injuries = pick(random, POPULATION.injuries);
    const injured = injuries[0] !== "none";
    const writesNotes = random() * 100 < POPULATION.notesPercent;
    const describes = injured && random() * 100 < POPULATION.injuryNotesPercent;
    people.push(
      parse({
        age: age(random),
        goal: pick(random, POPULATION.goal),
        experience: pick(random, POPULATION.experience),
        equipment: [...pick(random, POPULATION.equipment)],
        daysPerWeek: pick(random, POPULATION.daysPerWeek),
        minutes: pick(random, POPULATION.minutes),
        injuries: [...injuries],
        injuryNotes: describes ? `sore after ${Math.floor(random() * 5_000)} steps` : "",
        units: pick(random, POPULATION.units),
        notes: writesNotes ? `note ${Math.floor(random() * 100_000)}` : "",
      }),
    );
  }
  return people;
}
