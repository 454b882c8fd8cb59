import { addUsage, emptyUsage, type CompletionRequest, type CompletionResponse, type Provider, type StreamEvent, type Usage } from "@codetether/core";

/**
 * A provider that adds up the usage of every call made through it, so model calls made outside the
 * agent loop (the `rlm` tool's) can be counted into the session's usage and cost.
 */
export class MeteredProvider implements Provider {
  readonly id: string;
  private used: Usage = emptyUsage();
  private calls = 0;

  constructor(private readonly inner: Provider) {
    this.id = inner.id;
  }

  /** Usage of all calls so far, and how many calls there were. */
  get usage(): Usage {
    return this.used;
  }

  get callCount(): number {
    return this.calls;
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const response = await this.inner.complete(request);
    this.record(response.usage);
    return response;
  }

  async *stream(request: CompletionRequest): AsyncIterable<StreamEvent> {
    // Providers report cumulative usage per response: the latest report is the call's usage.
    let latest: Usage | undefined;
    try {
      for await (const event of this.inner.stream(request)) {
        if (event.type === "usage") latest = event.usage;
        yield event;
      }
    } finally {
      // A stream cut short (abort, error) was still billed for what it reported.
      if (latest) this.record(latest);
    }
  }

  listModels() {
    return this.inner.listModels();
  }

  private record(usage: Usage): void {
    this.calls++;
    this.used = addUsage(this.used, usage);
  }
}
