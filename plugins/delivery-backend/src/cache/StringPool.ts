/**
 * One shared instance per distinct string. Every object the API server sends is parsed
 * into fresh strings, so the same namespace, image, reason or owner uid would otherwise be
 * held once per cached row; through the pool it is held once per cluster cache.
 *
 * The pool only grows with distinct values, and forgets everything when it reaches `limit`
 * so a backend that runs for months does not keep strings of long-deleted objects alive:
 * rows keep their instances, later rows simply start sharing anew.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly values = new Map<string, unknown>();

  constructor(private readonly limit = 100_000) {}

  get size(): number {
    return this.strings.size + this.values.size;
  }

  /** The shared instance equal to `value` (undefined stays undefined). */
  intern<T extends string | undefined>(value: T): T {
    if (value === undefined) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /**
   * One shared instance of a small immutable value that many rows hold alike (a pod
   * template's labels, its spread keys, its containers' probes), found by a key that
   * spells the value out. `make` runs only for a key not seen yet; callers must never
   * change what they get, since other rows hold it too.
   */
  share<T>(key: string, make: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    if (this.values.size >= this.limit) this.values.clear();
    const value = make();
    this.values.set(key, value);
    return value;
  }
}

/** For callers that do not share: every string is its own. */
export const NO_POOL = {
  intern: <T extends string | undefined>(value: T) => value,
  share: <T>(_key: string, make: () => T) => make(),
};
export type Interner = Pick<StringPool, 'intern' | 'share'>;
