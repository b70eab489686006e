import { ConflictError, NotFoundError } from '@cee-hub/common';

export class UnknownImporterError extends NotFoundError {
  constructor(id: string) {
    super(`No importer is registered with id '${id}'`);
  }
}

export class DuplicateImporterError extends ConflictError {
  constructor(what: 'importerNumber' | 'contactEmail', value: string) {
    super(
      what === 'importerNumber'
        ? `An importer with importer of record number ${value} is already registered`
        : `An importer with contact email ${value} is already registered`,
    );
  }
}
