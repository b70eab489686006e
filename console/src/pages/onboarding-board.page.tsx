import { useMutation, useQuery } from '@apollo/client';
import { useId, useState } from 'react';
import { CenterSelect, enumOptions, LabelledSelect } from '../components/labelled-select';
import { ErrorNotice } from '../components/error-notice';
import { useAnnounce } from '../components/live-region';
import { OnboardingCaseFileDisclosure, OnboardingFacts, OnboardingHistory } from '../components/onboarding-details';
import { Loading, Page } from '../components/page';
import { humanize, label } from '../format';
import { DECIDE_ONBOARDING, ONBOARDING_BOARD, REASSIGN_ONBOARDING } from '../graphql/onboarding.operations';
import type { BoardColumnFragment, OnboardingState } from '../graphql/generated/graphql';
import { useCenterName } from '../hooks/use-center-name';
import { useNow } from '../hooks/use-now';
import { useRefetchOnOnboardingUpdates } from '../hooks/use-onboarding-updates';
import { enumParam, replaceParams, useLocation } from '../router';
import { submitHandler } from '../submit-handler';
import { useViewer } from '../session';

type BoardOnboarding = BoardColumnFragment['nodes'][number];

const CLOSED_STATES: OnboardingState[] = ['APPROVED', 'REJECTED', 'INELIGIBLE', 'LAPSED', 'WITHDRAWN'];

/**
 * Volunteer applications across Centers (admins) or of the viewer's Center (its account
 * manager decides), by state, with their deadlines and the decisions open to the viewer.
 */
export function OnboardingBoardPage() {
  const viewer = useViewer();
  const { search } = useLocation();
  const now = useNow();
  const admin = viewer.role === 'ADMIN';
  const centerId = admin ? search.get('center') || null : (viewer.centerId ?? null);
  const closedState = enumParam(search, 'closed', CLOSED_STATES, 'APPROVED');
  const ownCenterName = useCenterName(viewer.centerId);
  const board = useQuery(ONBOARDING_BOARD, { variables: { centerId, closedState, first: 50, closedFirst: 20 } });
  // The board follows the applications it shows live (onboardingUpdated) and is re-read when one moves.
  useRefetchOnOnboardingUpdates({ filter: centerId ? { centerId } : undefined, refetch: () => void board.refetch() });

  const choose = (key: string, value: string) => replaceParams('onboarding-board', search, { [key]: value });

  const columns: Array<{ key: keyof NonNullable<typeof board.data>; title: string; explain: string }> = [
    { key: 'awaitingReview', title: 'Awaiting review', explain: 'The reviewing Center decides: approve, reject, ask the importer, or (admins) reassign.' },
    { key: 'awaitingImporter', title: 'Awaiting the importer', explain: 'The Center asked a question; the application lapses if it is not answered in time.' },
    { key: 'applied', title: 'Checking eligibility', explain: 'Just volunteered; the eligibility check and the Center proposal run automatically.' },
  ];
  return (
    <Page title="Onboarding board" intro={<p>{admin ? 'Volunteer applications across every Center.' : `Volunteer applications ${ownCenterName} reviews.`} The board updates live as applications move.</p>}>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Narrow the board">
        {admin ? (
          <CenterSelect id="board-center" label="Reviewing Center" value={centerId ?? ''} onChange={(value) => choose('center', value)} first={{ value: '', label: 'Every Center' }} />
        ) : null}
        <LabelledSelect id="board-closed" label="Closed applications shown" value={closedState} onChange={(value) => choose('closed', value)} options={enumOptions(CLOSED_STATES)} />
      </form>
      <ErrorNotice error={board.error} title="The board could not be loaded" />
      {board.loading && !board.data ? <Loading what="the board" /> : null}
      {board.data ? (
        <div className="board">
          {[...columns, { key: 'closed' as const, title: label(closedState), explain: 'Decided or ended applications, newest first.' }].map((column) => {
            const page = board.data![column.key];
            return (
              <section key={column.key} aria-labelledby={`column-${column.key}`} className="board-column">
                <h2 id={`column-${column.key}`}>
                  {column.title} <span className="count">({page.totalCount})</span>
                </h2>
                <p className="hint">{column.explain}</p>
                {page.nodes.length === 0 ? <p>None.</p> : null}
                <ul className="card-list">
                  {page.nodes.map((onboarding) => (
                    <OnboardingCard key={onboarding.id} onboarding={onboarding} now={now} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      ) : null}
    </Page>
  );
}

function OnboardingCard({ onboarding, now }: { onboarding: BoardOnboarding; now: number }) {
  const { importer } = onboarding;
  return (
    <li className="card" aria-labelledby={`onboarding-${onboarding.id}`}>
      <h3 id={`onboarding-${onboarding.id}`}>{importer.name}</h3>
      <p className="hint">
        {importer.importerNumber}; C-TPAT {humanize(importer.ctpatTier)}; ISA {importer.isaMember ? 'yes' : 'no'}; ACE account {importer.aceAccount ? 'yes' : 'no'}
      </p>
      <OnboardingFacts onboarding={onboarding} now={now} />
      <OnboardingDecisions onboarding={onboarding} />
      <OnboardingHistory onboarding={onboarding} />
      <OnboardingCaseFileDisclosure onboardingId={onboarding.id} name={importer.name} />
    </li>
  );
}

function OnboardingDecisions({ onboarding }: { onboarding: BoardOnboarding }) {
  const id = useId();
  const announce = useAnnounce();
  const actions = onboarding.availableActions;
  const [note, setNote] = useState('');
  const [question, setQuestion] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [reassignTo, setReassignTo] = useState('');
  const refetch = { refetchQueries: ['ConsoleOnboardingBoard'], awaitRefetchQueries: true };
  const [decide, deciding] = useMutation(DECIDE_ONBOARDING, refetch);
  const [reassign, reassigning] = useMutation(REASSIGN_ONBOARDING, refetch);
  const name = onboarding.importer.name;

  /** One error is shown for all the decisions, so each clears both mutations' before it is sent. */
  const submitting = (what: string, send: () => Promise<unknown>) =>
    submitHandler(async () => {
      deciding.reset();
      reassigning.reset();
      await send();
      announce(`${what}: done for ${name}.`);
    });
  const submitDecision = (decision: 'APPROVE' | 'REJECT') =>
    submitting(decision === 'APPROVE' ? 'Approve' : 'Reject', () =>
      decide({ variables: { importerId: onboarding.importer.id, input: { decision, note: note.trim() || null, effectiveDate: decision === 'APPROVE' ? effectiveDate || null : null } } }),
    );
  const submitQuestion = submitting('Ask for information', () =>
    decide({ variables: { importerId: onboarding.importer.id, input: { decision: 'ASK_FOR_INFORMATION', question, note: note.trim() || null } } }),
  );
  const submitReassign = submitting('Reassign', () => reassign({ variables: { importerId: onboarding.importer.id, centerId: reassignTo, note: note.trim() || null } }));

  if (!actions.some((action) => ['APPROVE', 'REJECT', 'ASK_FOR_INFORMATION', 'REASSIGN'].includes(action))) return null;
  const otherCenters = onboarding.notice.centers.filter((center) => center.id !== onboarding.center?.id);
  return (
    <div className="decisions" role="group" aria-label={`Decisions on ${name}`}>
      <div className="decision-note">
        <label htmlFor={`${id}-note`}>Note for the history (optional; goes with the decision below)</label>
        <input id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      {actions.includes('APPROVE') ? (
        <form onSubmit={submitDecision('APPROVE')} className="decision">
          <label htmlFor={`${id}-effective`}>Participation starts (optional; today when empty)</label>
          <input id={`${id}-effective`} type="date" value={effectiveDate} onChange={(event) => setEffectiveDate(event.target.value)} />
          <div>
            <button type="submit" disabled={deciding.loading} aria-label={`Approve ${name}`}>
              Approve
            </button>
          </div>
        </form>
      ) : null}
      {actions.includes('REJECT') ? (
        <form onSubmit={submitDecision('REJECT')} className="decision">
          <div>
            <button type="submit" className="button-danger" disabled={deciding.loading} aria-label={`Reject ${name}`}>
              Reject
            </button>
          </div>
        </form>
      ) : null}
      {actions.includes('ASK_FOR_INFORMATION') ? (
        <form onSubmit={submitQuestion} className="decision">
          <label htmlFor={`${id}-question`}>Question to the importer</label>
          <textarea id={`${id}-question`} rows={2} value={question} onChange={(event) => setQuestion(event.target.value)} required />
          <div>
            <button type="submit" disabled={deciding.loading} aria-label={`Ask ${name}`}>
              Ask
            </button>
          </div>
        </form>
      ) : null}
      {actions.includes('REASSIGN') && otherCenters.length > 0 ? (
        <form onSubmit={submitReassign} className="decision">
          <label htmlFor={`${id}-reassign`}>Reassign to</label>
          <select id={`${id}-reassign`} value={reassignTo} onChange={(event) => setReassignTo(event.target.value)} required>
            <option value="">Choose a Center…</option>
            {otherCenters.map((center) => (
              <option key={center.id} value={center.id}>
                {center.name}
              </option>
            ))}
          </select>
          <div>
            <button type="submit" disabled={reassigning.loading} aria-label={`Reassign ${name}`}>
              Reassign
            </button>
          </div>
        </form>
      ) : null}
      <div className="decision-note">
        <ErrorNotice error={deciding.error ?? reassigning.error} title="The decision was refused" />
      </div>
    </div>
  );
}
