import QRCode from 'qrcode';

const options = { errorCorrectionLevel: 'M' as const, margin: 2 };

/** Renders a boarding-pass token as the QR image the apps show: SVG markup or a PNG data URL. */
export async function renderQr(token: string, format: 'svg' | 'png'): Promise<string> {
  return format === 'svg'
    ? QRCode.toString(token, { ...options, type: 'svg' })
    : QRCode.toDataURL(token, { ...options, width: 320 });
}
