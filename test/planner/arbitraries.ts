/** fast-check arbitraries over the whole profile space. */
import fc from "fast-check";
import {
  EQUIPMENT,
  EXPERIENCE,
  GOALS,
  INJURIES,
  type Profile,
  ProfileSchema,
} from "../../src/profile/schema.js";

export const profileArb: fc.Arbitrary<Profile> = fc
  .record({
    age: fc.oneof(fc.integer({ min: 13, max: 100 }), fc.constantFrom(13, 17, 18, 64, 65, 100)),
    goal: fc.constantFrom(...GOALS),
    experience: fc.constantFrom(...EXPERIENCE),
    equipment: fc.subarray([...EQUIPMENT], { minLength: 1 }),
    daysPerWeek: fc.integer({ min: 1, max: 7 }),
    minutes: fc.oneof(fc.integer({ min: 15, max: 120 }), fc.constantFrom(15, 16, 20, 120)),
    injuries: fc.oneof(
      fc.constant(["none" as const]),
      fc.subarray(["knees", "lower_back", "shoulders", "wrists"] as const, { minLength: 1 }),
    ),
  })
  .map((input) => ProfileSchema.parse(input));

export const INJURY_VALUES = INJURIES;
