import { Worker } from 'node:worker_threads';
import {
  type AnalysisJob,
  type AnalyzeOptions,
  type BriefingModel,
  ChunkedAnalysis,
  type ChunkParse,
  parseChunk,
  ParsedRun,
  planChunks,
} from '../core';
import type { WorkerReply, WorkerRequest } from './analysisProtocol';

/**
 * Worker threads that parse and analyse chunks of long briefings (analysisWorker.ts). A
 * worker that fails or dies only costs speed: its chunks are done in this thread instead.
 */
export class AnalysisPool {
  private readonly workers: { worker: Worker; broken: boolean }[] = [];
  /** Replies awaited, by request id, with the worker that owes them. */
  private readonly waiting = new Map<number, { worker: Worker; resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(workerScript: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerScript);
      const entry = { worker, broken: false };
      const fail = (error: Error) => {
        entry.broken = true;
        for (const [id, w] of this.waiting) {
          if (w.worker !== worker) continue;
          this.waiting.delete(id);
          w.reject(error);
        }
        worker.unref();
      };
      worker.on('message', (reply: WorkerReply) => {
        const w = this.waiting.get(reply.id);
        if (!w) return;
        this.waiting.delete(reply.id);
        this.holdWhileWaiting(worker);
        if (reply.kind === 'failed') w.reject(new Error(reply.message));
        else w.resolve(reply);
      });
      worker.on('error', fail);
      worker.on('exit', () => fail(new Error('the analysis worker stopped')));
      worker.unref();
      this.workers.push(entry);
    }
  }

  /** A worker keeps the process alive while a reply from it is awaited, and only then. */
  private holdWhileWaiting(worker: Worker): void {
    for (const w of this.waiting.values()) {
      if (w.worker === worker) {
        worker.ref();
        return;
      }
    }
    worker.unref();
  }

  get size(): number {
    return this.workers.length;
  }

  /** A fresh chunk id. */
  id(): number {
    return this.nextId++;
  }

  /** Sends `request` to worker `index`; the reply, or a rejection if the worker fails. */
  send(index: number, request: WorkerRequest): Promise<WorkerReply> {
    const entry = this.workers[index]!;
    if (entry.broken) return Promise.reject(new Error('the analysis worker stopped'));
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { worker: entry.worker, resolve, reject });
      entry.worker.ref();
      entry.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** A parsed chunk, and the worker that holds its tree (none: this thread). */
type Parsed = ChunkParse & { worker: number | undefined };

/**
 * Analyses `text` in `pool.size + 1` chunks at once: this thread parses the first while the
 * workers parse the others; then the seeded analyzer plans the text and every chunk is
 * analysed where its tree is. The model is the one `analyzeBriefing` makes (chunks.ts).
 * `meanwhile` runs in this thread while the workers parse, after its own chunk.
 */
export async function analyzeInParallel(
  text: string,
  options: AnalyzeOptions,
  pool: AnalysisPool,
  meanwhile?: () => void,
): Promise<BriefingModel> {
  const { context, requests } = planChunks(text, pool.size + 1);
  const ids = requests.map(() => pool.id());
  // Set when this call fails: a worker's chunk is then not parsed here instead.
  let abandoned = false;
  const remote = requests.slice(1).map((request, i) =>
    pool
      .send(i, { kind: 'parse', id: ids[i + 1]!, context, request })
      .then((reply): Parsed => {
        if (reply.kind !== 'parsed') throw new Error(`unexpected reply ${reply.kind}`);
        return {
          start: reply.start,
          end: reply.end,
          used: reply.used,
          definitions: reply.definitions,
          parse: ParsedRun.restore(reply.data),
          worker: i,
        };
      })
      // The chunk is parsed here instead.
      .catch((): Parsed | undefined => (abandoned ? undefined : { ...parseChunk(context, request), worker: undefined })),
  );
  let local: Parsed;
  try {
    local = { ...parseChunk(context, requests[0]!), worker: undefined };
    meanwhile?.();
  } catch (error) {
    abandoned = true;
    throw error;
  }
  const chunks = [local, ...(await Promise.all(remote)).map((c) => c!)];

  const analysis = new ChunkedAnalysis(context, options);
  const plan = analysis.plan(chunks);
  const where = new Map<ParsedRun, { worker: number; id: number }>();
  chunks.forEach((c, i) => {
    if (c.worker !== undefined) where.set(c.parse, { worker: c.worker, id: ids[i]! });
  });
  const jobs = new Set(plan.jobs.map((j) => j.parse));
  const analysed: Promise<void>[] = [];
  for (const [parse, { worker, id }] of where) {
    if (!jobs.has(parse)) void pool.send(worker, { kind: 'forget', id }).catch(() => undefined);
  }
  const localJobs: AnalysisJob[] = [];
  for (const job of plan.jobs) {
    const remoteAt = where.get(job.parse);
    if (!remoteAt) {
      localJobs.push(job);
      continue;
    }
    analysed.push(
      pool
        .send(remoteAt.worker, { kind: 'analyze', id: remoteAt.id, modes: job.modes, links: job.links, options })
        .then((reply) => {
          if (reply.kind !== 'analyzed') throw new Error(`unexpected reply ${reply.kind}`);
          job.parse.analysis = { modes: job.modes, links: job.links, result: reply.analysis };
        })
        // Analysed here instead (parsing the chunk again).
        .catch(() => job.parse.analyze(job.modes, job.links, options)),
    );
  }
  for (const job of localJobs) job.parse.analyze(job.modes, job.links, options);
  await Promise.all(analysed);
  return analysis.assemble(plan);
}
