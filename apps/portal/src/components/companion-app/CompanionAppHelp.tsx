import { useId, useRef } from 'react';
import { ui } from '@uia/i18n';
import { SITE_PATHS, type CompanionApp } from '@uia/schemas';
import { fill } from '../../text.ts';

const t = ui.companionApp;

/**
 * 如何获取App: a link-styled button under the QR that opens a modal dialog
 * (native <dialog>: focus moves in, Esc closes, focus returns to the button)
 * with the native app's store pages where configured, and the web app:
 * a second QR of its address (for the phone's camera), the address itself,
 * and the 添加到主屏幕 steps for iPhone and Android.
 */
export function CompanionAppHelp({ app }: { app: CompanionApp }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const named = { app: app.name };
  const close = () => dialog.current?.close();
  const stores: { url: string; label: string }[] = [];
  if (app.iosUrl) stores.push({ url: app.iosUrl, label: t.iosStore });
  if (app.androidUrl) stores.push({ url: app.androidUrl, label: t.androidStore });

  return (
    <>
      <button type="button" className="link-button app-help-open" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {fill(t.helpOpen, named)}
      </button>
      {/* A click on the backdrop (the dialog element itself, outside its content) closes it too. */}
      <dialog
        ref={dialog}
        className="app-help"
        aria-labelledby={titleId}
        onClick={(event) => {
          if (event.target === event.currentTarget) close();
        }}
      >
        <div className="app-help-body">
          <div className="app-help-head">
            <h2 id={titleId} className="app-help-title">
              {fill(t.helpTitle, named)}
            </h2>
            <button type="button" className="button button-outline app-help-close" onClick={close}>
              {t.close}
            </button>
          </div>
          {stores.length > 0 && (
            <section className="app-help-section">
              <h3>{t.storeTitle}</h3>
              <ul className="app-help-stores">
                {stores.map((store) => (
                  <li key={store.url}>
                    <a href={store.url} target="_blank" rel="noopener noreferrer">
                      {store.label}
                      <span className="visually-hidden">{t.opensNewPage}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="app-help-section">
            <h3>{t.webTitle}</h3>
            <div className="app-help-web">
              <img className="app-help-qr" src={SITE_PATHS.companionAppQr} alt={fill(t.webQrAlt, named)} width={144} height={144} loading="lazy" />
              <p>
                {t.webText}
                <br />
                <a href={app.webUrl} target="_blank" rel="noopener" className="app-help-url">
                  {app.webUrl}
                  <span className="visually-hidden">{t.opensNewPage}</span>
                </a>
              </p>
            </div>
            <h3>{t.homeScreenTitle}</h3>
            <div className="app-help-steps">
              {[
                { title: t.iosTitle, steps: t.iosSteps },
                { title: t.androidTitle, steps: t.androidSteps },
              ].map((platform) => (
                <div key={platform.title}>
                  <h4>{platform.title}</h4>
                  <ol>
                    {platform.steps.map((step) => (
                      <li key={step}>{step}</li>
                    ))}
                  </ol>
                </div>
              ))}
            </div>
            <p className="app-help-after">{fill(t.afterInstall, named)}</p>
          </section>
        </div>
      </dialog>
    </>
  );
}
