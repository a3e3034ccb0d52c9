/** Pages with no data of their own: not found, not allowed, and the empty state of a tab. */
import { Link } from 'react-router';
import { useDocumentTitle } from './use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <section className="empty-page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/patients">Go to the patient list</Link>.
      </p>
    </section>
  );
}

export function NotAllowedPage() {
  useDocumentTitle('Not allowed');
  return (
    <section className="empty-page">
      <h1>Not available for your role</h1>
      <p>
        Your role does not give access to this page. <Link to="/patients">Go to the patient list</Link>.
      </p>
    </section>
  );
}
