import { NotFoundError } from '@cee-hub/common';

export class UnknownCenterError extends NotFoundError {
  constructor(id: string, knownIds: string[]) {
    super(`No Center has the id '${id}'; the Centers are ${knownIds.join(', ')}`);
  }
}
