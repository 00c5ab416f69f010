/**
 * The three-stage pipeline: validate the profile, generate a plan as a stream, enforce the plan
 * schema and the plan checks. It emits {@link PlanEvent}s as it goes and always ends with exactly
 * one `done` or `failed` event, unless the caller aborts.
 */
import { MESSAGES } from "../messages.js";
import { checkPlan } from "../plan/checks.js";
import { renderPlan } from "../plan/render.js";
import { repairPlan } from "../plan/repair.js";
import { type Plan, PlanSchema } from "../plan/schema.js";
import type { Clock, Logger } from "../ports.js";
import type { Profile } from "../profile/schema.js";
import { checkProgression } from "../progression/check.js";
import type {
  GenerateContext,
  PlanEvent,
  PlanGenerator,
  PlanMeta,
  ReplanInput,
  SpentOnFailure,
  Usage,
} from "./types.js";
import { validateProfile } from "./validate.js";

export interface PipelineDeps {
  /** The generator to try first: the LLM, or the built-in planner when no LLM is configured. */
  readonly generator: PlanGenerator;
  /** The built-in planner, used when the first generator fails or its plan cannot be repaired. */
  readonly fallback: PlanGenerator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The most one request may cost. A retry is made only when it is expected to fit. */
  readonly maxCostUsd: number;
}

export interface PipelineRequest {
  /** The profile as received: validated here. */
  readonly profile: unknown;
  readonly signal: AbortSignal;
  readonly replan?: ReplanInput;
  /** Lines to show with the plan whatever happens, such as a spend-cap notice. */
  readonly notices?: readonly string[];
}

interface Attempt {
  readonly candidate: unknown;
  readonly usage?: Usage;
  readonly costUsd?: number;
}

/** Runs a generator to its final chunk, passing each partial plan's text to `onText`. */
async function* attempt(
  generator: PlanGenerator,
  profile: Profile,
  context: GenerateContext,
): AsyncGenerator<string, Attempt> {
  for await (const chunk of generator.generate(profile, context)) {
    if (chunk.type === "partial") yield renderPlan(chunk.plan);
    else return chunk;
  }
  throw new Error(`generator ${generator.id} ended without a plan`);
}

/** Drains an attempt without streaming its text. */
async function quietly(run: AsyncGenerator<string, Attempt>): Promise<Attempt> {
  for (;;) {
    const next = await run.next();
    if (next.done) return next.value;
  }
}

function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return a ?? b;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    estimated: a.estimated || b.estimated,
  };
}

type Judged =
  | { readonly ok: true; readonly plan: Plan; readonly repaired: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Stage 3 for one candidate: schema, checks, deterministic repair. For a re-plan written by the
 * LLM, `replan` adds the progression check (no jump in weekly volume past the rules' cap); the
 * built-in planner keeps to that cap by construction.
 */
export function judge(candidate: unknown, profile: Profile, replan?: ReplanInput): Judged {
  const verdict = judgePlan(candidate, profile);
  if (!verdict.ok || !replan) return verdict;
  const jumps = checkProgression(replan.previous, verdict.plan, replan.feedback);
  return jumps.length === 0 ? verdict : { ok: false, problems: jumps.map((jump) => jump.message) };
}

function judgePlan(candidate: unknown, profile: Profile): Judged {
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  }
  if (checkPlan(parsed.data, profile).length === 0) {
    return { ok: true, plan: parsed.data, repaired: [] };
  }
  const repair = repairPlan(parsed.data, profile);
  if (repair.remaining.length === 0)
    return { ok: true, plan: repair.plan, repaired: repair.repaired };
  return { ok: false, problems: repair.remaining.map((violation) => violation.message) };
}

export async function* runPipeline(
  request: PipelineRequest,
  deps: PipelineDeps,
): AsyncGenerator<PlanEvent> {
  const started = deps.clock();
  const { signal } = request;
  const log = deps.logger;
  const notices = [...(request.notices ?? [])];
  let firstTextMs: number | undefined;
  let lastText = "";

  yield { type: "stage", stage: "validate", state: "started" };
  const validated = validateProfile(request.profile);
  if (!validated.ok) {
    yield { type: "failed", message: validated.message };
    return;
  }
  const profile = validated.profile;
  yield { type: "stage", stage: "validate", state: "done" };

  const base: GenerateContext = request.replan ? { signal, replan: request.replan } : { signal };
  let generator = deps.generator;
  let result: Attempt | undefined;

  let usage: Usage | undefined;
  let costUsd: number | undefined;
  const countFailure = (error: unknown) => {
    const spent = (error ?? {}) as SpentOnFailure;
    usage = addUsage(usage, spent.usage);
    if (spent.costUsd) costUsd = (costUsd ?? 0) + spent.costUsd;
  };

  yield { type: "stage", stage: "generate", state: "started" };
  try {
    const run = attempt(generator, profile, base);
    for (;;) {
      const next = await run.next();
      if (next.done) {
        result = next.value;
        break;
      }
      if (next.value !== lastText && next.value.trim() !== "") {
        lastText = next.value;
        firstTextMs ??= deps.clock() - started;
        yield { type: "text", text: next.value };
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    countFailure(error);
    log.warn(
      { err: error, generator: generator.id },
      "generator failed; using the built-in planner",
    );
  }
  yield { type: "stage", stage: "generate", state: "done" };

  yield { type: "stage", stage: "enforce", state: "started" };
  usage = addUsage(usage, result?.usage);
  if (result?.costUsd !== undefined) costUsd = (costUsd ?? 0) + result.costUsd;
  const progression = generator.source === "llm" ? request.replan : undefined;
  let verdict: Judged = result
    ? judge(result.candidate, profile, progression)
    : { ok: false, problems: ["generation failed"] };

  const spent = costUsd ?? 0;
  if (!verdict.ok && result && generator.source === "llm" && spent * 2 <= deps.maxCostUsd) {
    log.info({ problems: verdict.problems.slice(0, 5) }, "plan failed checks; retrying once");
    try {
      const retry = await quietly(
        attempt(generator, profile, { ...base, violations: verdict.problems }),
      );
      usage = addUsage(usage, retry.usage);
      costUsd = (costUsd ?? 0) + (retry.costUsd ?? 0);
      verdict = judge(retry.candidate, profile, progression);
    } catch (error) {
      if (signal.aborted) return;
      countFailure(error);
      log.warn({ err: error }, "retry failed");
    }
  }

  if (!verdict.ok && generator !== deps.fallback) {
    if (result)
      log.warn({ problems: verdict.problems.slice(0, 5) }, "plan rejected; using fallback");
    notices.push(MESSAGES.fallbackNotice);
    generator = deps.fallback;
    try {
      verdict = judge((await quietly(attempt(generator, profile, base))).candidate, profile);
    } catch (error) {
      if (signal.aborted) return;
      log.error({ err: error }, "built-in planner failed");
    }
  }
  if (signal.aborted) return;
  if (!verdict.ok) {
    log.error({ problems: verdict.problems.slice(0, 5) }, "no plan passed the checks");
    yield { type: "failed", message: MESSAGES.planFailed };
    return;
  }
  yield { type: "stage", stage: "enforce", state: "done" };

  const meta: PlanMeta = {
    source: generator.source,
    generator: generator.id,
    durationMs: deps.clock() - started,
    ...(firstTextMs !== undefined ? { firstTextMs } : {}),
    ...(usage ? { usage } : {}),
    ...(costUsd !== undefined ? { costUsd } : {}),
    repairs: verdict.repaired,
    notices,
  };
  yield { type: "done", plan: verdict.plan, meta, text: renderPlan(verdict.plan) };
}
