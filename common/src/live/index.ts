/**
 * The subgraph side of live updates, for every domain that publishes an event log: a graphql-ws
 * server that takes the gateway's identity at connect, the process's one LISTEN connection per
 * log (EventBus, with reconnect and catch-up by id) and the per-subscriber stream that replays
 * the log after `since` and goes on live without a gap or a repeat. A domain adds a subscription
 * with its log (an EventLogSource), its audience rules and a resolver that opens the stream.
 */
export { type BusRegistration, type BusSubscriber, EventBus, type EventBusOptions, type EventLogSource, type EventNotification, type LogReader } from './event-bus';
export { DEFAULT_SUBSCRIBER_BUFFER, openResumableStream, parseSince, type ResumableStream, type ResumableStreamOptions, SubscriberTooSlowError } from './resumable-stream';
export { attachSubscriptionServer, MAX_PAYLOAD_BYTES, SUBSCRIPTION_PATH, type SubscriptionServerOptions } from './subscription-server';
export { NO_PUBSUB } from './no-pubsub';
