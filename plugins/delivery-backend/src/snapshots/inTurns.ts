/** Items handled before a pass over many services lets other work have a turn. */
export const ITEMS_PER_TURN = 500;

/**
 * `map` over `items`, with a turn of the event loop after every {@link ITEMS_PER_TURN}: a
 * daily snapshot of 10,000 services is a second of CPU, which must not hold up requests and
 * the overview's changes (at start-up both run at once) for its length.
 */
export async function mapInTurns<T, R>(
  items: readonly T[],
  map: (item: T) => R,
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += ITEMS_PER_TURN) {
    if (start > 0) await new Promise(resolve => setImmediate(resolve));
    for (const item of items.slice(start, start + ITEMS_PER_TURN))
      out.push(map(item));
  }
  return out;
}
