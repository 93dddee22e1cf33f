import { useEffect, useRef, useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';

const text = ui.console.clients;

/** A client secret, shown this once (the server keeps only its hash): copy button, warning, 我已保存. */
export function SecretOnce({ clientId, name, secret, onDismiss }: { clientId: string; name: string; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const box = useRef<HTMLElement>(null);
  // The keyboard goes to the secret, after the page's result notice took it (that happens in a frame too).
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => box.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(text.copied);
    } catch {
      setCopied(text.copyFailed);
    }
  }
  return (
    <section ref={box} className="panel secret-once" tabIndex={-1} aria-labelledby="secret-title">
      <h2 id="secret-title">{text.secretTitle}</h2>
      <p className="warning" role="alert">
        {text.secretWarning}
      </p>
      <p>{fillTemplate(text.secretFor, { name, clientId })}</p>
      <p>
        <code className="secret" data-testid="client-secret">
          {secret}
        </code>
      </p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {text.copy}
        </button>
        <button type="button" className="button button-ghost" onClick={onDismiss}>
          {text.dismissSecret}
        </button>
        <span role="status">{copied}</span>
      </div>
    </section>
  );
}
