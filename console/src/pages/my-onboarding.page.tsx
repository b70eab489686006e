import { useMutation, useQuery } from '@apollo/client';
import { useId, useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { useAnnounce } from '../components/live-region';
import { useCaseDocuments } from '../components/documents-panel';
import { AccountManagerFact, OnboardingCaseFile, OnboardingFacts, OnboardingHistory, OPEN_ONBOARDING_STATES } from '../components/onboarding-details';
import { Loading, Page } from '../components/page';
import { formatDate, humanize, label } from '../format';
import { NOTICES } from '../graphql/directory.operations';
import { ANSWER_ONBOARDING_QUESTION, MY_IMPORTER, VOLUNTEER_FOR_CENTER, WITHDRAW_ONBOARDING, WITHDRAW_PARTICIPATION } from '../graphql/onboarding.operations';
import type { ConsoleMyImporterQuery } from '../graphql/generated/graphql';
import { useNow } from '../hooks/use-now';
import { useRefetchOnOnboardingUpdates } from '../hooks/use-onboarding-updates';
import { useLocation } from '../router';
import { submitHandler } from '../submit-handler';

type MyImporter = NonNullable<ConsoleMyImporterQuery['me']>;

/** The importer's participation and its volunteer application: volunteer, follow, answer, withdraw. */
export function MyOnboardingPage() {
  const now = useNow();
  const { data, loading, error, refetch } = useQuery(MY_IMPORTER);
  const me = data?.me;
  const open = !!me?.onboarding && OPEN_ONBOARDING_STATES.includes(me.onboarding.state);
  // The importer's own applications, live (onboardingUpdated): the record is re-read when one moves.
  useRefetchOnOnboardingUpdates({ refetch: () => void refetch() });
  return (
    <Page title="Participation and onboarding" intro={<p>Volunteer for a Center while a Federal Register notice is open, and follow your application here.</p>}>
      <ErrorNotice error={error} title="Your record could not be loaded" />
      {loading && !me ? <Loading what="your record" /> : null}
      {me ? (
        <>
          <Participation me={me} />
          {me.onboarding ? (
            <section aria-labelledby="application-heading" className="panel">
              <h2 id="application-heading">Your application</h2>
              {open ? <p className="hint">This section updates live while the application is open.</p> : null}
              <OnboardingFacts onboarding={me.onboarding} now={now} />
              <OnboardingActions me={me} />
              <OnboardingHistory onboarding={me.onboarding} />
            </section>
          ) : null}
          {me.onboarding ? (
            <section aria-labelledby="case-file-heading" className="panel">
              <h2 id="case-file-heading">Documents and messages of your application</h2>
              <p className="hint">Upload the paperwork the Center asks for, and write to the Center here.</p>
              <OnboardingCaseFile onboardingId={me.onboarding.id} headingLevel={3} />
            </section>
          ) : null}
          {!open && me.participation.status !== 'PARTICIPATING' ? <Volunteer /> : null}
        </>
      ) : null}
    </Page>
  );
}

function Participation({ me }: { me: MyImporter }) {
  const announce = useAnnounce();
  const [confirmed, setConfirmed] = useState(false);
  const [withdraw, { loading, error }] = useMutation(WITHDRAW_PARTICIPATION, { refetchQueries: ['ConsoleMyImporter'] });
  const { participation } = me;
  const submit = submitHandler(async () => {
    await withdraw();
    announce('You left your Center; your entry summaries go to the ports again.');
  });
  return (
    <section aria-labelledby="participation-heading" className="panel">
      <h2 id="participation-heading">{me.name}</h2>
      <dl className="facts">
        <dt>Importer number</dt>
        <dd>{me.importerNumber}</dd>
        <dt>C-TPAT</dt>
        <dd>{humanize(me.ctpatTier)}</dd>
        <dt>ISA member</dt>
        <dd>{me.isaMember ? 'Yes' : 'No'}</dd>
        <dt>ACE portal account</dt>
        <dd>{me.aceAccount ? 'Yes' : 'No'}</dd>
        <dt>Participation</dt>
        <dd>
          {label(participation.status)}
          {participation.center ? ` in ${participation.center.name}` : ''}
          {participation.since ? ` since ${formatDate(participation.since)}` : ''}
        </dd>
        <AccountManagerFact manager={participation.accountManager} />
      </dl>
      {participation.status === 'PARTICIPATING' ? (
        <form onSubmit={submit} className="form">
          <label className="checkbox">
            <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} required /> I want to leave {participation.center?.name}; our entry
            summaries will be processed by the ports again
          </label>
          <div>
            <button type="submit" className="button-danger" disabled={loading || !confirmed}>
              Withdraw from the Center
            </button>
          </div>
          <ErrorNotice error={error} title="Withdrawing was refused" />
        </form>
      ) : null}
    </section>
  );
}

function OnboardingActions({ me }: { me: MyImporter }) {
  const id = useId();
  const announce = useAnnounce();
  const onboarding = me.onboarding!;
  const [answerText, setAnswerText] = useState('');
  const [attached, setAttached] = useState<string[]>([]);
  const { documents } = useCaseDocuments({ type: 'ONBOARDING', id: onboarding.id });
  const [withdrawNote, setWithdrawNote] = useState('');
  const [answer, answering] = useMutation(ANSWER_ONBOARDING_QUESTION);
  const [withdraw, withdrawing] = useMutation(WITHDRAW_ONBOARDING);

  const submitAnswer = submitHandler(async () => {
    await answer({ variables: { answer: answerText, documentIds: attached } });
    setAnswerText('');
    setAttached([]);
    announce('Your answer was sent to the Center.');
  });
  const submitWithdrawal = submitHandler(async () => {
    await withdraw({ variables: { note: withdrawNote.trim() || null } });
    announce('Your application was withdrawn.');
  });

  return (
    <>
      {onboarding.availableActions.includes('ANSWER') ? (
        <form onSubmit={submitAnswer} className="form decision">
          <label htmlFor={`${id}-answer`}>Your answer to the Center&apos;s question</label>
          <textarea id={`${id}-answer`} rows={3} value={answerText} onChange={(event) => setAnswerText(event.target.value)} required />
          <fieldset className="attach">
            <legend>Documents the answer comes with</legend>
            {documents.length === 0 ? (
              <p className="hint">None yet; upload them under Documents below, then tick them here. They stay with the application once sent.</p>
            ) : (
              documents.map((document) => (
                <label className="checkbox" key={document.id}>
                  <input
                    type="checkbox"
                    checked={attached.includes(document.id)}
                    onChange={(event) => setAttached((chosen) => (event.target.checked ? [...chosen, document.id] : chosen.filter((item) => item !== document.id)))}
                  />
                  {document.fileName} <span className="hint">({label(document.kind)})</span>
                </label>
              ))
            )}
          </fieldset>
          <div>
            <button type="submit" disabled={answering.loading}>
              Send the answer
            </button>
          </div>
          <ErrorNotice error={answering.error} title="The answer was refused" />
        </form>
      ) : null}
      {onboarding.availableActions.includes('WITHDRAW') ? (
        <form onSubmit={submitWithdrawal} className="form decision">
          <label htmlFor={`${id}-withdraw`}>Why you withdraw (optional)</label>
          <input id={`${id}-withdraw`} value={withdrawNote} onChange={(event) => setWithdrawNote(event.target.value)} />
          <div>
            <button type="submit" className="button-danger" disabled={withdrawing.loading}>
              Withdraw the application
            </button>
          </div>
          <ErrorNotice error={withdrawing.error} title="Withdrawing was refused" />
        </form>
      ) : null}
    </>
  );
}

function Volunteer() {
  const { search } = useLocation();
  const announce = useAnnounce();
  const notices = useQuery(NOTICES, { variables: { open: true } });
  const [noticeId, setNoticeId] = useState(search.get('notice') ?? '');
  const [centerId, setCenterId] = useState('');
  const [volunteer, { loading, error, reset }] = useMutation(VOLUNTEER_FOR_CENTER, { refetchQueries: ['ConsoleMyImporter'], awaitRefetchQueries: true });
  const openNotices = notices.data?.federalRegisterNotices ?? [];
  const notice = openNotices.find((candidate) => candidate.id === noticeId) ?? (openNotices.length === 1 ? openNotices[0] : undefined);

  const submit = submitHandler(async () => {
    reset();
    if (!notice) return;
    await volunteer({ variables: { noticeId: notice.id, centerId } });
    announce('You volunteered; the eligibility check runs now.');
  });

  return (
    <section aria-labelledby="volunteer-heading" className="panel">
      <h2 id="volunteer-heading">Volunteer for a Center</h2>
      <ErrorNotice error={notices.error} title="The open notices could not be loaded" />
      {notices.data && openNotices.length === 0 ? <p>No Federal Register notice is open now, so volunteering is closed.</p> : null}
      {openNotices.length > 0 ? (
        <form onSubmit={submit} className="form">
          <label htmlFor="volunteer-notice">Notice</label>
          <select id="volunteer-notice" value={notice?.id ?? ''} onChange={(event) => setNoticeId(event.target.value)} required>
            <option value="">Choose an open notice…</option>
            {openNotices.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.citation}: {candidate.title}
              </option>
            ))}
          </select>
          {notice ? <p className="hint">Who may volunteer: {notice.eligibility.description}.</p> : null}
          <label htmlFor="volunteer-center">Center</label>
          <select id="volunteer-center" value={centerId} onChange={(event) => setCenterId(event.target.value)} required disabled={!notice}>
            <option value="">Choose a Center…</option>
            {notice?.centers.map((center) => (
              <option key={center.id} value={center.id}>
                {center.name}
              </option>
            ))}
          </select>
          <div>
            <button type="submit" disabled={loading || !notice}>
              Volunteer
            </button>
          </div>
          <ErrorNotice error={error} title="Volunteering was refused" />
        </form>
      ) : null}
    </section>
  );
}
