import { useMutation } from '@apollo/client';
import { useEffect, useId, useRef, useState } from 'react';
import { humanize, label } from '../format';
import { ADD_STAFF_MEMBER, CHANGE_STAFF_ROLE, DEACTIVATE_STAFF_MEMBER } from '../graphql/directory-admin.operations';
import type { CenterStaffRole, ConsoleCenterDirectoryQuery, ConsoleDeactivateStaffMemberMutation } from '../graphql/generated/graphql';
import { Link } from '../router';
import { submitHandler } from '../submit-handler';
import { ColumnHeadings } from './column-headings';
import { ErrorNotice } from './error-notice';
import { useAnnounce } from './live-region';

export type DirectoryCenter = ConsoleCenterDirectoryQuery['center'];
type StaffRow = DirectoryCenter['staff'][number];
export type Deactivation = ConsoleDeactivateStaffMemberMutation['deactivateStaffMember'];

/** After a change to the directory its staff list and audit log are read again, so both show what the graph now holds. */
export const REFETCH_DIRECTORY = { refetchQueries: ['ConsoleCenterDirectory', 'ConsoleCenterDirectoryEvents'], awaitRefetchQueries: true };

/** Who the viewer keeps: admins everyone, a Center's director their staff but not directors (those admins appoint). */
export interface StaffKeeper {
  admin: boolean;
  /** The roles the viewer may give. */
  roles: readonly CenterStaffRole[];
}

const keeps = (keeper: StaffKeeper, member: StaffRow) => keeper.admin || member.role !== 'CENTER_DIRECTOR';

/**
 * A Center's people with a role change and a deactivation (with its reason, confirmed) for each
 * one the viewer keeps, the form to add someone, and the outcome of the last deactivation.
 */
export function StaffSection({ center, keeper }: { center: DirectoryCenter; keeper: StaffKeeper }) {
  const [lastDeactivation, setLastDeactivation] = useState<Deactivation | null>(null);
  return (
    <section aria-labelledby="staff-heading" className="panel">
      <h2 id="staff-heading">
        Staff <span className="count">({center.staff.length})</span>
      </h2>
      {lastDeactivation ? <DeactivationOutcome deactivation={lastDeactivation} /> : null}
      {center.staff.length === 0 ? (
        <p>No active staff.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Staff of {center.name}</caption>
          <ColumnHeadings columns={['Name', 'Email', 'Role', 'Status', 'Change role', 'Deactivate']} />
          <tbody>
            {center.staff.map((member) => (
              <tr key={member.id}>
                <th scope="row">{member.name}</th>
                <td>{member.email}</td>
                <td>{label(member.role)}</td>
                <td>{member.active ? 'Active' : 'Deactivated'}</td>
                <td>{keeps(keeper, member) ? <RoleChange member={member} roles={keeper.roles} /> : <span className="hint">Appointed by CBP admins</span>}</td>
                <td>{keeps(keeper, member) ? <Deactivate member={member} onDeactivated={setLastDeactivation} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddStaffForm centerId={center.id} roles={keeper.roles} />
    </section>
  );
}

function RoleOptions({ roles }: { roles: readonly CenterStaffRole[] }) {
  return (
    <>
      {roles.map((role) => (
        <option key={role} value={role}>
          {label(role)}
        </option>
      ))}
    </>
  );
}

function RoleChange({ member, roles }: { member: StaffRow; roles: readonly CenterStaffRole[] }) {
  const id = useId();
  const announce = useAnnounce();
  const [role, setRole] = useState(member.role as CenterStaffRole);
  const [change, { loading, error, reset }] = useMutation(CHANGE_STAFF_ROLE, REFETCH_DIRECTORY);
  const submit = submitHandler(async () => {
    reset();
    const { data } = await change({ variables: { id: member.id, role } });
    if (data) announce(`${member.name} is now ${humanize(data.changeStaffRole.role)}.`);
  });
  return (
    <form onSubmit={submit} className="inline-form">
      <label htmlFor={`${id}-role`} className="visually-hidden">
        New role of {member.name}
      </label>
      <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as CenterStaffRole)}>
        <RoleOptions roles={roles} />
      </select>
      <button type="submit" className="button-secondary" disabled={loading} aria-label={`Change role of ${member.name}`}>
        Change role
      </button>
      <ErrorNotice error={error} title="The role was not changed" />
    </form>
  );
}

/** "Deactivate…" opens a confirmation with the reason; the person leaves the list once it is done. */
function Deactivate({ member, onDeactivated }: { member: StaffRow; onDeactivated: (deactivation: Deactivation) => void }) {
  const id = useId();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const [deactivate, { loading, error, reset }] = useMutation(DEACTIVATE_STAFF_MEMBER, REFETCH_DIRECTORY);

  // Focus follows the step: into the reason when asked to confirm, back to the button when cancelled.
  useEffect(() => {
    if (confirming) reasonField.current?.focus();
    else if (wasConfirming.current) opener.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const submit = submitHandler(async () => {
    reset();
    const { data } = await deactivate({ variables: { id: member.id, reason } });
    if (!data) return;
    const released = data.deactivateStaffMember.releasedClaims.length;
    onDeactivated(data.deactivateStaffMember);
    announce(`${member.name} deactivated; ${claimsWord(released)} released to the queues.`);
  });

  if (!confirming) {
    return (
      <button type="button" ref={opener} className="button-danger" onClick={() => setConfirming(true)} aria-label={`Deactivate ${member.name}…`}>
        Deactivate…
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="confirm">
      <p className="hint" id={`${id}-explain`}>
        {member.name} leaves the staff lists and can no longer sign in; review steps they claimed go back to the queues.
      </p>
      <label htmlFor={`${id}-reason`}>Reason for deactivating {member.name}</label>
      <textarea id={`${id}-reason`} ref={reasonField} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby={`${id}-explain`} required />
      <ErrorNotice error={error} title="The person was not deactivated" />
      <div className="button-row">
        <button type="submit" className="button-danger" disabled={loading}>
          {loading ? 'Deactivating…' : `Deactivate ${member.name}`}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            reset();
            setConfirming(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

const claimsWord = (count: number) => `${count} claim${count === 1 ? '' : 's'}`;

/** What the last deactivation did, with the filings whose claims went back to the queues; focused when it appears, as the row it replaces is gone. */
function DeactivationOutcome({ deactivation }: { deactivation: Deactivation }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => notice.current?.focus(), [deactivation]);
  const claims = deactivation.releasedClaims;
  return (
    <div className="notice notice-success" ref={notice} tabIndex={-1}>
      <p className="notice-title">
        {deactivation.staffMember.name} deactivated; {claimsWord(claims.length)} released to the queues.
      </p>
      {claims.length > 0 ? (
        <ul>
          {claims.map((claim) => (
            <li key={claim.entrySummaryId}>
              <Link to={`filings/${claim.entrySummaryId}`}>{claim.entryNumber}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function AddStaffForm({ centerId, roles }: { centerId: string; roles: readonly CenterStaffRole[] }) {
  const id = useId();
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<CenterStaffRole>('ENTRY_SPECIALIST');
  const [add, { loading, error, reset }] = useMutation(ADD_STAFF_MEMBER, REFETCH_DIRECTORY);
  const submit = submitHandler(async () => {
    reset();
    const { data } = await add({ variables: { input: { centerId, name: name.trim(), email: email.trim(), role } } });
    if (!data) return;
    setName('');
    setEmail('');
    announce(`${data.addStaffMember.name} added as ${humanize(data.addStaffMember.role)}; they can sign in now.`);
  });
  return (
    <form onSubmit={submit} className="form" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add a person</h3>
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" required />
        </div>
        <div>
          <label htmlFor={`${id}-email`}>Email</label>
          <input id={`${id}-email`} type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="off" placeholder="jane.doe@cbp.example" required />
        </div>
        <div>
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as CenterStaffRole)}>
            <RoleOptions roles={roles} />
          </select>
        </div>
      </div>
      <ErrorNotice error={error} title="The person was not added" />
      <div>
        <button type="submit" disabled={loading}>
          {loading ? 'Adding…' : 'Add the staff member'}
        </button>
      </div>
    </form>
  );
}
