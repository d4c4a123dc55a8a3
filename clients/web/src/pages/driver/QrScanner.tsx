import { useEffect, useRef, useState } from 'react';

/** The browser's built-in QR reader (Chrome on Android, Edge…); the button is hidden where there is none. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;
const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;

export function QrScanner({ onToken }: { onToken(token: string): void }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
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
      .catch(() => setProblem('The camera is not available. Paste the pass code instead.'));
    return () => {
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open, onToken]);

  if (!Detector) return <span />;
  return (
    <div className="scanner">
      <button type="button" className="button" onClick={() => (setProblem(null), setOpen((o) => !o))}>
        {open ? 'Stop camera' : 'Scan with camera'}
      </button>
      {open && <video ref={video} className="scanner-video" muted playsInline />}
      {problem && <p className="muted small">{problem}</p>}
    </div>
  );
}
