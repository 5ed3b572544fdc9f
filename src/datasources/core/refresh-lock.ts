/**
 * Serialises credential refreshes of one account across gateway replicas. In one process the
 * SingleFlight helper already shares a refresh; with several replicas (sessions in Redis) two of
 * them could still spend the same rotating refresh token at once, and the loser's account would be
 * signed out. The task re-reads the stored credentials first, so whoever waited uses the winner's.
 */
export interface RefreshLock {
  around<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** One process: SingleFlight is enough. */
export const processLock: RefreshLock = { around: (_key, task) => task() };
