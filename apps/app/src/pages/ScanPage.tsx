import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ui } from '@uia/i18n';
import { navigate } from '@uia/web';
import { useCamera, type CameraProblem } from '../camera.ts';
import { Icon } from '../components/Icons.tsx';
import { Screen } from '../components/Layout.tsx';
import { createQrDecoder, type QrDecoder } from '../qr-decode.ts';
import { paths, qrIdFromScan } from '../router.ts';

const s = ui.app.scan;
/** About 5 decodes a second. */
const SCAN_INTERVAL_MS = 200;

function problemText(problem: CameraProblem): string {
  return problem === 'denied' ? s.cameraDenied : problem === 'insecure' ? s.cameraInsecure : s.cameraUnavailable;
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * 扫一扫: the back camera, a QR decoder ~5 times a second; a code of this
 * platform (`<this origin>/app/qr/<id>`) opens 确认登录, anything else is
 * refused with a message. The camera is off whenever the page is left or hidden.
 */
export function ScanPage() {
  const visible = usePageVisible();
  const [done, setDone] = useState(false);
  const camera = useCamera('environment', visible && !done);
  const { videoRef, stop } = camera;
  const [message, setMessage] = useState<string | null>(null);
  const decoderRef = useRef<Promise<QrDecoder> | null>(null);
  const live = camera.status.state === 'live';

  function decoder(): Promise<QrDecoder> {
    decoderRef.current ??= createQrDecoder();
    return decoderRef.current;
  }

  /** A decoded text: ours → 确认登录; anything else → the message. */
  function handle(text: string): boolean {
    const id = qrIdFromScan(text);
    if (!id) {
      setMessage(s.foreign);
      return false;
    }
    setDone(true);
    stop();
    navigate(paths.qr(id), { replace: true });
    return true;
  }
  const handleRef = useRef(handle);
  handleRef.current = handle;

  useEffect(() => {
    if (!live) return;
    let cancelled = false;
    let timer = 0;
    let last: string | null = null;
    const tick = async () => {
      if (cancelled) return;
      const video = videoRef.current;
      try {
        const found = video && video.readyState >= 2 ? await (await decoder()).decode(video) : null;
        if (cancelled) return;
        // The same foreign code again and again: one message, no flicker.
        if (found && found !== last) {
          last = found;
          if (handleRef.current(found)) return;
        }
      } catch {
        /* a frame the decoder could not read: try the next one */
      }
      if (!cancelled) timer = window.setTimeout(() => void tick(), SCAN_INTERVAL_MS);
    };
    timer = window.setTimeout(() => void tick(), SCAN_INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [live, videoRef]);

  async function onPick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const bitmap = await createImageBitmap(file);
      try {
        const found = await (await decoder()).decode(bitmap, { thorough: true });
        if (!found) setMessage(s.albumNotFound);
        else handle(found);
      } finally {
        bitmap.close();
      }
    } catch {
      setMessage(s.albumNotFound);
    }
  }

  const problem = camera.status.state === 'error' ? camera.status.problem : null;

  return (
    <Screen title={s.pageTitle} back={paths.home} variant="dark">
      <div className="scan">
        <video ref={videoRef} className="scan-video" muted playsInline autoPlay hidden={!live} aria-hidden="true" />
        <div className="scan-overlay">
          <div className="scan-finder" role="img" aria-label={s.viewfinderLabel}>
            <span className="scan-corner tl" />
            <span className="scan-corner tr" />
            <span className="scan-corner bl" />
            <span className="scan-corner br" />
            {live && <span className="scan-line" />}
          </div>
          <p className="scan-hint">{live ? s.hint : problem ? '' : s.starting}</p>
          <div className="scan-messages" aria-live="assertive">
            {problem && (
              <div className="scan-message" role="alert">
                <p>{problemText(problem)}</p>
                <button type="button" className="button button-ghost button-small scan-retry" onClick={camera.restart}>
                  {ui.app.retry}
                </button>
              </div>
            )}
            {message && (
              <p className="scan-message" role="alert">
                {message}
              </p>
            )}
          </div>
          <div className="scan-tools">
            <label className="scan-album">
              <input type="file" accept="image/*" className="visually-hidden" onChange={(e) => void onPick(e)} />
              <Icon name="image" />
              <span>{s.fromAlbum}</span>
            </label>
          </div>
        </div>
      </div>
    </Screen>
  );
}
