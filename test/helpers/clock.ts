/**
 * Real time plus an offset that a test moves forward: the gateway and the emulators read it, so a
 * token or session expires at once instead of after a sleep. Time still flows, so nothing that
 * measures short intervals (timeouts, single-flight) notices the jumps.
 */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): number => Date.now() + this.offsetMs;

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
