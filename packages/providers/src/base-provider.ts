import { collectStream, type CompletionRequest, type CompletionResponse, type ModelInfo, type Provider, type StreamEvent } from "@codetether/core";
import { retryingStream } from "./retry/retrying-stream.js";
import type { RetryPolicy } from "./retry/retry-policy.js";

/**
 * What every wire format shares: `stream()` is one attempt wrapped in the retry policy, and
 * `complete()` drains that stream, so both paths behave identically.
 */
export abstract class BaseProvider implements Provider {
  readonly id: string;
  protected readonly retry: RetryPolicy | undefined;

  protected constructor(id: string, retry: RetryPolicy | undefined) {
    this.id = id;
    this.retry = retry;
  }

  stream(request: CompletionRequest): AsyncIterable<StreamEvent> {
    return retryingStream(this.id, this.retry, request.signal, () => this.streamOnce(request));
  }

  complete(request: CompletionRequest): Promise<CompletionResponse> {
    return collectStream(this.stream(request), request.model);
  }

  abstract listModels(): Promise<ModelInfo[]>;

  /** One HTTP request, its events normalised; throws whatever the SDK throws. */
  protected abstract streamOnce(request: CompletionRequest): AsyncIterable<StreamEvent>;
}
