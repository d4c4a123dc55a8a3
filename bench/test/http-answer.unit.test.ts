import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../lib/http-answer';

const lengthAnswer = (body: string, status = 200) =>
  Buffer.from(
    `HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
const chunkedAnswer = (chunks: string[]) =>
  Buffer.from(
    `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${chunks
      .map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`)
      .join('')}0\r\n\r\n`,
  );

describe("the load generator's HTTP answers", () => {
  it('reads an answer by its Content-Length, multi-byte characters included, and says where it ends', () => {
    const body = '{"data":{"holdSeats":{"id":"Kigali → Musanze"}}}';
    const bytes = lengthAnswer(body);
    expect(parseAnswer(bytes)).toEqual({ answer: { status: 200, text: body }, end: bytes.length });
  });

  it('reads a chunked answer', () => {
    const bytes = chunkedAnswer(['{"errors":[{"extensions":', '{"code":"SEAT_UNAVAILABLE"}}]}']);
    expect(parseAnswer(bytes)).toEqual({
      answer: { status: 200, text: '{"errors":[{"extensions":{"code":"SEAT_UNAVAILABLE"}}]}' },
      end: bytes.length,
    });
  });

  it('waits for the rest of an answer cut anywhere, and reads only the first of two', () => {
    for (const whole of [lengthAnswer('{"data":null}', 403), chunkedAnswer(['{"da', 'ta":{}}'])]) {
      for (let cut = 0; cut < whole.length; cut++) expect(parseAnswer(whole.subarray(0, cut))).toBeUndefined();
      const two = Buffer.concat([whole, lengthAnswer('{}')]);
      const first = parseAnswer(two)!;
      expect(first.end).toBe(whole.length);
      expect(parseAnswer(two.subarray(first.end))!.answer).toEqual({ status: 200, text: '{}' });
    }
  });

  it('refuses what it cannot read', () => {
    expect(() => parseAnswer(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP answer/);
    expect(() => parseAnswer(Buffer.from('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{}'))).toThrow(
      /without a length/,
    );
    expect(() => parseAnswer(Buffer.from('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'))).toThrow(
      /malformed chunk/,
    );
  });
});
