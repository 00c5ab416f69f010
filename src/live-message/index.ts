/**
 * The live-message streamer: the policy for showing a growing text by editing one chat message.
 * Adapters supply a {@link MessageSurface}; see stream.ts for the policy.
 */
export type { PieceTarget } from "./final.js";
export type { Sleep } from "./requests.js";
export { cutText, splitText } from "./split.js";
export { createLiveMessage, LIVE_MESSAGE_DEFAULTS, type LiveMessageDeps } from "./stream.js";
export type {
  Delivery,
  LiveMessage,
  LiveMessageOptions,
  LiveResult,
  MessageSurface,
  SurfaceFailure,
  SurfaceLimits,
} from "./types.js";
