/**
 * Every workflow the worker runs. Files in this folder are bundled for Temporal's
 * deterministic sandbox: they import only @temporalio/workflow, `import type` of activities
 * and the plain contracts in @cee-hub/contracts.
 */
export * from './onboarding.workflow';
export * from './review.workflow';
