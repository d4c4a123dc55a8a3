/** HTTP/1.1 answers as the load generator (http-load.ts) reads them off its sockets. */
export interface Answer {
  status: number;
  text: string;
}

const HEADERS_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/**
 * The answer at the start of `data` and where it ends, or undefined while it is incomplete. Throws on what is not
 * an HTTP/1.1 answer this generator can read.
 */
export function parseAnswer(data: Buffer): { answer: Answer; end: number } | undefined {
  const headersEnd = data.indexOf(HEADERS_END);
  if (headersEnd < 0) return undefined;
  const head = data.toString('latin1', 0, headersEnd);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  if (!status) throw new Error(`not an HTTP answer: ${head.slice(0, 80)}`);
  const start = headersEnd + HEADERS_END.length;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  if (length !== undefined) {
    const end = start + Number(length);
    return data.length < end ? undefined : { answer: { status, text: data.toString('utf8', start, end) }, end };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) throw new Error('an answer without a length');
  const chunks: Buffer[] = [];
  for (let at = start; ;) {
    const sizeEnd = data.indexOf(LINE_END, at);
    if (sizeEnd < 0) return undefined;
    const size = parseInt(data.toString('latin1', at, sizeEnd), 16);
    if (Number.isNaN(size)) throw new Error('a malformed chunk');
    const chunkEnd = sizeEnd + LINE_END.length + size;
    // Each chunk, the last (empty) one included, ends with CRLF (no trailers are sent to this generator).
    if (data.length < chunkEnd + LINE_END.length) return undefined;
    if (size === 0)
      return { answer: { status, text: Buffer.concat(chunks).toString('utf8') }, end: chunkEnd + LINE_END.length };
    chunks.push(data.subarray(sizeEnd + LINE_END.length, chunkEnd));
    at = chunkEnd + LINE_END.length;
  }
}
