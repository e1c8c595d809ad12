/**
 * The scaffolder checks an action's input against the JSON schema made from its zod
 * schema but hands the handler the input as posted: zod defaults are not applied, and a
 * template passes `undefined` for a parameter left empty. The defaults are applied here,
 * once, from the same table the schema documents.
 */
export function applyDefaults<T extends object, D extends Partial<T>>(
  input: T,
  defaults: D,
): T & Required<D> {
  const given = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
  return { ...defaults, ...given } as T & Required<D>;
}
