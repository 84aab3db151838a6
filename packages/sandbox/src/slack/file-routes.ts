import type { IncomingMessage, ServerResponse } from 'node:http';
import { deliverAnswer } from '../faults.ts';
import { readBody } from '../http.ts';
import { sniffFile } from './file-kind.ts';
import { receiveUpload } from './files.ts';
import type { SlackStore } from './store.ts';
import { applyFault, logRequest, type WebApiDeps } from './web-api.ts';
import { sendHtml } from './web-view.ts';

/** Handles a POST to an upload URL (`upload` in the request log and for faults). */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebApiDeps,
  fileId: string,
): Promise<void> {
  const body = await readBody(req);
  const record = logRequest(deps, 'upload', { file_id: fileId, bytes: body.length });
  const fault = deps.faults.take('upload');
  if (await applyFault(fault, res, record)) return;
  const { status, text } = await receiveUpload(req, body, deps, fileId);
  record.ok = status === 200;
  const delivery = await deliverAnswer(fault, res, () => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  });
  record.status = delivery === 'sent' ? status : 0;
}

/**
 * Serves `GET /files/<id>[/…]` (url_private, its permalink and download forms). Images are served inline
 * with their detected type, so the web page can show them in `<img>`; text as `text/plain`; anything else,
 * and any `…/download/…` URL, as a download. Like the web page, it needs no token: it answers on 127.0.0.1.
 */
export function sendFile(res: ServerResponse, store: SlackStore, path: string): void {
  const [id = '', ...rest] = path.split('/');
  const file = store.uploads.get(id);
  if (!file?.bytes) {
    sendHtml(res, 404, '<!doctype html><title>Not found</title><p>No such file.</p>');
    return;
  }
  const kind = sniffFile(file.bytes);
  const download = rest[0] === 'download' || (!kind.isImage && kind.filetype !== 'text');
  res.writeHead(200, {
    'content-type': kind.filetype === 'text' ? 'text/plain; charset=utf-8' : kind.mimetype,
    'content-length': file.bytes.length,
    // The bytes are untrusted: never let a browser run or reinterpret them.
    'content-security-policy': "default-src 'none'; sandbox",
    'x-content-type-options': 'nosniff',
    ...(download
      ? { 'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"` }
      : {}),
  });
  res.end(file.bytes);
}
