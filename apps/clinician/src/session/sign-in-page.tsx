/** The sign-in page: email and password, with the server's reason when sign-in is refused. */
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { isApiError } from '@ketapath/api-client';
import { useDocumentTitle } from '../shell/use-document-title';
import { formatDateTime } from '../data/dates';
import { useSessionState } from './session-context';

/** The lockout message names an ISO instant; show it in the reader's own time. */
function readableMessage(detail: string): string {
  return detail.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, (iso) => formatDateTime(iso));
}

export function SignInPage({ notice }: { notice: string | null }) {
  useDocumentTitle('Sign in');
  const { signIn } = useSessionState();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError(email.trim() === '' ? 'Enter your email address.' : 'Enter your password.');
      (email.trim() === '' ? emailRef : passwordRef).current?.focus();
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      await signIn({ email: email.trim(), password });
    } catch (e) {
      setError(isApiError(e) ? readableMessage(e.detail) : 'Sign-in failed. Try again.');
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form
        className="sign-in-card"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-describedby={error ? errorId : undefined}
      >
        <h1>
          <span className="brand">Ketapath</span> Sign in
        </h1>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <div role="alert" aria-live="assertive" id={errorId}>
          {error && <p className="banner banner-error">{error}</p>}
        </div>
        <div className="field">
          <label htmlFor="sign-in-email">Email</label>
          <input
            ref={emailRef}
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
            }}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            ref={passwordRef}
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
            required
          />
        </div>
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
