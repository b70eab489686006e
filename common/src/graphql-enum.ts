import { registerEnumType } from 'type-graphql';

/**
 * Registers a GraphQL enum whose values are the given string literals and returns the enum
 * object type-graphql wants (each value named by itself). The lists come from the contracts and
 * db packages, so the graph's enums cannot drift from the values the code handles.
 */
export function graphqlEnum<const T extends string>(values: readonly T[], config: { name: string; description: string }): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(enumObject, config);
  return enumObject;
}
