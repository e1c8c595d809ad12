/**
 * Whether a service keeps data in a database of its own: it depends on a catalog Resource,
 * as the golden paths declare their database. One rule for the Actions card (Migrate), the
 * DR checks (replica, backups) and the failover action (promote or not).
 * @public
 */
export function hasDatabase(entity: {
  spec?: { dependsOn?: unknown };
}): boolean {
  const dependsOn = entity.spec?.dependsOn;
  return (
    Array.isArray(dependsOn) &&
    dependsOn.some(
      ref =>
        typeof ref === 'string' && ref.toLowerCase().startsWith('resource:'),
    )
  );
}
