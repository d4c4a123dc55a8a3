import QRCode from 'qrcode';

/** Renders a boarding-pass token as the QR images the apps show. */
export async function renderQr(token: string): Promise<{ svg: string; pngDataUrl: string }> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
  const [svg, pngDataUrl] = await Promise.all([
    QRCode.toString(token, { ...options, type: 'svg' }),
    QRCode.toDataURL(token, { ...options, width: 320 }),
  ]);
  return { svg, pngDataUrl };
}
