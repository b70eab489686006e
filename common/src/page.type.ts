import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './shared-types';

/** The fields of a page; `totalCount` only where the list always counts its rows. */
export interface PageFields<TNode> {
  nodes: TNode[];
  pageInfo: PageInfo;
}

/** Applies `decorator` only when `apply` holds, so an optional field keeps its place among the others. */
const fieldIf =
  (apply: boolean, decorator: PropertyDecorator): PropertyDecorator =>
  (target, property) => {
    if (apply) decorator(target, property);
  };

/**
 * The fields of a page of a list, `nodes` then `pageInfo`, for a page type to extend with its own
 * description (`@ObjectType({ description }) class FilingPage extends PageOf(EntrySummary)`).
 * With `{ counted: true }` the page also has `totalCount` (across all pages) between the two.
 */
export function PageOf<TNode extends object>(nodeType: ClassType<TNode>, options?: { counted: false }): abstract new () => PageFields<TNode>;
export function PageOf<TNode extends object>(nodeType: ClassType<TNode>, options: { counted: true }): abstract new () => PageFields<TNode> & { totalCount: number };
export function PageOf<TNode extends object>(nodeType: ClassType<TNode>, options: { counted: boolean } = { counted: false }) {
  // An object type so that type-graphql lets subclasses inherit its fields; it is never printed,
  // as type-graphql 2 prints only the types the schema reaches.
  @ObjectType()
  abstract class Page {
    @Field(() => [nodeType])
    nodes: TNode[];

    @fieldIf(options.counted, Field(() => Int))
    totalCount?: number;

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return Page;
}
