const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id can be a row id here. Ids from clients are checked before they reach a
 * `::uuid` cast, which would otherwise fail the whole statement instead of matching nothing.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
