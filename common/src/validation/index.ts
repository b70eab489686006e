export * from './amounts';
export * from './entry-number';
export * from './hts';
export * from './importer-number';
export * from './working-days';
export * from './ids';
export * from './text';
