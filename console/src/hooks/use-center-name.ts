import { useQuery } from '@apollo/client';
import { humanize } from '../format';
import { CENTERS } from '../graphql/directory.operations';

/** A Center's name for its id ("Base Metals" for BASE_METALS), from the public directory the console already reads. */
export function useCenterName(centerId: string | null | undefined): string {
  const { data } = useQuery(CENTERS, { skip: !centerId });
  if (!centerId) return '';
  return data?.centers.find((center) => center.id === centerId)?.name ?? humanize(centerId);
}
