/**
 * What an uploaded file really is, from its bytes, and a file name safe to
 * store and send back. The client's content type and the name's extension are
 * never trusted alone: the extension must agree with the bytes.
 */

export type FileKind = { ext: string; contentType: string };

export const ALLOWED_FILES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export type FileCheck = { ok: true; fileName: string; kind: FileKind } | { ok: false; reason: 'bad_name' | 'type_not_allowed' | 'content_mismatch' | 'empty' };

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean => signature.every((b, i) => bytes[i] === b);

/** Well-formed UTF-8 (no overlong forms, no surrogates) with no NUL byte: what a text or CSV file holds. */
export const isUtf8Text = (bytes: Uint8Array): boolean => {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0) return false;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return false;
    const b1 = bytes[i + 1] as number;
    if (b === 0xe0 && b1 < 0xa0) return false;
    if (b === 0xed && b1 > 0x9f) return false;
    if (b === 0xf0 && b1 < 0x90) return false;
    if (b === 0xf4 && b1 > 0x8f) return false;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
};

const latin1 = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
};

/** The bytes of an Office Open XML file start a zip whose first entry names its parts. */
const isOfficeZip = (bytes: Uint8Array): boolean => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && latin1(bytes.subarray(0, 2048)).includes('[Content_Types].xml');

const MATCHES: Readonly<Record<string, (bytes: Uint8Array) => boolean>> = {
  pdf: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  jpeg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  docx: isOfficeZip,
  xlsx: isOfficeZip,
  pptx: isOfficeZip,
  txt: isUtf8Text,
  csv: isUtf8Text,
};

/**
 * The last path segment of a name, without control characters, bidirectional
 * controls, reserved characters or leading dots, at most 120 characters (keeping the extension);
 * null when nothing usable is left.
 */
export const safeFileName = (name: string): string | null => {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    // Bidirectional controls let `invoice\u202Efdp.exe` display as `invoiceexe.pdf`.
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!cleaned || !/\.[A-Za-z0-9]{1,8}$/.test(cleaned)) return null;
  if ([...cleaned].length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  return [...cleaned.slice(0, dot)].slice(0, 120 - (cleaned.length - dot)).join('') + cleaned.slice(dot);
};

export const checkFile = (name: string, bytes: Uint8Array): FileCheck => {
  const fileName = safeFileName(name);
  if (!fileName) return { ok: false, reason: 'bad_name' };
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const ext = (fileName.split('.').pop() ?? '').toLowerCase();
  const contentType = ALLOWED_FILES[ext];
  const matches = MATCHES[ext];
  if (!contentType || !matches) return { ok: false, reason: 'type_not_allowed' };
  if (!matches(bytes)) return { ok: false, reason: 'content_mismatch' };
  return { ok: true, fileName, kind: { ext, contentType } };
};

/** RFC 6266 / 5987 Content-Disposition for a download: an ASCII fallback and the UTF-8 name. */
export const contentDisposition = (fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
