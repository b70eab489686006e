import { useMutation, useQuery } from '@apollo/client';
import { useId, useState } from 'react';
import { formatDateTime, label } from '../format';
import { CENTER_DIRECTORY_EVENTS, UPDATE_CENTER_CONTACT } from '../graphql/directory-admin.operations';
import type { UpdateCenterContactInput } from '../graphql/generated/graphql';
import { submitHandler } from '../submit-handler';
import { ErrorNotice } from './error-notice';
import { useAnnounce } from './live-region';
import { Loading } from './page';
import { type DirectoryCenter, REFETCH_DIRECTORY } from './staff-admin';

type Contact = DirectoryCenter['contact'];
interface ContactDraft {
  email: string;
  phone: string;
  hours: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
}

const ADDRESS_FIELDS = ['street', 'city', 'state', 'postalCode'] as const;

function draftOf(contact: Contact): ContactDraft {
  const { street, city, state, postalCode } = contact.address;
  return { email: contact.email, phone: contact.phone, hours: contact.hours, street, city, state, postalCode };
}

/** Only what the keeper changed goes to the graph (the address as a whole, when any part of it changed), so the audit entry names just that. */
function changesOf(draft: ContactDraft, contact: Contact): UpdateCenterContactInput {
  const before = draftOf(contact);
  const input: UpdateCenterContactInput = {};
  if (draft.email !== before.email) input.email = draft.email;
  if (draft.phone !== before.phone) input.phone = draft.phone;
  if (draft.hours !== before.hours) input.hours = draft.hours;
  if (ADDRESS_FIELDS.some((field) => draft[field] !== before[field])) input.address = { street: draft.street, city: draft.city, state: draft.state, postalCode: draft.postalCode };
  return input;
}

const FIELD_LABELS: Array<[keyof ContactDraft, string]> = [
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['hours', 'Office hours'],
  ['street', 'Street'],
  ['city', 'City'],
  ['state', 'State (two letters)'],
  ['postalCode', 'ZIP code'],
];

/** A Center's public contact block as the public sees it, and the form that corrects it. */
export function CenterContactSection({ center }: { center: DirectoryCenter }) {
  const { contact } = center;
  const { address } = contact;
  return (
    <section aria-labelledby="contact-heading" className="panel">
      <h2 id="contact-heading">Public contact</h2>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{contact.email}</dd>
        <dt>Phone</dt>
        <dd>{contact.phone}</dd>
        <dt>Office hours</dt>
        <dd>{contact.hours}</dd>
        <dt>Address</dt>
        <dd>
          {address.street}, {address.city}, {address.state} {address.postalCode}, {address.country}
        </dd>
      </dl>
      <details>
        <summary>Correct the contact block</summary>
        {/* Keyed by the block shown, so the form starts again from what the graph now holds. */}
        <ContactForm key={JSON.stringify(contact)} centerId={center.id} contact={contact} />
      </details>
    </section>
  );
}

function ContactForm({ centerId, contact }: { centerId: string; contact: Contact }) {
  const id = useId();
  const announce = useAnnounce();
  const [draft, setDraft] = useState(() => draftOf(contact));
  const [update, { loading, error, reset }] = useMutation(UPDATE_CENTER_CONTACT, REFETCH_DIRECTORY);
  const submit = submitHandler(async () => {
    reset();
    const { data } = await update({ variables: { centerId, input: changesOf(draft, contact) } });
    if (data) announce('The contact block was corrected.');
  });
  return (
    <form onSubmit={submit} className="form">
      <div className="field-row">
        {FIELD_LABELS.map(([field, text]) => (
          <div key={field}>
            <label htmlFor={`${id}-${field}`}>{text}</label>
            <input id={`${id}-${field}`} value={draft[field]} onChange={(event) => setDraft((current) => ({ ...current, [field]: event.target.value }))} />
          </div>
        ))}
      </div>
      <ErrorNotice error={error} title="The contact block was not changed" />
      <div>
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Save the contact block'}
        </button>
      </div>
    </form>
  );
}

/** The Center's audit log, newest first: who added, re-roled or deactivated whom, and who corrected the contact block. */
export function DirectoryLogSection({ centerId }: { centerId: string }) {
  const { data, loading, error } = useQuery(CENTER_DIRECTORY_EVENTS, { variables: { id: centerId, first: 20 } });
  const events = data?.center.directoryEvents;
  return (
    <section aria-labelledby="audit-heading" className="panel">
      <h2 id="audit-heading">Audit log</h2>
      <p className="hint">The last 20 changes to this Center's people and contact block, newest first.</p>
      <ErrorNotice error={error} title="The audit log could not be loaded" />
      {loading && !events ? <Loading what="the audit log" /> : null}
      {events && events.length === 0 ? <p>No change yet.</p> : null}
      <ol className="history" aria-label="Changes">
        {events?.map((event) => (
          <li key={event.id}>
            <strong>{label(event.type)}</strong>
            {event.staffMember ? ` — ${event.staffMember.name} (${event.staffMember.email})` : ''}, by {event.actor}, {formatDateTime(event.at)}
            {event.note ? <span className="hint"> Reason: {event.note}</span> : null}
            {event.changes.length > 0 ? (
              <ul>
                {event.changes.map((change) => (
                  <li key={change.field}>
                    {change.field}: {change.before ?? '—'} → {change.after ?? '—'}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
