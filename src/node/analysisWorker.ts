import { parentPort } from 'node:worker_threads';
import { parseChunk, type ParsedRun } from '../core';
import type { WorkerReply, WorkerRequest } from './analysisProtocol';

/**
 * A worker thread of the parallel analysis (parallelAnalysis.ts): it parses the chunks it
 * is sent and keeps their trees until it is asked to analyse them, so that no tree ever
 * crosses between threads, only the plain data of a parse and of an analysis.
 */
const parses = new Map<number, ParsedRun>();

function handle(request: WorkerRequest): WorkerReply {
  switch (request.kind) {
    case 'parse': {
      const chunk = parseChunk(request.context, request.request);
      parses.set(request.id, chunk.parse);
      return {
        id: request.id,
        kind: 'parsed',
        start: chunk.start,
        end: chunk.end,
        used: chunk.used,
        definitions: chunk.definitions,
        data: chunk.parse.toData(),
      };
    }
    case 'analyze': {
      const parse = parses.get(request.id);
      if (!parse) throw new Error(`no parse ${request.id} in this worker`);
      parses.delete(request.id);
      parse.analyze(request.modes, request.links, request.options);
      return { id: request.id, kind: 'analyzed', analysis: parse.analysis!.result };
    }
    case 'forget':
      parses.delete(request.id);
      return { id: request.id, kind: 'forgotten' };
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = handle(request);
  } catch (error) {
    reply = { id: request.id, kind: 'failed', message: (error as Error)?.message ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
