/**
 * The vocabulary of the plan checks (src/plan/checks.ts): stable violation codes. Each is documented in docs/PROGRAMMING.md with the rule behind it.
 */
export type ViolationCode =
  | "unknown_exercise" // not in the library, even by alias
  | "equipment_unavailable" // needs equipment the profile does not have
  | "contraindicated" // loads a joint the profile says is injured
  | "day_count" // training plus recovery days differ from the days per week
  | "too_many_hard_days" // seven training days, or more than the profile's hard-day cap + 1
  | "rest_day_has_work" // a rest day lists exercises
  | "empty_training_day" // a training day without exercises
  | "session_too_long" // stated or estimated minutes over the profile's session length
  | "minutes_mismatch" // stated minutes far from the estimate
  | "warmup_short" // a training day with too little warm-up (longer from 65)
  | "volume_low" // weekly sets for a major muscle under the floor
  | "volume_high" // weekly sets for a major muscle over the experience maximum
  | "session_volume_high" // too many sets for one muscle in one session
  | "frequency_low" // a major muscle trained on fewer than two days a week
  | "consecutive_hard_days" // the same muscle trained hard on two days in a row
  | "isolation_before_compound" // a multi-joint lift after an isolation exercise
  | "too_many_exercises" // more strength exercises in a session than its minutes call for
  | "single_sets" // several lifts at one set each when there are more than 18 lifting minutes
  | "bad_effort" // a strength exercise without a readable RIR or RPE target
  | "age_intensity" // near-maximal work for a teenager or an adult of 65+
  | "missing_conditioning" // fat-loss or endurance goal without conditioning work
  | "missing_balance" // no balance or mobility work from 65
  | "missing_safety_note" // injuries without the see-a-professional note
  | "missing_supervision_note"; // a teenager's plan without the supervision note

export interface Violation {
  readonly code: ViolationCode;
  readonly message: string;
  /** The day (1 to 7) the violation is on, when it is about one day. */
  readonly day?: number;
  /** The exercise name as the plan wrote it, when it is about one exercise. */
  readonly exercise?: string;
}

export const CHECK_LIMITS = {
  overTimeFactor: 1.1, // the estimate may run 10% over; the stated minutes may not
  mismatchMinutes: 5, // stated vs estimated minutes may differ by this much...
  mismatchFactor: 0.25, // ...or by this share of the estimate, whichever is larger
  hardDayPrimarySets: 3, // direct sets that make a day "hard" for a muscle
  minFrequencySets: 0.5, // counted sets (one direct or indirect set) that make a training day
  extraExercises: 2, // strength exercises allowed beyond the planner's count for the minutes
  singleSetMinutes: 18, // lifting minutes (after warm-up and conditioning) that may be a circuit
  singleSetLifts: 2, // most multi-joint or isolation lifts at one set in a longer session
} as const;
