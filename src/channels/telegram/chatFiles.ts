import type { Api, Context } from 'grammy';
import type { ChatFile } from '../../app/telegram/decideUpdate.js';
import type { TelegramSettings } from '../../config.js';
import { BOT_API_TIMEOUT_SECONDS } from './sender.js';

/**
 * The photo (its largest size) or document a message carries, downloaded from the Bot API's file
 * endpoint within the same timeout as every Bot API call; null when the message has none.
 */
export async function downloadChatFile(
  settings: Pick<TelegramSettings, 'apiRoot' | 'token'>,
  api: Api,
  message: Context['message'],
): Promise<ChatFile | null> {
  const file = message?.document ?? message?.photo?.at(-1);
  if (!file) return null;
  const fileName = message?.document?.file_name ?? `photo-${file.file_unique_id}.jpg`;
  const info = await api.getFile(file.file_id);
  const response = await fetch(`${settings.apiRoot}/file/bot${settings.token}/${info.file_path}`, {
    signal: AbortSignal.timeout(BOT_API_TIMEOUT_SECONDS * 1000),
  });
  if (!response.ok) throw new Error(`file download answered ${response.status}`);
  return { fileName, data: Buffer.from(await response.arrayBuffer()) };
}
