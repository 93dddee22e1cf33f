import { mount } from '@uia/web';
import { App } from './App.tsx';
import '@uia/web/base.css';
import './styles.css';

mount(<App />);

// The app shell for offline start (never the API: see sw-template.js).
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {
      /* no offline start; the app works the same online */
    });
  });
}
