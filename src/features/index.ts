/**
 * Every coach feature beyond the profile dialogue, built the same way for every front end.
 */
import type { Feature } from "../coach.js";
import type { Clock } from "../ports.js";
import type { Store } from "../store/types.js";
import { createExportFeature } from "./export.js";
import { createHistoryFeature } from "./history.js";
import { createReplanFeature } from "./replan.js";
import { createSwapFeature } from "./swap.js";
import { createWeeklyFeature } from "./weekly.js";

export function createFeatures(deps: { readonly store: Store; readonly clock: Clock }): Feature[] {
  const { store, clock } = deps;
  return [
    createSwapFeature({ store }),
    createReplanFeature({ store, clock }),
    createHistoryFeature({ store }),
    createWeeklyFeature({ store, clock }),
    createExportFeature({ store, clock }),
  ];
}
