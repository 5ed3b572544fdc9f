/** A message a real backend would send by e-mail or SMS: reset tokens, verification keys, OTPs. */
export interface OutboxMessage {
  to: string;
  kind: string;
  data: Record<string, string>;
  at: number;
}

export class Outbox {
  readonly messages: OutboxMessage[] = [];

  constructor(private readonly onMessage?: (message: OutboxMessage) => void) {}

  send(to: string, kind: string, data: Record<string, string>): void {
    const message = { to, kind, data, at: Date.now() };
    this.messages.push(message);
    this.onMessage?.(message);
  }

  /** The newest message of a kind to a recipient (case-insensitive address). */
  latest(to: string, kind: string): OutboxMessage | undefined {
    const wanted = to.toLowerCase();
    return [...this.messages].reverse().find((m) => m.kind === kind && m.to.toLowerCase() === wanted);
  }
}
