/**
 * A byte-level LSP client for protocol tests that need control a JSON-RPC library
 * hides: several messages in one write (so the server reads a request and its
 * cancellation together), every response counted by id, requests from the server
 * answered when the test decides, and every log message kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER } from './lspHarness';

export interface RawMessage {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class RawLspClient {
  /** Every message the server sent, in order. */
  readonly received: RawMessage[] = [];
  /** What the server wrote on stderr. */
  stderr = '';
  /** Answers to the server's requests by method; an unlisted method is held until answered. */
  readonly answers = new Map<string, (params: unknown) => unknown>();
  private buffer = Buffer.alloc(0);
  private readonly waiters: (() => void)[] = [];
  private readonly child: ChildProcess;

  constructor(args: string[] = []) {
    this.child = spawn(process.execPath, [SERVER, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Writes the messages in ONE write, so the server receives them together. */
  send(...messages: RawMessage[]): void {
    const frames = messages.map((m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin!.write(Buffer.concat(frames));
  }

  /** The responses to request `id` (there must be exactly one). */
  responsesTo(id: number | string): RawMessage[] {
    return this.received.filter((m) => m.id === id && m.method === undefined);
  }

  requestsFromServer(method: string): RawMessage[] {
    return this.received.filter((m) => m.method === method && m.id !== undefined);
  }

  async request(id: number | string, method: string, params: unknown): Promise<RawMessage> {
    this.send({ id, method, params });
    return this.waitFor(() => this.responsesTo(id)[0], `the response to ${method} #${id}`);
  }

  waitFor<T>(condition: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}`)), timeoutMs);
      const check = () => {
        const value = condition();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.send({ id: 'shutdown', method: 'shutdown' }, { method: 'exit' });
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))![1]);
      if (this.buffer.length < headerEnd + 4 + length) break;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as RawMessage;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.received.push(message);
      const answer = message.method !== undefined && message.id !== undefined ? this.answers.get(message.method) : undefined;
      if (answer) this.send({ id: message.id, result: answer(message.params) });
    }
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
