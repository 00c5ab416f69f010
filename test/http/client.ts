/**
 * A small HTTP client for the API tests: posts to the real server over loopback and reads its
 * server-sent events the way a browser's stream reader would, chunk by chunk.
 */

/** One server-sent event, with its JSON data parsed. */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

export const PROFILE = {
  age: 34,
  goal: "muscle",
  experience: "intermediate",
  equipment: ["dumbbells", "bench"],
  daysPerWeek: 3,
  minutes: 45,
  injuries: ["none"],
} as const;

export function postPlan(
  url: string,
  body: unknown = PROFILE,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${url}/plan`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** Parses events as they arrive; comment lines (heartbeats) are skipped. */
export async function* readSse(response: Response): AsyncGenerator<SseEvent> {
  if (!response.body) throw new Error("the response has no body");
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice("event: ".length);
        else if (line.startsWith("data: ")) data.push(line.slice("data: ".length));
      }
      if (data.length > 0) yield { event, data: JSON.parse(data.join("\n")) as unknown };
    }
  }
}

export async function readAllSse(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of readSse(response)) events.push(event);
  return events;
}

/** The value of one sample in Prometheus text, such as `fitplan_plans_total{source="llm"}`. */
export function sample(text: string, series: string): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
