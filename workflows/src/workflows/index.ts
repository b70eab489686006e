/**
 * Every workflow the worker runs. Each is a short `<name>.workflow.ts` with its parts in a
 * folder of the same name: messages.ts (its Updates and Queries), state.ts (what it holds and
 * how that changes), handlers.ts and steps.ts. Files in this folder are bundled for Temporal's
 * deterministic sandbox: they import only @temporalio/workflow, `import type` of activities,
 * the plain contracts in @cee-hub/contracts and each other.
 */
export * from './onboarding.workflow';
export * from './review.workflow';
export * from './staff-deactivation.workflow';
