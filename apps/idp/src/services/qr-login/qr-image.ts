import QRCode from 'qrcode';

/** The QR code of `text` as an SVG document. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The QR code of `text` as an SVG data URL (the page's CSP allows `img-src data:`). */
export async function qrImageDataUrl(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString('base64')}`;
}
