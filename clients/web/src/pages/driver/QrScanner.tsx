import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';

/** The browser's built-in QR reader (Chrome on Android, Edge…); the button is hidden where there is none. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;
const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;

/** Turns the camera off. */
function stopTracks(stream: MediaStream): void {
  stream.getTracks().forEach((track) => track.stop());
}

export function QrScanner({ onToken }: { onToken(token: string): void }) {
  const { t } = useT('driver');
  const [open, setOpen] = useState(false);
  // Whether the camera failed; the text follows the language.
  const [problem, setProblem] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  // The caller's latest onToken, read when a code is found: a new function each render must not restart the camera.
  const onTokenRef = useRef(onToken);
  useEffect(() => {
    onTokenRef.current = onToken;
  }, [onToken]);

  useEffect(() => {
    if (!open || !Detector) return;
    // Closed while the camera was still starting (a slow permission prompt): the stream that arrives later is
    // stopped at once, or the camera would stay on with no scanner shown.
    let cancelled = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (cancelled || !video.current) return stopTracks(media);
        video.current.srcObject = media;
        await video.current.play();
        if (cancelled) return;
        timer = setInterval(async () => {
          const codes = await detector.detect(video.current!).catch(() => []);
          if (codes[0]?.rawValue && !cancelled) {
            setOpen(false);
            onTokenRef.current(codes[0].rawValue);
          }
        }, 300);
      })
      .catch(() => {
        if (!cancelled) setProblem(true);
      });
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
      if (stream) stopTracks(stream);
    };
  }, [open]);

  if (!Detector) return <span />;
  return (
    <div className="scanner">
      <button type="button" className="button" onClick={() => (setProblem(false), setOpen((o) => !o))}>
        {open ? t('scanner.stop') : t('scanner.start')}
      </button>
      {open && <video ref={video} className="scanner-video" muted playsInline />}
      {problem && <p className="muted small">{t('scanner.noCamera')}</p>}
    </div>
  );
}
