import pg from 'pg';

/** Told of each notification on a channel, or of null after a broken connection came back. */
export type NotificationListener = (payload: string | null) => void;

/** Every statement of this connection goes unnamed: a transaction pooler could not keep a named one. */
export function unnamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
    if (config && typeof config === 'object' && 'name' in config) {
      const { name: _unnamed, ...statement } = config as Record<string, unknown>;
      return query(statement, ...rest);
    }
    return query(config, ...rest);
  };
}

/**
 * LISTEN needs a connection of its own that stays open. When it breaks (the server restarted), it is
 * opened again with growing pauses, and the listener is told to catch up on what it may have missed.
 */
export function listenWithReconnect(
  settings: pg.ClientConfig,
  channel: string,
  onNotify: NotificationListener,
  onConnectionError: (error: Error) => void,
): () => void {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let pauseMs = 500;
  const connect = async (reconnected: boolean) => {
    if (stopped) return;
    const next = new pg.Client({ ...settings, query_timeout: undefined, statement_timeout: undefined });
    client = next;
    next.on('notification', (message) => onNotify(message.payload ?? ''));
    next.on('error', (error) => {
      onConnectionError(error);
      retry();
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      pauseMs = 500;
      if (reconnected) onNotify(null);
    } catch (error) {
      onConnectionError(error as Error);
      retry();
    }
  };
  const retry = () => {
    const broken = client;
    client = null;
    broken?.end().catch(() => {});
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, pauseMs);
    pauseMs = Math.min(pauseMs * 2, 30_000);
  };
  void connect(false);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    client?.end().catch(() => {});
  };
}
