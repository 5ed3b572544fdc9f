import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Request/response over the IPC channel of a forked child: the harness asks its children for their
 * CPU and memory figures, the emulator for its request counts.
 */
export interface Message {
  type: string;
  [key: string]: unknown;
}

interface Envelope {
  id?: number;
  type: string;
  ok?: boolean;
  result?: unknown;
  error?: string;
  [key: string]: unknown;
}

export interface Child {
  readonly process: ChildProcess;
  /** The payload of the child's `ready` message. */
  ready: Promise<Record<string, unknown>>;
  call<T = unknown>(message: Message): Promise<T>;
  stop(): Promise<void>;
}

const TSX = fileURLToPath(import.meta.resolve('tsx'));

/** Forks a TypeScript module of bench/ with tsx, in its own process. */
export function spawnChild(script: string, args: string[], env: NodeJS.ProcessEnv, execArgv: string[] = []): Child {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: ['--import', TSX, ...execArgv],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let exited = false;
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on('message', (raw) => {
      const message = raw as Envelope;
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') reject(new Error(String(message.error)));
      else if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.result);
        else waiter?.reject(new Error(message.error));
      }
    });
    child.on('exit', (code, signal) => {
      exited = true;
      const error = new Error(`${script} exited (${signal ?? code})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  ready.catch(() => undefined);
  return {
    process: child,
    ready,
    call<T>(message: Message): Promise<T> {
      if (exited) return Promise.reject(new Error(`${script} is not running`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ ...message, id });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop', id: 0 });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** The child side: answers the harness's messages with `handlers`; `stop` closes and exits. */
export function serveParent(handlers: Record<string, (message: Message) => unknown>, stop: () => Promise<void>): void {
  process.on('message', (raw) => {
    const message = raw as Envelope;
    if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[message.type];
    void (async () => {
      try {
        if (!handler) throw new Error(`unknown message ${message.type}`);
        process.send!({ id: message.id, ok: true, result: await handler(message as Message) });
      } catch (error) {
        process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  // The harness going away (Ctrl-C, crash) takes the children with it.
  process.on('disconnect', () => process.exit(0));
}

export function reportReady(payload: Record<string, unknown>): void {
  process.send!({ type: 'ready', ...payload });
}

export function reportFailed(error: unknown): void {
  process.send!({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
}
