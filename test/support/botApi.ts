import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  message_id: number;
  chat_id: number;
  text: string;
  reply_markup?: {
    keyboard?: { text: string; request_contact?: boolean }[][];
    inline_keyboard?: { text: string; callback_data: string }[][];
  };
}

/**
 * A Bot API server on loopback with the methods the desk's bot uses: updates the test pushes are served
 * to getUpdates (each once, whatever its update_id, so a test can deliver one again), and what the bot
 * sends is kept for the test to read. Files named in getFile are served from /file/bot<token>/.
 */
/** How the fake answers one sendMessage instead of taking it: a rate limit or a server error. */
export type SendFault = { error_code: 429; retry_after: number } | { error_code: 500 };

export class FakeBotApi {
  readonly sent: SentMessage[] = [];
  /** Each sendMessage waits this long before answering, as a slow or distant Bot API does. */
  sendDelayMs = 0;
  /** Asked before each sendMessage: a fault to answer with instead, or null to take the message. */
  sendFault: ((text: string) => SendFault | null) | null = null;
  readonly files = new Map<string, Buffer>();
  private queue: Record<string, unknown>[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private waiting: (() => void)[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request)
        .then((body) => {
          if (Buffer.isBuffer(body)) {
            response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
            return;
          }
          response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ok: true, result: body }));
        })
        .catch((error: Error & { fault?: SendFault }) => {
          if (error.fault) {
            const { error_code, ...parameters } = error.fault;
            response.writeHead(error_code, { 'content-type': 'application/json' }).end(
              JSON.stringify({
                ok: false,
                error_code,
                description: error_code === 429 ? 'Too Many Requests' : 'Internal Server Error',
                ...(error_code === 429 ? { parameters } : {}),
              }),
            );
            return;
          }
          response
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ok: false, error_code: 400, description: error.message }));
        });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Queues an update; returns its update_id (give one to deliver an update again). */
  push(update: Record<string, unknown>, updateId = this.nextUpdateId++): number {
    this.queue.push({ update_id: updateId, ...update });
    for (const wake of this.waiting.splice(0)) wake();
    return updateId;
  }

  /** Waits until the bot has sent a message matching the test. */
  async sentMatching(test: (message: SentMessage) => boolean, timeoutMs = 5000): Promise<SentMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.sent.find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(
      `the bot sent nothing matching; it sent:\n${this.sent.map((message) => message.text).join('\n---\n')}`,
    );
  }

  private async handle(request: IncomingMessage): Promise<unknown> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = url.pathname.match(/^\/file\/bot[^/]+\/(.+)$/);
    if (file) {
      const data = this.files.get(decodeURIComponent(file[1] ?? ''));
      if (!data) throw new Error('no such file');
      return data;
    }
    const method = url.pathname.split('/').at(-1) ?? '';
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const params = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    switch (method) {
      case 'getMe':
        return { id: 999, is_bot: true, first_name: 'Supportdesk', username: 'supportdesk_test_bot' };
      case 'getUpdates': {
        if (this.queue.length === 0) {
          await new Promise<void>((resolve) => {
            this.waiting.push(resolve);
            setTimeout(resolve, 200);
          });
        }
        return this.queue.splice(0);
      }
      case 'sendMessage': {
        if (this.sendDelayMs) await new Promise((resolve) => setTimeout(resolve, this.sendDelayMs));
        const fault = this.sendFault?.(String(params.text)) ?? null;
        if (fault) throw Object.assign(new Error('fault'), { fault });
        const message: SentMessage = {
          message_id: this.nextMessageId++,
          chat_id: Number(params.chat_id),
          text: String(params.text),
          ...(params.reply_markup
            ? { reply_markup: params.reply_markup as SentMessage['reply_markup'] }
            : {}),
        };
        this.sent.push(message);
        return {
          message_id: message.message_id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: message.chat_id, type: 'private' },
          text: message.text,
        };
      }
      case 'getFile':
        return {
          file_id: params.file_id,
          file_unique_id: String(params.file_id),
          file_path: `files/${params.file_id}`,
        };
      case 'answerCallbackQuery':
      case 'deleteWebhook':
      case 'setWebhook':
        return true;
      default:
        throw new Error(`method ${method} is not part of this fake`);
    }
  }
}
