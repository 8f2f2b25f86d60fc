// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the samples' time went,
// by function (self time) and by function including callees (total time).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * @param {string} path a .cpuprofile file
 * @param {number} top how many rows
 * @param {string[]} stageNames function names whose total time (callees included, any file) to report
 * @param {number} skipUntilIdleMs when > 0, count only the samples after the first idle stretch this
 *   long (the caller pauses that long after its set-up, e.g. opening a document, so only the work
 *   that follows is summarised)
 * @returns {{ totalMs: number, idleMs: number, busyMs: number, gcMs: number, self: Row[], total: Row[], stages: Row[] }} with Row = { name, ms, share }
 */
export function summarizeProfile(path, top = 15, stageNames = [], skipUntilIdleMs = 0) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isIdle = (id) => nodes.get(id).callFrame.functionName === '(idle)';
  // Sample i lasts until sample i + 1.
  const duration = (i) => profile.timeDeltas[i + 1] ?? 0;
  let first = 0;
  let skippedUs = 0;
  if (skipUntilIdleMs > 0) {
    let idleRun = 0;
    first = -1;
    for (let i = 0; i < profile.samples.length; i++) {
      if (isIdle(profile.samples[i])) idleRun += duration(i);
      else if (idleRun >= skipUntilIdleMs * 1000) {
        first = i;
        break;
      } else idleRun = 0;
    }
    if (first === -1) throw new Error(`no idle stretch of ${skipUntilIdleMs} ms in the profile`);
    for (let i = 0; i < first; i++) skippedUs += duration(i);
  }
  const selfUs = new Map();
  for (let i = first; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + duration(i));
  }

  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  const special = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
  let totalUs = 0;
  let idleUs = 0;
  const self = new Map();
  const total = new Map();
  const wanted = new Set(stageNames);
  const stage = new Map();
  let gcUs = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    totalUs += us;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    if (node.callFrame.functionName === '(garbage collector)') gcUs += us;
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + us);
    // Total time: every distinct function on the stack gets the sample once.
    const seen = new Set();
    const seenStage = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = nodes.get(cur);
      const fn = n.callFrame.functionName;
      if (wanted.has(fn) && !seenStage.has(fn)) {
        seenStage.add(fn);
        stage.set(fn, (stage.get(fn) ?? 0) + us);
      }
      if (special.has(fn)) continue;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + us);
    }
  }
  const busyUs = totalUs - idleUs;
  const rows = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  const stages = stageNames.map((name) => ({
    name,
    ms: (stage.get(name) ?? 0) / 1000,
    share: busyUs > 0 ? (stage.get(name) ?? 0) / busyUs : 0,
  }));
  return {
    skippedMs: skippedUs / 1000,
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    gcMs: gcUs / 1000,
    self: rows(self),
    total: rows(total),
    stages,
  };
}
