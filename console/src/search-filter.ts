import { type FilingSearchFilter, FilingSearchOrder, FilingStatus, ProcessingLocationKind, ReviewStep, SlaState } from './graphql/generated/graphql';
import { isCbp, type Viewer } from './session';

/**
 * The search page's filter in the address: each field a query parameter under its
 * FilingSearchFilter name (the names the CSV export takes too), plus `orderBy`.
 */

/** The text fields of the filter, by their FilingSearchFilter names. */
const TEXT_FIELDS = ['entryNumberPrefix', 'importer', 'filerCode', 'htsPrefix', 'portOfEntry', 'countryOfOrigin'] as const;
const DATE_FIELDS = ['filedFrom', 'filedTo', 'entryDateFrom', 'entryDateTo'] as const;
const AMOUNT_FIELDS = ['minEnteredValue', 'maxEnteredValue'] as const;

/** The trade calls every step CBP works CBP_REVIEW; staff choose among the steps themselves. */
export const CBP_REVIEW_STEPS = Object.values(ReviewStep).filter((step) => step !== ReviewStep.CbpReview);

/** What a person may narrow by: review step, SLA state and the due order are CBP's; processing and Center the admins'. */
export function searchFieldsOf(viewer: Viewer): { cbp: boolean; admin: boolean; orders: FilingSearchOrder[] } {
  const cbp = isCbp(viewer);
  return { cbp, admin: viewer.role === 'ADMIN', orders: cbp ? Object.values(FilingSearchOrder) : [FilingSearchOrder.NewestFirst] };
}

function oneOf<Value extends string>(params: URLSearchParams, name: string, values: readonly Value[]): Value | undefined {
  const value = params.get(name);
  return (values as readonly string[]).includes(value ?? '') ? (value as Value) : undefined;
}

/**
 * The search an address holds, as the graph's filter and order. Fields the viewer may not use,
 * and values no field takes (an unknown status), are left out rather than sent to be refused:
 * an address may come from someone else's bookmark. Malformed text is the graph's to refuse.
 */
export function searchOf(params: URLSearchParams, viewer: Viewer): { filter: FilingSearchFilter; orderBy: FilingSearchOrder } {
  const { cbp, admin, orders } = searchFieldsOf(viewer);
  const filter: FilingSearchFilter = {};
  for (const name of [...TEXT_FIELDS, ...DATE_FIELDS]) {
    const value = params.get(name)?.trim();
    if (value) filter[name] = value;
  }
  for (const name of AMOUNT_FIELDS) {
    const value = params.get(name)?.trim();
    if (value && Number.isFinite(Number(value))) filter[name] = Number(value);
  }
  const choices: Partial<FilingSearchFilter> = {
    status: oneOf(params, 'status', Object.values(FilingStatus)),
    ...(cbp ? { reviewStep: oneOf(params, 'reviewStep', CBP_REVIEW_STEPS), slaState: oneOf(params, 'slaState', Object.values(SlaState)) } : {}),
    ...(admin ? { processing: oneOf(params, 'processing', Object.values(ProcessingLocationKind)), centerId: params.get('centerId') || undefined } : {}),
  };
  for (const [name, value] of Object.entries(choices)) if (value !== undefined) Object.assign(filter, { [name]: value });
  return { filter, orderBy: oneOf(params, 'orderBy', orders) ?? FilingSearchOrder.NewestFirst };
}
