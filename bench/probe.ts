/**
 * Preloaded into a bot process the benchmarks start (node --import tsx --import ./probe.ts): it
 * answers each IPC message with the process's CPU time and memory, so a benchmark can measure the
 * bot alone, apart from the fakes and the load driver in its own process.
 */
import { memoryUsage, resourceUsage } from "node:process";

/** What the probe sends back. CPU in microseconds, memory in bytes. */
export interface ProbeReading {
  readonly user: number;
  readonly system: number;
  readonly rss: number;
  /** The highest resident set size so far. */
  readonly maxRss: number;
}

if (process.send) {
  process.on("message", () => {
    const cpu = process.cpuUsage();
    const reading: ProbeReading = {
      user: cpu.user,
      system: cpu.system,
      rss: memoryUsage.rss(),
      maxRss: resourceUsage().maxRSS * 1_024,
    };
    process.send?.(reading);
  });
  // The channel must not keep the process alive once the bot stops.
  process.channel?.unref();
}
