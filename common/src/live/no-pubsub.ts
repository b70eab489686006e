import type { BuildSchemaOptions } from 'type-graphql';

/**
 * type-graphql insists on a PubSub once there is a subscription, even though every subscription
 * of this project brings its own stream (`subscribe`, openResumableStream) fed by PostgreSQL: an
 * in-process PubSub would reach only the subscribers of one replica.
 */
export const NO_PUBSUB: NonNullable<BuildSchemaOptions['pubSub']> = {
  publish: () => {
    throw new Error('Events are published through PostgreSQL (pg_notify in the writing transaction), not an in-process PubSub');
  },
  subscribe: () => {
    throw new Error('Subscriptions read from an EventBus of the live kit (openResumableStream)');
  },
};
