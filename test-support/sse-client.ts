/**
 * A Server-Sent Events reader for tests over real HTTP (the floor board's live stream): events one by one,
 * comments kept, with a time limit on each wait.
 */
import assert from 'node:assert/strict';

export interface SseEvent {
  event: string;
  data: any;
}

/** An open event stream, read event by event. */
export class EventStream {
  readonly #abort = new AbortController();
  #buffer = '';
  #reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  readonly #decoder = new TextDecoder();
  headers = new Headers();
  status = 0;
  comments: string[] = [];

  async open(url: string, cookie: string): Promise<this> {
    const response = await fetch(url, { headers: { cookie }, signal: this.#abort.signal });
    this.status = response.status;
    this.headers = response.headers;
    assert.ok(response.body);
    this.#reader = response.body.getReader();
    return this;
  }

  /** The next event (skipping comments), or a failure after `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const lines = block.split('\n');
        this.comments.push(...lines.filter((l) => l.startsWith(':')));
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event !== undefined && data !== undefined) return { event, data: JSON.parse(data) };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0 || !this.#reader) throw new Error('no event arrived in time');
      const chunk = await Promise.race([
        this.#reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => {
            reject(new Error('no event arrived in time'));
          }, left),
        ),
      ]);
      if (chunk.done) throw new Error('the stream ended');
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
    }
  }

  close(): void {
    this.#abort.abort();
  }
}
