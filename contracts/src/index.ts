/**
 * Plain types and pure functions shared by workflow code and the subgraphs. Workflow code is
 * bundled for Temporal's sandbox, so nothing here may import Node modules or do I/O.
 */
export * from './actor';
export * from './durations';
export * from './onboarding';
export * from './refusal';
export * from './review';
export * from './staff';
export * from './text';
