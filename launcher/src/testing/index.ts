/**
 * The one harness of the end-to-end tests, the drills and the benchmark: start the whole
 * system, act on it as its seeded users (queries, tokens, live subscriptions), read its
 * database, restart one process or all, and stop it, leaving nothing behind.
 */
export { type Caller, type Replica, type ReplicaOptions, type StartSystemOptions, type System, startSystem, webSocketUrl } from './system';
export { closeCodeAfter, type LiveConnection, type LiveConnectionOptions, type LiveError, type LiveSubscription } from './live';
export { entrySummaryInput, freshEntryNumber, waitForFiling, waitForOnboarding, workingDaysAgo } from './filings';
