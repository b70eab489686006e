import { ForbiddenError, type Identity, isStaffRole, type Logger, UnauthenticatedError } from '@cee-hub/common';
import { type EventBus, openResumableStream, type ResumableStream } from '@cee-hub/common/live';
import { canSeeOnboarding } from '../services/onboarding.service';
import type { LoggedOnboardingEvent, OnboardingEventLog, OnboardingEventNotification, OnboardingEventScope } from './onboarding-event-log';

/** The process's one LISTEN connection on the onboarding events. */
export type OnboardingEventBus = EventBus<OnboardingEventNotification, LoggedOnboardingEvent>;

/**
 * The caller's filter narrowed to what it may follow: the public nothing (UNAUTHENTICATED), an
 * importer its own applications, staff those their Center reviews, admins all. A filter that
 * reaches past that is FORBIDDEN.
 */
export function scopeOfOnboardingUpdates(identity: Identity, filter: { importerId?: string | null; centerId?: string | null }): OnboardingEventScope {
  const importerId = filter.importerId ?? undefined;
  const centerId = filter.centerId ?? undefined;
  if (identity.role === 'PUBLIC') throw new UnauthenticatedError('Sign in to follow volunteer applications');
  if (identity.role === 'IMPORTER') {
    if (importerId !== undefined && importerId !== identity.importerId) throw new ForbiddenError("You may not follow another importer's application");
    return { importerId: identity.importerId, centerId };
  }
  if (isStaffRole(identity.role)) {
    if (centerId !== undefined && centerId !== identity.centerId) throw new ForbiddenError("You may follow only the applications your own Center reviews");
    return { importerId, centerId: identity.centerId };
  }
  return { importerId, centerId };
}

export interface OnboardingUpdateStreamOptions {
  identity: Identity;
  scope: OnboardingEventScope;
  since: string | null;
  bus: Pick<OnboardingEventBus, 'subscribe' | 'eventById'>;
  eventLog: Pick<OnboardingEventLog, 'eventsAfter'>;
  bufferLimit?: number;
  logger?: Logger;
}

function inScope(scope: OnboardingEventScope, event: { importerId: string; centerId: string | null }): boolean {
  if (scope.importerId !== undefined && event.importerId !== scope.importerId) return false;
  if (scope.centerId !== undefined && event.centerId !== scope.centerId) return false;
  return true;
}

/**
 * The onboarding events one subscriber receives, on the live kit's resumable stream: the log
 * after `since`, then live ones, each checked against the viewer (canSeeOnboarding, with the
 * application as it is when the event is read) and the filter.
 */
export function openOnboardingUpdateStream(options: OnboardingUpdateStreamOptions): Promise<ResumableStream<LoggedOnboardingEvent>> {
  const { identity, scope } = options;
  const visible = (event: LoggedOnboardingEvent | undefined): LoggedOnboardingEvent | null =>
    event && canSeeOnboarding(identity, event) && inScope(scope, event) ? event : null;
  return openResumableStream<OnboardingEventNotification, LoggedOnboardingEvent, LoggedOnboardingEvent>({
    bus: options.bus,
    since: options.since,
    bufferLimit: options.bufferLimit,
    logger: options.logger,
    // Checked for every event whatever the filter: the filter only ever narrows.
    accept: (notification) => canSeeOnboarding(identity, notification) && inScope(scope, notification),
    replayPage: (afterId, limit) => options.eventLog.eventsAfter(afterId, scope, limit),
    presentReplayed: async (row) => visible(row),
    presentLive: async (notification) => visible(await options.bus.eventById(notification.eventId)),
  });
}
