import { useMutation, useQuery } from '@apollo/client';
import { useId, useState } from 'react';
import { humanize, todayLocalDate } from '../format';
import { CLOSE_NOTICE, PUBLISH_NOTICE } from '../graphql/directory-admin.operations';
import { CENTERS } from '../graphql/directory.operations';
import { CtpatTier } from '../graphql/generated/graphql';
import { submitHandler } from '../submit-handler';
import { ErrorNotice } from './error-notice';
import { useAnnounce } from './live-region';

/** After an admin's change the notices are read again, so the list shows what the graph now holds. */
const REFETCH_NOTICES = { refetchQueries: ['ConsoleNotices'], awaitRefetchQueries: true };

interface NoticeDraft {
  citation: string;
  title: string;
  publishedOn: string;
  opensOn: string;
  closesOn: string;
  centerIds: string[];
  qualifyingCtpatTiers: CtpatTier[];
  isaQualifies: boolean;
  aceAccountRequired: boolean;
  description: string;
  note: string;
}

function emptyDraft(): NoticeDraft {
  const today = todayLocalDate();
  return {
    citation: '',
    title: '',
    publishedOn: today,
    opensOn: today,
    closesOn: '',
    centerIds: [],
    qualifyingCtpatTiers: [],
    isaQualifies: false,
    aceAccountRequired: true,
    description: '',
    note: '',
  };
}

/** Adds `value` to a list of choices, or takes it out. */
function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value);
}

/**
 * An admin publishes a Federal Register notice: its citation and dates, the Centers it opens
 * (from the directory) and who may volunteer, as data. The graph checks it all and names each
 * problem; the list of notices is read again once it is published.
 */
export function PublishNoticeForm() {
  const id = useId();
  const announce = useAnnounce();
  const centers = useQuery(CENTERS);
  const [draft, setDraft] = useState<NoticeDraft>(emptyDraft);
  const [publish, { loading, error, reset }] = useMutation(PUBLISH_NOTICE, REFETCH_NOTICES);
  const set = <Key extends keyof NoticeDraft>(key: Key, value: NoticeDraft[Key]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = submitHandler(async () => {
    reset();
    const { data } = await publish({
      variables: {
        input: {
          citation: draft.citation.trim(),
          title: draft.title.trim(),
          publishedOn: draft.publishedOn,
          opensOn: draft.opensOn,
          closesOn: draft.closesOn || null,
          centerIds: draft.centerIds,
          eligibility: { qualifyingCtpatTiers: draft.qualifyingCtpatTiers, isaQualifies: draft.isaQualifies, aceAccountRequired: draft.aceAccountRequired, description: draft.description.trim() },
          note: draft.note.trim() || null,
        },
      },
    });
    if (!data) return;
    const notice = data.publishFederalRegisterNotice;
    setDraft(emptyDraft());
    announce(`Notice ${notice.citation} published; ${notice.isOpen ? 'it is open for volunteering now' : 'it is not open for volunteering today'}.`);
  });

  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`}>Publish a notice</h2>
      <form onSubmit={submit} className="form">
        <div className="field-row">
          <div>
            <label htmlFor={`${id}-citation`}>Citation</label>
            <input id={`${id}-citation`} value={draft.citation} onChange={(event) => set('citation', event.target.value)} placeholder="91 FR 12345" aria-describedby={`${id}-citation-help`} required />
            <p className="hint" id={`${id}-citation-help`}>
              Volume, FR, page; the notice's id is made from it.
            </p>
          </div>
          <div className="field-wide">
            <label htmlFor={`${id}-title`}>Title</label>
            <input id={`${id}-title`} value={draft.title} onChange={(event) => set('title', event.target.value)} required />
          </div>
        </div>
        <div className="field-row">
          <DateField id={`${id}-published`} label="Published on" value={draft.publishedOn} onChange={(value) => set('publishedOn', value)} required />
          <DateField id={`${id}-opens`} label="Volunteering opens on" value={draft.opensOn} onChange={(value) => set('opensOn', value)} required />
          <DateField id={`${id}-closes`} label="Last day to volunteer (optional)" value={draft.closesOn} onChange={(value) => set('closesOn', value)} />
        </div>
        <fieldset>
          <legend>Centers it opens</legend>
          <div className="checkbox-grid">
            {(centers.data?.centers ?? []).map((center) => (
              <label key={center.id} className="checkbox">
                <input type="checkbox" checked={draft.centerIds.includes(center.id)} onChange={(event) => set('centerIds', toggled(draft.centerIds, center.id, event.target.checked))} /> {center.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Who may volunteer</legend>
          <fieldset>
            <legend>C-TPAT tiers that qualify</legend>
            <div className="checkbox-grid">
              {Object.values(CtpatTier).map((tier) => (
                <label key={tier} className="checkbox">
                  <input type="checkbox" checked={draft.qualifyingCtpatTiers.includes(tier)} onChange={(event) => set('qualifyingCtpatTiers', toggled(draft.qualifyingCtpatTiers, tier, event.target.checked))} />{' '}
                  {tier === 'NONE' ? 'Not a member' : humanize(tier).replace('tier', 'Tier')}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={draft.isaQualifies} onChange={(event) => set('isaQualifies', event.target.checked)} /> ISA membership qualifies on its own
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={draft.aceAccountRequired} onChange={(event) => set('aceAccountRequired', event.target.checked)} /> An ACE portal account is required
          </label>
          <label htmlFor={`${id}-description`}>Eligibility as the notice words it</label>
          <textarea id={`${id}-description`} rows={2} value={draft.description} onChange={(event) => set('description', event.target.value)} required />
        </fieldset>
        <label htmlFor={`${id}-note`}>Note (optional: what the data assumes where the notice is silent)</label>
        <textarea id={`${id}-note`} rows={2} value={draft.note} onChange={(event) => set('note', event.target.value)} />
        <ErrorNotice error={error} title="The notice was not published" />
        <div>
          <button type="submit" disabled={loading}>
            {loading ? 'Publishing…' : 'Publish the notice'}
          </button>
        </div>
      </form>
    </section>
  );
}

function DateField(props: { id: string; label: string; value: string; onChange: (value: string) => void; required?: boolean }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="date" value={props.value} onChange={(event) => props.onChange(event.target.value)} required={props.required} />
    </div>
  );
}

/**
 * An admin closes volunteering under an open notice, from today or from a later day; the graph
 * makes the day before its last day to volunteer. The list is read again once it is closed.
 */
export function CloseNoticeForm({ notice }: { notice: { id: string; citation: string } }) {
  const id = useId();
  const announce = useAnnounce();
  const [closedOn, setClosedOn] = useState('');
  const [close, { loading, error, reset }] = useMutation(CLOSE_NOTICE, REFETCH_NOTICES);
  const submit = submitHandler(async () => {
    reset();
    const { data } = await close({ variables: { id: notice.id, closedOn: closedOn || null } });
    if (!data) return;
    const closed = data.closeFederalRegisterNotice;
    announce(`Notice ${closed.citation} closed: ${closed.isOpen ? `volunteering ends after ${closed.closesOn}` : 'volunteering under it is refused from now on'}.`);
  });
  return (
    <form onSubmit={submit} className="decision close-notice">
      <label htmlFor={`${id}-closed-on`}>First day volunteering is refused (optional; today when empty)</label>
      <input id={`${id}-closed-on`} type="date" value={closedOn} onChange={(event) => setClosedOn(event.target.value)} />
      <ErrorNotice error={error} title="The notice was not closed" />
      <div>
        <button type="submit" className="button-danger" disabled={loading} aria-label={`Close ${notice.citation}`}>
          {loading ? 'Closing…' : 'Close'}
        </button>
      </div>
    </form>
  );
}
