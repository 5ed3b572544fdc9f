/**
 * One task per key at a time: callers that ask while a task for the key is running share its
 * result (a refresh of one account's credentials, for instance).
 */
export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();

  run(key: string, task: () => Promise<T>): Promise<T> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = task().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** The task running for a key, if any. */
  pending(key: string): Promise<T> | undefined {
    return this.inflight.get(key);
  }
}
