import { useQuery } from '@apollo/client';
import { CenterContactSection, DirectoryLogSection } from '../components/center-contact-admin';
import { ErrorNotice } from '../components/error-notice';
import { CenterSelect } from '../components/labelled-select';
import { Loading, Page } from '../components/page';
import { StaffSection, type StaffKeeper } from '../components/staff-admin';
import { CENTER_DIRECTORY } from '../graphql/directory-admin.operations';
import { CenterStaffRole } from '../graphql/generated/graphql';
import { useCenterName } from '../hooks/use-center-name';
import { replaceParams, useLocation } from '../router';
import { useViewer, type Viewer } from '../session';

/** Whether the viewer keeps a Center's people and contact block: CBP admins any Center's, a Center's director their own. */
export function keepsDirectory(viewer: Viewer | null): boolean {
  return viewer?.role === 'ADMIN' || viewer?.role === 'CENTER_DIRECTOR';
}

const ALL_ROLES = Object.values(CenterStaffRole);

/**
 * A Center's people, public contact block and audit log, for those who keep them: an admin
 * picks the Center (kept in the address, `?center=`), a Center's director sees their own.
 */
export function StaffAdminPage() {
  const viewer = useViewer();
  const { search } = useLocation();
  const admin = viewer.role === 'ADMIN';
  const centerId = admin ? (search.get('center') ?? '') : (viewer.centerId ?? '');
  const centerName = useCenterName(centerId);
  // Directors (and HQ admins) are appointed by admins: a director adds and re-roles everyone else.
  const keeper: StaffKeeper = { admin, roles: admin ? ALL_ROLES : ALL_ROLES.filter((role) => role !== 'CENTER_DIRECTOR') };
  return (
    <Page
      title={admin ? 'Staff and contacts' : `${centerName} staff and contacts`}
      intro={<p>The people of a Center and their roles, its public contact block, and who changed them. A person added can sign in at once; a person deactivated leaves the lists and their claimed review steps go back to the queues.</p>}
    >
      {admin ? (
        <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Choose a Center">
          <CenterSelect id="staff-center" label="Center" value={centerId} onChange={(value) => replaceParams('staff', search, { center: value })} first={{ value: '', label: 'Choose a Center…' }} />
        </form>
      ) : null}
      {centerId ? <CenterDirectory key={centerId} centerId={centerId} keeper={keeper} /> : <p>Choose a Center to see its staff, its contact block and its audit log.</p>}
    </Page>
  );
}

function CenterDirectory({ centerId, keeper }: { centerId: string; keeper: StaffKeeper }) {
  const { data, loading, error } = useQuery(CENTER_DIRECTORY, { variables: { id: centerId } });
  const center = data?.center;
  return (
    <>
      <ErrorNotice error={error} title="The Center's directory could not be loaded" />
      {loading && !center ? <Loading what="the Center's staff" /> : null}
      {center ? (
        <>
          <StaffSection center={center} keeper={keeper} />
          <CenterContactSection center={center} />
          <DirectoryLogSection centerId={centerId} />
        </>
      ) : null}
    </>
  );
}
