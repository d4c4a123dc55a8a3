import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';

/** The browser's built-in QR reader (Chrome on Android, Edge…); the button is hidden where there is none. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;
const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;

export function QrScanner({ onToken }: { onToken(token: string): void }) {
  const { t } = useT('driver');
  const [open, setOpen] = useState(false);
  // Whether the camera failed; the text follows the language.
  const [problem, setProblem] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!open || !Detector) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (!video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        timer = setInterval(async () => {
          const codes = await detector.detect(video.current!).catch(() => []);
          if (codes[0]?.rawValue) {
            setOpen(false);
            onToken(codes[0].rawValue);
          }
        }, 300);
      })
      .catch(() => setProblem(true));
    return () => {
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open, onToken]);

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
