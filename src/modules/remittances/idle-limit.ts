import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../shared/errors.ts';

/** The refusal of an upload that stopped arriving: 408, naming the body. */
export function uploadIdle(seconds: number): AppError {
  return new AppError(
    'request_timeout',
    `The file stopped arriving: no byte for ${seconds} s; nothing was kept`,
    {
      fields: [
        {
          path: 'body',
          message: `no byte for ${seconds} s; nothing was kept, send the file again`,
          rule: 'upload_idle',
          params: { seconds },
        },
      ],
    },
  );
}

/**
 * A pass-through stage that fails the pipeline when no byte arrives for `seconds`. Its clock runs
 * only while the reader waits for bytes: `hold()` stops it while the reader is busy elsewhere (the
 * database writing a chunk), since a client held back by our own backpressure is not idle.
 * `onIdle` runs just before the failure, while the connection is still open (the route answers).
 */
export class IdleLimit extends Transform {
  #timer: NodeJS.Timeout | undefined;
  #held = true;
  #ended = false;

  constructor(
    readonly seconds: number,
    private readonly onIdle?: (error: AppError) => void,
  ) {
    super();
  }

  /** The reader is busy: bytes not arriving now are not the client's fault. */
  hold(): void {
    this.#held = true;
    clearTimeout(this.#timer);
  }

  /** The reader waits for bytes again: the clock restarts. */
  release(): void {
    this.#held = false;
    this.#arm();
  }

  #arm(): void {
    clearTimeout(this.#timer);
    if (this.#held || this.#ended || this.destroyed) return;
    this.#timer = setTimeout(() => {
      const error = uploadIdle(this.seconds);
      this.onIdle?.(error);
      this.destroy(error);
    }, this.seconds * 1000);
    this.#timer.unref();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.#arm();
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    // The whole body arrived (perhaps before the reader started): nothing is idle any more.
    this.#ended = true;
    this.hold();
    done();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    clearTimeout(this.#timer);
    done(error);
  }
}
