import QRCode from 'qrcode';

/** The QR code of `text` as an SVG data URL (the page's CSP allows `img-src data:`). */
export async function qrImageDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
