/** The roles a verified caller has (common's `Role`, repeated here so contracts need no common). */
export type ActorRole = 'PUBLIC' | 'IMPORTER' | 'ENTRY_SPECIALIST' | 'IMPORT_SPECIALIST' | 'SUPERVISOR' | 'ACCOUNT_MANAGER' | 'CENTER_DIRECTOR' | 'ADMIN';

/**
 * Who makes a decision in a workflow, as the gateway verified it. Passed with every Update so
 * validators can refuse the wrong role, another Center or the proposer signing off.
 */
export interface Actor {
  role: ActorRole;
  /** Staff member id or importer id. */
  subject?: string;
  email?: string;
  centerId?: string;
  importerId?: string;
}

/**
 * The actor a caller decides as: only the fields a workflow needs, so an identity's other
 * fields (its name) never reach a workflow's history. Takes common's `Identity` structurally.
 */
export function actorOfIdentity(identity: Actor): Actor {
  return { role: identity.role, subject: identity.subject, email: identity.email, centerId: identity.centerId, importerId: identity.importerId };
}

/** Who did something, as an event log (onboarding history, filing events) records it. */
export interface EventActor {
  /** An email where known, else the subject, importer id or role; a workflow's own name for its own changes. */
  actor: string;
  actorRole: string;
}

/** How a person is named in an event log. Takes an `Identity` as well (structurally). */
export function eventActorOf(actor: Actor): EventActor {
  return { actor: actor.email ?? actor.subject ?? actor.importerId ?? actor.role, actorRole: actor.role };
}

/**
 * The workflows themselves in the event logs: eligibility, proposals, reminders, escalations,
 * lapses, automatic acceptance and liquidation. The role is one; each workflow keeps the name
 * it has always recorded, so old and new rows (and recorded histories) read the same.
 */
export const SYSTEM_ROLE = 'SYSTEM';
export const SYSTEM_ACTORS = {
  onboarding: { actor: 'system', actorRole: SYSTEM_ROLE },
  review: { actor: 'review-workflow', actorRole: SYSTEM_ROLE },
} as const satisfies Record<string, EventActor>;

/** A person as the review remembers them: `id` compares (subject, else email), `email` shows. */
export interface ActorRef {
  id: string;
  email: string | null;
  role: ActorRole;
}

/** How a person is remembered and compared. */
export function actorRef(actor: Actor): ActorRef {
  return { id: actor.subject ?? actor.email ?? actor.importerId ?? actor.role, email: actor.email ?? null, role: actor.role };
}

export function sameActor(a: ActorRef | null | undefined, actor: Actor): boolean {
  return !!a && a.id === actorRef(actor).id;
}
