/**
 * Stage 1: check the input, fill in defaults and apply the safety gates. Nothing after this stage
 * sees an unvalidated profile.
 */
import { MESSAGES } from "../messages.js";
import { describeProfileIssues, LIMITS, type Profile, ProfileSchema } from "../profile/schema.js";

export type Validated =
  | { readonly ok: true; readonly profile: Profile }
  | {
      readonly ok: false;
      /** One user-facing paragraph. */
      readonly message: string;
      /** One entry per bad field, for APIs and the CLI. */
      readonly issues: readonly { readonly field: string; readonly message: string }[];
    };

export function validateProfile(input: unknown): Validated {
  const parsed = ProfileSchema.safeParse(input);
  const age = (input as { age?: unknown } | null)?.age;
  const underAge = typeof age === "number" && age >= 0 && age < LIMITS.minAge;
  if (parsed.success) return { ok: true, profile: parsed.data };

  // Every bad field is listed; a child's age gets the friendly refusal as the message.
  const issues = describeProfileIssues(parsed.error).map((issue) =>
    underAge && issue.field === "age"
      ? { field: "age", message: `must be at least ${LIMITS.minAge}` }
      : issue,
  );
  if (underAge) return { ok: false, message: MESSAGES.underAge, issues };
  const message = [
    "Some answers in the profile need fixing:",
    ...issues.map((issue) => `- ${issue.field}: ${issue.message}`),
  ].join("\n");
  return { ok: false, message, issues };
}
