import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Page } from '../components/page';
import { humanize } from '../format';
import { homeOf } from '../home';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

interface SeededUser {
  email: string;
  name: string;
  role: string;
  centerId: string | null;
}

type Picker = { state: 'loading' } | { state: 'off' } | { state: 'ready'; users: SeededUser[] } | { state: 'failed'; message: string };

/** The development sign-in the gateway serves outside production (404 in production). */
async function loadSeededUsers(): Promise<Picker> {
  const response = await fetch('/dev/sign-in', { headers: { accept: 'application/json' } }).catch(() => null);
  if (!response) return { state: 'failed', message: 'The gateway could not be reached' };
  if (response.status === 404) return { state: 'off' };
  if (!response.ok) return { state: 'failed', message: `The gateway answered ${response.status}` };
  const body = (await response.json()) as { users: SeededUser[] };
  return { state: 'ready', users: body.users };
}

function groupUsers(users: SeededUser[]): Array<{ label: string; users: SeededUser[] }> {
  const groups = new Map<string, SeededUser[]>();
  for (const user of users) {
    const group =
      user.role === 'ADMIN'
        ? 'CBP headquarters'
        : user.role === 'IMPORTER'
          ? user.centerId
            ? 'Importers participating in a Center'
            : 'Importers not participating'
          : `${humanize(user.centerId).replace(/\b\w/g, (c) => c.toUpperCase())} Center staff`;
    groups.set(group, [...(groups.get(group) ?? []), user]);
  }
  return [...groups].map(([label, members]) => ({ label, users: members }));
}

/**
 * Sign-in: in development a picker of the seeded users (the gateway signs a token for the one
 * chosen, as `npm run token` does); anywhere, a token from the identity provider pasted in.
 */
export function SignInPage() {
  const { signIn, endedBecause } = useSession();
  const { search } = useLocation();
  const [picker, setPicker] = useState<Picker>({ state: 'loading' });
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = useMemo(() => (picker.state === 'ready' ? groupUsers(picker.users) : []), [picker]);

  useEffect(() => {
    let current = true;
    void loadSeededUsers().then((loaded) => {
      if (current) setPicker(loaded);
    });
    return () => {
      current = false;
    };
  }, []);

  const enter = (bearer: string) => {
    const viewer = signIn(bearer);
    navigate(search.get('next') ?? homeOf(viewer), { replace: true });
  };

  const pick = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!email) {
      setProblem('Choose who to sign in as');
      return;
    }
    setBusy(true);
    try {
      const response = await fetch('/dev/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      const body = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !body.token) throw new Error(body.error ?? `The gateway answered ${response.status}`);
      enter(body.token);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };

  const paste = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      enter(token.replace(/^Bearer\s+/i, ''));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Page title="Sign in">
      {endedBecause ? (
        <p className="notice" role="status">
          {endedBecause}
        </p>
      ) : null}
      {problem ? (
        <div className="notice notice-error" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {picker.state === 'ready' ? (
        <section aria-labelledby="pick-heading" className="panel">
          <h2 id="pick-heading">Sign in as a seeded user (development)</h2>
          <p className="hint">This picker exists only outside production; there, people sign in through CBP&apos;s identity provider.</p>
          <form onSubmit={pick} className="form">
            <label htmlFor="sign-in-user">User</label>
            <select id="sign-in-user" value={email} onChange={(event) => setEmail(event.target.value)} required>
              <option value="">Choose a user…</option>
              {groups.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.users.map((user) => (
                    <option key={user.email} value={user.email}>
                      {user.name} — {humanize(user.role)} ({user.email})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <div>
              <button type="submit" disabled={busy}>
                {busy ? 'Signing in…' : 'Sign in'}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {picker.state === 'loading' ? <p role="status">Looking for the development sign-in…</p> : null}
      {picker.state === 'failed' ? <p className="notice notice-error">The development sign-in is unavailable: {picker.message}</p> : null}
      <section aria-labelledby="token-heading" className="panel">
        <h2 id="token-heading">Sign in with a token</h2>
        <form onSubmit={paste} className="form">
          <label htmlFor="sign-in-token">Token from your identity provider</label>
          <textarea id="sign-in-token" rows={4} value={token} onChange={(event) => setToken(event.target.value)} spellCheck={false} autoComplete="off" required />
          <p className="hint">A JSON Web Token for CEE Hub (in development, <code>npm run token -- &lt;email&gt;</code> prints one).</p>
          <div>
            <button type="submit">Sign in with this token</button>
          </div>
        </form>
      </section>
    </Page>
  );
}
