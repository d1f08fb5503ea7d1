/**
 * Splitting a byte stream into lines of UTF-8 text, strictly: a byte sequence that is
 * not UTF-8 (a Latin-1 `é`, a UTF-16 file) is an error naming its line, never a U+FFFD
 * that would merge distinct ids, and a line may not grow past a fixed size, so an
 * input without line breaks is refused after reading that much rather than buffered
 * whole. Well-formed UTF-8 is as the Unicode Standard defines it (chapter 3, table 3-7).
 * @internal
 * @module
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { InputFileError } from './terminal.js';

/** The longest line the command-line readers accept, in bytes (1 MiB), line break not counted. */
export const MAX_LINE_BYTES = 1_048_576;

const LF = 0x0a;
const CR = 0x0d;
const LINE_BREAK = /\r\n|\r|\n/;
const CONVERT_HINT = 'the input must be UTF-8: convert it, e.g. iconv -f LATIN1 -t UTF-8 (or -f WINDOWS-1252, -f UTF-16, whatever it is written in)';

/**
 * Receives a stream's bytes chunk by chunk and calls `onLine` with each line, numbered
 * from 1, in order. A line ends at `\n`, `\r\n` or `\r` (as `node:readline` reads
 * them); the last one needs no line break. A UTF-8 byte order mark at the start is
 * dropped. Memory is one chunk plus the unfinished line, at most
 * {@link MAX_LINE_BYTES}. O(bytes).
 *
 * Every error is an {@link InputFileError} `NAME:LINE: what is wrong`, thrown once the
 * lines before that line have been handed on:
 * - a UTF-16 byte order mark (FF FE or FE FF) at the start, or a NUL byte in line 1
 *   (UTF-16 without a byte order mark);
 * - bytes that are not UTF-8, naming the first bad byte and where it is in the line;
 * - a line longer than `maxLineBytes`, detected as soon as that many bytes of it arrive.
 *
 * @example
 * ```ts
 * const lines = new Utf8Lines('votes.csv', (line, number) => console.log(number, line));
 * for await (const chunk of createReadStream('votes.csv')) lines.push(chunk);
 * lines.end();
 * ```
 */
export class Utf8Lines {
  readonly #name: string;
  readonly #onLine: (line: string, lineNumber: number) => void;
  readonly #maxLineBytes: number;
  // The first bytes, held until there are enough to recognise a byte order mark; null after.
  #head: Buffer | null = Buffer.alloc(0);
  // The bytes of the unfinished line, in pieces.
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  // Lines handed on so far: the number of the last one.
  #lines = 0;
  // The last chunk ended with CR: a LF opening the next one belongs to that line break.
  #afterCr = false;

  /**
   * @param name - How errors name the input: a path, or `<stdin>`.
   * @param onLine - Called with each line (without its line break) and its number; what
   *   it throws goes to the caller of {@link Utf8Lines.push} or {@link Utf8Lines.end}.
   * @param maxLineBytes - The longest line accepted, in bytes.
   */
  constructor(name: string, onLine: (line: string, lineNumber: number) => void, maxLineBytes = MAX_LINE_BYTES) {
    this.#name = name;
    this.#onLine = onLine;
    this.#maxLineBytes = maxLineBytes;
  }

  /**
   * Takes the next chunk of the input; calls `onLine` for each line it completes.
   * @param chunk - Bytes (a string chunk is taken as UTF-8 already decoded).
   */
  push(chunk: Uint8Array | string): void {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#head !== null) {
      bytes = Buffer.concat([this.#head, bytes]);
      if (bytes.length < 3) {
        this.#head = bytes;
        return;
      }
      bytes = this.#afterHead(bytes);
    }
    // Pieces no longer than a line may be, so only the line carried over can overflow.
    for (let offset = 0; offset < bytes.length; offset += this.#maxLineBytes) this.#piece(bytes.subarray(offset, offset + this.#maxLineBytes));
  }

  /** Ends the input: hands on the last line if it had no line break. */
  end(): void {
    if (this.#head !== null) this.#piece(this.#afterHead(this.#head));
    if (this.#pendingBytes > 0) this.#handOn(this.#takePending(Buffer.alloc(0)));
  }

  // Checks the start of the input and drops a UTF-8 byte order mark.
  #afterHead(head: Buffer): Buffer {
    this.#head = null;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new InputFileError(`${this.#name}:1: the input is UTF-16 (it starts with a UTF-16 byte order mark); ${CONVERT_HINT}`);
    }
    return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  }

  #piece(piece: Buffer): void {
    let start = 0;
    if (this.#afterCr) {
      this.#afterCr = false;
      if (piece[0] === LF) start = 1;
    }
    const last = Math.max(piece.lastIndexOf(LF), piece.lastIndexOf(CR));
    if (last < start) {
      this.#keep(piece.subarray(start));
      return;
    }
    if (this.#pendingBytes > 0) {
      const lf = piece.indexOf(LF, start);
      const cr = piece.indexOf(CR, start);
      const firstBreak = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      this.#checkLength(this.#pendingBytes + firstBreak - start);
    }
    // Only a CR that ends the piece can be the first half of a CR LF cut in two.
    this.#afterCr = last === piece.length - 1 && piece[last] === CR;
    // Whole lines, each ending with its line break; the rest waits for the next chunk.
    this.#handOn(this.#takePending(piece.subarray(start, last + 1)));
    this.#keep(piece.subarray(last + 1));
  }

  #keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#checkLength(this.#pendingBytes + bytes.length);
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
  }

  #checkLength(bytes: number): void {
    if (bytes > this.#maxLineBytes) {
      throw new InputFileError(`${this.#name}:${this.#lines + 1}: line longer than ${sizeName(this.#maxLineBytes)}, the most a line may hold: is it text with line breaks?`);
    }
  }

  // The unfinished line's bytes followed by `bytes`, as one buffer.
  #takePending(bytes: Buffer): Buffer {
    if (this.#pendingBytes === 0) return bytes;
    const joined = Buffer.concat([...this.#pending, bytes]);
    this.#pending = [];
    this.#pendingBytes = 0;
    return joined;
  }

  // Hands on the lines of `bytes`: whole lines, the last possibly without its line break.
  #handOn(bytes: Buffer): void {
    if (!isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      const lineStart = Math.max(lastBreakBefore(bytes, bad), 0);
      // The lines before the bad one are valid and come first, as in the file.
      this.#handOn(bytes.subarray(0, lineStart));
      const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
      throw new InputFileError(`${this.#name}:${this.#lines + 1}: not valid UTF-8 (byte 0x${byte} at byte ${bad - lineStart + 1} of the line); ${CONVERT_HINT}`);
    }
    if (bytes.length === 0) return;
    const lines = bytes.toString('utf8').split(LINE_BREAK);
    // Text ending with a line break splits into one empty string too many.
    const count = bytes[bytes.length - 1] === LF || bytes[bytes.length - 1] === CR ? lines.length - 1 : lines.length;
    for (let k = 0; k < count; k++) {
      const line = lines[k]!;
      if (this.#lines === 0 && line.includes('\u0000')) {
        throw new InputFileError(`${this.#name}:1: holds NUL bytes, as UTF-16 without a byte order mark does; ${CONVERT_HINT}`);
      }
      this.#onLine(line, ++this.#lines);
    }
  }
}

// 1048576 as "1 MiB", for messages.
function sizeName(bytes: number): string {
  return bytes % 1_048_576 === 0 ? `${bytes / 1_048_576} MiB` : `${bytes} bytes`;
}

// Where the line holding byte `index` starts: one past the last line break before it.
function lastBreakBefore(bytes: Buffer, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (bytes[i] === LF || bytes[i] === CR) return i + 1;
  return 0;
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8 sequence (the
 * Unicode Standard, table 3-7: no overlong forms, no surrogates, nothing past
 * U+10FFFF), or -1 when every byte does. O(bytes).
 *
 * @param bytes - Any bytes.
 * @returns The offset, or -1 for valid UTF-8.
 * @example
 * ```ts
 * firstInvalidUtf8(Buffer.from([0x63, 0x61, 0x66, 0xe9])); // 3: a Latin-1 é
 * ```
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    // The second byte's range is narrower after E0, ED, F0 and F4.
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      trailing = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      return i;
    }
    for (let k = 1; k <= trailing; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += trailing + 1;
  }
  return -1;
}
