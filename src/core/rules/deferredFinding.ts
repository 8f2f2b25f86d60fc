import type { RuleCode } from '../codes';
import type { Finding, FixData, Span } from '../types';

/**
 * A finding whose fixes are computed when first read, then kept. Computing a fix can cost
 * a re-analysis (an inserted citation may renumber the notes), and a long briefing has
 * thousands of findings of which an editor asks the fixes of a few, so a rule that has
 * many findings makes them of a subclass: one object each, no closure. `checkModel` sets
 * the severity in place.
 */
export abstract class DeferredFinding implements Finding {
  severity: Finding['severity'] = 'warning';
  factId?: string;
  private computed: FixData[] | undefined;
  private done = false;

  constructor(
    readonly code: RuleCode,
    readonly message: string,
    readonly span: Span,
  ) {}

  protected abstract computeFixes(): FixData[] | undefined;

  get fixes(): FixData[] | undefined {
    if (!this.done) {
      this.computed = this.computeFixes();
      this.done = true;
    }
    return this.computed;
  }
}

/** A deferred finding of a rule that gives a function for its fixes (see RawFinding.fixes). */
export class FindingWithFixFunction extends DeferredFinding {
  constructor(
    code: RuleCode,
    message: string,
    span: Span,
    private compute: (() => FixData[] | undefined) | undefined,
  ) {
    super(code, message, span);
  }

  protected computeFixes(): FixData[] | undefined {
    const fixes = this.compute?.();
    this.compute = undefined;
    return fixes;
  }
}
