import { ui } from '@uia/i18n';

const t = ui.companionApp;

/**
 * 在手机App中打开, in place of the QR on a phone's browser (it cannot scan its
 * own screen): the QR's confirm page (`…/app/qr/<id>`, what the QR encodes) in
 * a new page, so this one stays and completes the login once it is confirmed.
 */
export function OpenInApp({ url }: { url: string }) {
  return (
    <a className="open-in-app" href={url} target="_blank" rel="noopener">
      <svg className="open-in-app-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect x="6" y="2.5" width="12" height="19" rx="2" />
        <path d="M10.5 18.5h3" />
      </svg>
      <span>{t.openInApp}</span>
      <span className="visually-hidden">{t.opensNewPage}</span>
    </a>
  );
}
