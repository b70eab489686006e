import { Page } from '../components/page';
import { Link } from '../router';

export function NotFoundPage({ reason }: { reason?: string }) {
  return (
    <Page title="Nothing here">
      <p>{reason ?? 'This address is not a page of the console.'}</p>
      <p>
        <Link to="">Go to your start page</Link>
      </p>
    </Page>
  );
}
