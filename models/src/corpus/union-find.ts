/** Disjoint sets over string keys (path compression, union by size). */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  /** The representative of `key`'s set (a new singleton when unseen). */
  find(key: string): string {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.size.set(key, 1);
      return key;
    }
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    let cur = key;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  /** Merges the sets of `a` and `b`. */
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [big, small] = (this.size.get(ra) ?? 1) >= (this.size.get(rb) ?? 1) ? [ra, rb] : [rb, ra];
    this.parent.set(small, big);
    this.size.set(big, (this.size.get(big) ?? 1) + (this.size.get(small) ?? 1));
  }
}
