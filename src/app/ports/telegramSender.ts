/** Buttons under a message: a reply keyboard asking for the phone, or inline choices. */
export type Keyboard =
  | { kind: 'phone'; label: string }
  | { kind: 'choices'; rows: { text: string; data: string }[][] }
  | { kind: 'none' };

/** The outbound port of the Telegram channel: what the desk says in a chat. */
export interface TelegramSender {
  /** Sends a text (split to Telegram's limits); returns the id of the last message sent. */
  send(chatId: number, text: string, keyboard?: Keyboard): Promise<number>;
  /**
   * Sends one message within Telegram's limits, with buttons under it if given, and returns its id.
   * When Telegram asks to wait (429) it throws RetryLater with the pause it named.
   */
  sendPart(chatId: number, text: string, keyboard?: Keyboard): Promise<number>;
}
