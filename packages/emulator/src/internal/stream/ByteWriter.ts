import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How to cut the byte stream into socket writes (the `chunk-bytes` and `split-utf8` faults). */
export interface WriteCutting {
  readonly chunkBytes?: number | undefined;
  readonly splitUtf8?: boolean | undefined;
}

/**
 * Writes response bytes the way the faults ask (N-byte writes, writes that end inside a
 * multi-byte character) while honouring backpressure: a `write()` that returns false
 * waits for 'drain' (or 'close'), so a slow client never makes the emulator buffer a
 * whole 100,000-token answer.
 *
 * @example
 * const writer = new ByteWriter(res, { chunkBytes: 1 }, closed.signal);
 * await writer.write(Buffer.from('data: {}\n\n')); // 10 writes of 1 byte
 */
export class ByteWriter {
  #lastWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly res: ServerResponse,
    private readonly cutting: WriteCutting,
    private readonly closed: AbortSignal,
  ) {}

  /** Writes `bytes`; resolves when the socket can take more. */
  async write(bytes: Buffer): Promise<void> {
    let waited = false;
    for (const piece of this.#pieces(bytes)) {
      if (this.closed.aborted) return;
      const accepted = this.#writePiece(piece);
      if (!accepted) {
        waited = true;
        await drained(this.res);
      }
    }
    // A fast client drains every write at once; give other sockets (and a 'close') a turn.
    if (!waited) await nextTurn();
  }

  /** Resolves once everything written so far has been handed to the operating system. */
  flushed(): Promise<void> {
    return this.#lastWrite;
  }

  #writePiece(piece: Buffer): boolean {
    let accepted = true;
    this.#lastWrite = new Promise((resolve) => {
      accepted = this.res.write(piece, () => resolve());
    });
    return accepted;
  }

  *#pieces(bytes: Buffer): Generator<Buffer> {
    const size = this.cutting.chunkBytes ?? bytes.length;
    for (let offset = 0; offset < bytes.length; offset += Math.max(size, 1)) {
      const piece = bytes.subarray(offset, offset + Math.max(size, 1));
      if (this.cutting.splitUtf8 === true) yield* splitInsideCharacter(piece);
      else yield piece;
    }
  }
}

/** Cuts after the lead byte of the last multi-byte character whose next byte is in the piece. */
function splitInsideCharacter(piece: Buffer): Buffer[] {
  for (let index = piece.length - 2; index >= 0; index -= 1) {
    const byte = piece[index] ?? 0;
    const next = piece[index + 1] ?? 0;
    if (byte >= 0xc0 && next >= 0x80 && next < 0xc0) return [piece.subarray(0, index + 1), piece.subarray(index + 1)];
  }
  return [piece];
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
