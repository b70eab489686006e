import { useId, useState } from 'react';
import { formatDate, formatDateTime, humanize, label } from '../format';
import type { OnboardingDetailFragment } from '../graphql/generated/graphql';
import { CaseThreadPanel } from './case-thread-panel';
import { DocumentsPanel } from './documents-panel';
import { DocumentLinks } from './document-links';

export const OPEN_ONBOARDING_STATES = ['APPLIED', 'AWAITING_REVIEW', 'AWAITING_IMPORTER'];

/** A deadline, flagged when it has passed. */
export function Deadline({ at, now }: { at: string | null; now: number }) {
  if (!at) return <>—</>;
  const passed = Date.parse(at) <= now;
  return <span className={passed ? 'sla sla-overdue' : undefined}>{formatDateTime(at)}{passed ? ' (passed)' : ''}</span>;
}

/** The importer's account manager at its Center, as a term of a facts list, with an address to write to; nothing when none is named. */
export function AccountManagerFact({ manager }: { manager: { name: string; email: string } | null | undefined }) {
  if (!manager) return null;
  return (
    <>
      <dt>Account manager</dt>
      <dd>
        {manager.name} (<a href={`mailto:${manager.email}`}>{manager.email}</a>)
      </dd>
    </>
  );
}

/** What a volunteer application says and where it stands, with its deadlines. */
export function OnboardingFacts({ onboarding, now }: { onboarding: OnboardingDetailFragment; now: number }) {
  return (
    <dl className="facts">
      <dt>State</dt>
      <dd>
        <span className={`badge badge-${onboarding.state.toLowerCase().replace(/_/g, '-')}`}>{label(onboarding.state)}</span> ({humanize(onboarding.step)})
      </dd>
      <dt>Notice</dt>
      <dd>
        {onboarding.notice.citation}: {onboarding.notice.title}
      </dd>
      <dt>Chosen Center</dt>
      <dd>{onboarding.chosenCenter.name}</dd>
      <dt>Proposed Center</dt>
      <dd>
        {onboarding.proposedCenter?.name ?? '—'}
        {onboarding.proposalNote ? <span className="hint"> ({onboarding.proposalNote})</span> : null}
      </dd>
      <dt>Reviewing Center</dt>
      <dd>{onboarding.center?.name ?? '—'}</dd>
      <AccountManagerFact manager={onboarding.accountManager} />
      {onboarding.reasons.length > 0 ? (
        <>
          <dt>Not eligible because</dt>
          <dd>
            <ul>
              {onboarding.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {onboarding.question ? (
        <>
          <dt>Question from the Center</dt>
          <dd>{onboarding.question}</dd>
        </>
      ) : null}
      {onboarding.answer ? (
        <>
          <dt>Importer&apos;s answer</dt>
          <dd>{onboarding.answer}</dd>
        </>
      ) : null}
      {onboarding.decisionNote ? (
        <>
          <dt>Decision note</dt>
          <dd>{onboarding.decisionNote}</dd>
        </>
      ) : null}
      <dt>Review due</dt>
      <dd>
        <Deadline at={onboarding.reviewDueAt} now={now} />
      </dd>
      <dt>Escalates to the director</dt>
      <dd>
        <Deadline at={onboarding.escalatesAt} now={now} />
      </dd>
      <dt>Answer due</dt>
      <dd>
        <Deadline at={onboarding.informationDueAt} now={now} />
      </dd>
      {onboarding.effectiveDate ? (
        <>
          <dt>Participation starts</dt>
          <dd>{formatDate(onboarding.effectiveDate)}</dd>
        </>
      ) : null}
      <dt>Volunteered</dt>
      <dd>{formatDateTime(onboarding.createdAt)}</dd>
    </dl>
  );
}

/** The application's history, oldest first. */
export function OnboardingHistory({ onboarding }: { onboarding: OnboardingDetailFragment }) {
  return (
    <details>
      <summary>History ({onboarding.events.length} events)</summary>
      <ol className="history">
        {onboarding.events.map((event) => (
          <li key={event.id}>
            {formatDateTime(event.at)}: <strong>{label(event.type)}</strong> by {event.actor} ({humanize(event.actorRole)}){event.note ? `: ${event.note}` : ''}
            <DocumentLinks documents={event.documents} label="Documents it came with" />
          </li>
        ))}
      </ol>
    </details>
  );
}

/** An application's paperwork and its conversation with the Center: the Documents and Messages panels. */
export function OnboardingCaseFile({ onboardingId, headingLevel }: { onboardingId: string; headingLevel: 2 | 3 | 4 }) {
  const ids = { documents: useId(), messages: useId() };
  const subject = { type: 'ONBOARDING' as const, id: onboardingId };
  const Heading = `h${headingLevel}` as const;
  return (
    <>
      <section aria-labelledby={ids.documents}>
        <Heading id={ids.documents}>Documents</Heading>
        <DocumentsPanel subject={subject} />
      </section>
      <section aria-labelledby={ids.messages}>
        <CaseThreadPanel subject={subject} headingId={ids.messages} headingLevel={headingLevel} />
      </section>
    </>
  );
}

/**
 * The case file of an application on a card among many: closed at first, and asked of the
 * graph only once opened, so a board of fifty applications does not load fifty threads.
 */
export function OnboardingCaseFileDisclosure({ onboardingId, name }: { onboardingId: string; name: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className="case-file" onToggle={(event) => setOpened(opened || (event.currentTarget as HTMLDetailsElement).open)}>
      <summary>Documents and messages of {name}</summary>
      {opened ? <OnboardingCaseFile onboardingId={onboardingId} headingLevel={4} /> : null}
    </details>
  );
}
