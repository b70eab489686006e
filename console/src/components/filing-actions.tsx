import { useApolloClient, useMutation } from '@apollo/client';
import { useId, useState } from 'react';
import { ErrorNotice, problemsOf } from './error-notice';
import { draftLine, LinesEditor, linesInput, type DraftLine } from './lines-editor';
import { useAnnounce } from './live-region';
import { formatDateTime, humanize } from '../format';
import { submitHandler } from '../submit-handler';
import { ANSWER_REQUEST_FOR_INFORMATION, CORRECT_ENTRY_SUMMARY, DECIDE_REVIEW, RESPOND_TO_NOTICE_OF_ACTION } from '../graphql/filings.operations';
import { NoticeOfActionKind, type FilingDetailFragment, type ReviewAction } from '../graphql/generated/graphql';

type StaffAction = Exclude<ReviewAction, 'ANSWER_REQUEST_FOR_INFORMATION' | 'RESPOND_TO_NOTICE_OF_ACTION' | 'CORRECT'>;

interface StaffActionForm {
  /** The button's words. */
  button: string;
  explain: string;
  note?: { label: string; required: boolean };
  changeKind?: boolean;
}

/** How each staff decision is asked for; the graph decides which ones the viewer gets (availableActions). */
const STAFF_ACTIONS: Record<StaffAction, StaffActionForm> = {
  CLAIM: { button: 'Claim', explain: 'Take this step: until it moves on, only you decide it.' },
  ACCEPT: { button: 'Accept', explain: 'Accept the entry summary as filed; liquidation is scheduled from the entry date.', note: { label: 'Remark (optional)', required: false } },
  REFER_TO_IMPORT_SPECIALIST: {
    button: 'Refer to an import specialist',
    explain: 'Classification or valuation needs an import specialist.',
    note: { label: 'Why (optional)', required: false },
  },
  RETURN_TO_FILER: { button: 'Return to the filer', explain: 'The filer corrects the summary; its review then starts over.', note: { label: 'What to correct', required: true } },
  REQUEST_INFORMATION: { button: 'Request information (CF-28)', explain: 'The importer has 30 days to answer.', note: { label: 'Question to the importer', required: true } },
  PROPOSE_NOTICE_OF_ACTION: {
    button: 'Propose a notice of action (CF-29)',
    explain: 'A supervisor other than you signs it off before it goes to the importer.',
    note: { label: 'Proposed change', required: true },
    changeKind: true,
  },
  ACCEPT_WITH_CHANGE: { button: 'Accept with the change', explain: 'Accept, applying the change of the notice of action that was sent.', note: { label: 'Remark (optional)', required: false } },
  REJECT: { button: 'Propose rejection', explain: 'A supervisor signs the rejection off.', note: { label: 'Reason', required: true } },
  SIGN_OFF: { button: 'Sign off', explain: 'Approve the proposed adverse action.', note: { label: 'Remark (optional)', required: false } },
  DECLINE_SIGN_OFF: { button: 'Decline sign-off', explain: 'Send the review back to the import specialist.', note: { label: 'Why', required: true } },
};

const CHANGE_KINDS = Object.values(NoticeOfActionKind);

/** Whether a mutation error says the review moved meanwhile (a stale version), so the page should reload it. */
function isConflict(error: unknown): boolean {
  return problemsOf(error).some((problem) => problem.code === 'CONFLICT');
}

function isStaffAction(action: ReviewAction): action is StaffAction {
  return action in STAFF_ACTIONS;
}

/** One staff decision as a small form of its own, made on the review version shown. */
function StaffDecision({ filing, action }: { filing: FilingDetailFragment; action: StaffAction }) {
  const id = useId();
  const form = STAFF_ACTIONS[action];
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const [changeKind, setChangeKind] = useState<NoticeOfActionKind>('RATE');
  const client = useApolloClient();
  const [decide, { loading, error, reset }] = useMutation(DECIDE_REVIEW);

  const submit = submitHandler(
    async () => {
      reset();
      const { data } = await decide({
        variables: {
          input: {
            entrySummaryId: filing.id,
            action,
            // Staff decide, and the graph gives CBP viewers the version (null only for the trade).
            expectedVersion: filing.review!.version!,
            note: note.trim() || null,
            changeKind: form.changeKind ? changeKind : null,
          },
        },
      });
      setNote('');
      const after = data?.decideReview;
      announce(`${form.button}: done. ${filing.entryNumber} is now ${humanize(after?.status)}, step ${humanize(after?.review?.step)}.`);
    },
    // A stale version means someone acted meanwhile, so the page is brought up to date.
    (refusal) => {
      if (isConflict(refusal)) void client.refetchQueries({ include: ['ConsoleFiling'] });
    },
  );

  return (
    <form className="decision" onSubmit={submit} aria-labelledby={`${id}-button`}>
      <p className="hint" id={`${id}-explain`}>
        {form.explain}
      </p>
      {form.changeKind ? (
        <>
          <label htmlFor={`${id}-kind`}>What the notice changes</label>
          <select id={`${id}-kind`} value={changeKind} onChange={(event) => setChangeKind(event.target.value as NoticeOfActionKind)}>
            {CHANGE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {humanize(kind)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {form.note ? (
        <>
          <label htmlFor={`${id}-note`}>{form.note.label}</label>
          {form.note.required ? (
            <textarea id={`${id}-note`} rows={3} value={note} onChange={(event) => setNote(event.target.value)} required />
          ) : (
            <input id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} />
          )}
        </>
      ) : null}
      <div>
        <button id={`${id}-button`} type="submit" disabled={loading} aria-describedby={`${id}-explain`}>
          {loading ? `${form.button}…` : form.button}
        </button>
      </div>
      <ErrorNotice error={error} title={`${form.button} was refused`} />
    </form>
  );
}

/** The staff decisions open to the viewer now, as the graph lists them. */
export function StaffActions({ filing }: { filing: FilingDetailFragment }) {
  const actions = (filing.review?.availableActions ?? []).filter(isStaffAction);
  if (actions.length === 0) return null;
  return (
    <div className="decisions">
      {actions.map((action) => (
        <StaffDecision key={action} filing={filing} action={action} />
      ))}
    </div>
  );
}

/** The importer's answer to a CF-28, or response to a CF-29. */
function ImporterReply({ filing, kind }: { filing: FilingDetailFragment; kind: 'CF28' | 'CF29' }) {
  const id = useId();
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [answer, answering] = useMutation(ANSWER_REQUEST_FOR_INFORMATION);
  const [respond, responding] = useMutation(RESPOND_TO_NOTICE_OF_ACTION);
  const state = kind === 'CF28' ? answering : responding;
  const pending = filing.review?.pendingAction;

  const submit = submitHandler(async () => {
    state.reset();
    if (kind === 'CF28') await answer({ variables: { id: filing.id, answer: text } });
    else await respond({ variables: { id: filing.id, response: text } });
    setText('');
    announce(kind === 'CF28' ? 'Your answer was sent to the Center.' : 'Your response was sent to the Center.');
  });

  return (
    <form className="decision" onSubmit={submit}>
      <h3>{kind === 'CF28' ? 'Request for information (CF-28)' : 'Notice of action (CF-29)'}</h3>
      {pending ? (
        <blockquote className="pending-question">
          {pending.changeKind ? <p>Proposed {humanize(pending.changeKind)} change:</p> : null}
          <p>{pending.details}</p>
        </blockquote>
      ) : null}
      <p className="hint">Answer by {formatDateTime(filing.review?.responseDueAt)}.</p>
      <label htmlFor={`${id}-text`}>{kind === 'CF28' ? 'Your answer' : 'Your response'}</label>
      <textarea id={`${id}-text`} rows={4} value={text} onChange={(event) => setText(event.target.value)} required />
      <div>
        <button type="submit" disabled={state.loading}>
          {kind === 'CF28' ? 'Send the answer' : 'Send the response'}
        </button>
      </div>
      <ErrorNotice error={state.error} title="The Center's graph refused this" />
    </form>
  );
}

/** A returned summary, corrected: validated again like a new filing, then reviewed from the start. */
function Correction({ filing }: { filing: FilingDetailFragment }) {
  const id = useId();
  const announce = useAnnounce();
  const [entryType, setEntryType] = useState(filing.entryType);
  const [entryDate, setEntryDate] = useState(filing.entryDate);
  const [releaseDate, setReleaseDate] = useState(filing.releaseDate ?? '');
  const [lines, setLines] = useState<DraftLine[]>(() =>
    filing.lines.map((line) => draftLine({ htsNumber: line.htsNumber, countryOfOrigin: line.countryOfOrigin, enteredValue: String(line.enteredValue), dutyRate: String(line.dutyRate) })),
  );
  const [correct, { loading, error, reset }] = useMutation(CORRECT_ENTRY_SUMMARY);
  const why = [...filing.events].reverse().find((event) => event.type === 'RETURNED')?.note;

  const submit = submitHandler(async () => {
    reset();
    await correct({ variables: { id: filing.id, input: { entryType, entryDate, releaseDate: releaseDate || null, lines: linesInput(lines) } } });
    announce('The correction was accepted; the review starts over.');
  });

  return (
    <form className="decision" onSubmit={submit}>
      <h3>Correct the returned summary</h3>
      {why ? (
        <blockquote className="pending-question">
          <p>What the Center asks you to correct: {why}</p>
        </blockquote>
      ) : null}
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-type`}>Entry type</label>
          <input id={`${id}-type`} value={entryType} onChange={(event) => setEntryType(event.target.value)} size={4} required />
        </div>
        <div>
          <label htmlFor={`${id}-entry-date`}>Entry date</label>
          <input id={`${id}-entry-date`} type="date" value={entryDate} onChange={(event) => setEntryDate(event.target.value)} required />
        </div>
        <div>
          <label htmlFor={`${id}-release-date`}>Release date (optional)</label>
          <input id={`${id}-release-date`} type="date" value={releaseDate} onChange={(event) => setReleaseDate(event.target.value)} />
        </div>
      </div>
      <LinesEditor lines={lines} onChange={setLines} />
      <div>
        <button type="submit" disabled={loading}>
          Send the correction
        </button>
      </div>
      <ErrorNotice error={error} title="The correction was refused" />
    </form>
  );
}

/** What the importer may do on its filing now: answer a CF-28, respond to a CF-29, correct a returned summary. */
export function ImporterActions({ filing }: { filing: FilingDetailFragment }) {
  const actions = filing.review?.availableActions ?? [];
  return (
    <>
      {actions.includes('ANSWER_REQUEST_FOR_INFORMATION') ? <ImporterReply key="cf28" filing={filing} kind="CF28" /> : null}
      {actions.includes('RESPOND_TO_NOTICE_OF_ACTION') ? <ImporterReply key="cf29" filing={filing} kind="CF29" /> : null}
      {actions.includes('CORRECT') ? <Correction key="correct" filing={filing} /> : null}
    </>
  );
}
