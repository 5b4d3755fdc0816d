/**
 * Per-source accounting for the manifest: how many items were read, kept (per class) and
 * dropped (per reason). Every drop has a reason string so the manifest explains the data.
 */
export class SourceStats {
  read = 0;
  kept = 0;
  readonly dropped: Record<string, number> = {};
  readonly keptByClass: Record<string, number> = {};
  readonly relabelled: Record<string, number> = {};
  /** Counted observations that are neither keeps nor drops (e.g. "attack field not located"). */
  readonly notes: Record<string, number> = {};
  /** Free-form per-group breakdowns (e.g. PATT code blocks per category). */
  readonly groups: Record<string, { read: number; kept: number; dropped: Record<string, number> }> = {};

  /** Counts input items (in `group` too, when given: e.g. code blocks per category). */
  countRead(n = 1, group?: string): void {
    this.read += n;
    if (group) this.group(group).read += n;
  }

  /** Counts one kept item of class `className` (and in `group`, when given). */
  keep(className: string, group?: string): void {
    this.kept++;
    this.keptByClass[className] = (this.keptByClass[className] ?? 0) + 1;
    if (group) this.group(group).kept++;
  }

  /** Counts one dropped item with its `reason` (and in `group`, when given). */
  drop(reason: string, group?: string): void {
    this.dropped[reason] = (this.dropped[reason] ?? 0) + 1;
    if (group) {
      const g = this.group(group);
      g.dropped[reason] = (g.dropped[reason] ?? 0) + 1;
    }
  }

  /** Counts a label changed by evidence (`from->to`). */
  relabel(from: string, to: string): void {
    const key = `${from}->${to}`;
    this.relabelled[key] = (this.relabelled[key] ?? 0) + 1;
  }

  /** Counts one observation. */
  note(what: string): void {
    this.notes[what] = (this.notes[what] ?? 0) + 1;
  }

  private group(name: string): { read: number; kept: number; dropped: Record<string, number> } {
    return (this.groups[name] ??= { read: 0, kept: 0, dropped: {} });
  }

  /** Plain-object view for the manifest. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      read: this.read,
      kept: this.kept,
      kept_by_class: sortKeys(this.keptByClass),
      dropped: sortKeys(this.dropped),
    };
    if (Object.keys(this.relabelled).length > 0) out.relabelled = sortKeys(this.relabelled);
    if (Object.keys(this.notes).length > 0) out.notes = sortKeys(this.notes);
    if (Object.keys(this.groups).length > 0) out.groups = sortKeys(this.groups);
    return out;
  }
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => a.localeCompare(b)));
}
