import type { AllowedHost } from '../../domain/webhooks/allowedHosts.js';

/** What an endpoint answered a delivery: its status and the start of its body, for the delivery log. */
export interface WebhookAnswer {
  status: number;
  body: string;
}

/**
 * The outbound port of webhooks: one POST to an endpoint, refused before connecting when the host
 * stands for an address the endpoint policy does not allow (checked on the address actually dialled).
 */
export interface WebhookPoster {
  readonly allowedHosts: readonly AllowedHost[];
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAnswer>;
}

/** A delivery the policy stopped before it left: the host stands for an address not allowed. */
export class WebhookAddressRefused extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, which is not a public address; allow it in WEBHOOK_ALLOWED_HOSTS`);
    this.name = 'WebhookAddressRefused';
  }
}
