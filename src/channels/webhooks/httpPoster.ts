import { lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import {
  WebhookAddressRefused,
  type WebhookAnswer,
  type WebhookPoster,
} from '../../app/ports/webhookPoster.js';
import { mayConnect } from '../../app/webhooks/endpointPolicy.js';
import type { AllowedHost } from '../../domain/webhooks/allowedHosts.js';

/** How long one delivery may take, from connecting to the last byte of the answer. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of an answer's body the delivery log keeps. */
const ANSWER_KEPT_BYTES = 1_024;

/**
 * Posts deliveries with Node's own client. The host is resolved here and every address it stands for
 * checked before connecting, and the connection goes to the address checked, so a name that changes
 * its answer between check and connect (DNS rebinding) cannot reach inside. Redirects are not followed:
 * a 3xx is the endpoint's answer, logged as such.
 */
export function httpWebhookPoster(allowedHosts: readonly AllowedHost[]): WebhookPoster {
  return {
    allowedHosts,
    post(rawUrl, headers, body) {
      const url = new URL(rawUrl);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const checkedLookup: LookupFunction = (hostname, options, callback) => {
        lookup(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 0);
          const refused = addresses.find((entry) => !mayConnect(url, entry.address, allowedHosts));
          if (refused) return callback(new WebhookAddressRefused(hostname, refused.address), '', 0);
          const [first] = addresses;
          if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
          if (options.all) return callback(null, addresses as never, 0);
          return callback(null, first.address, first.family);
        });
      };
      if (isIP(host) && !mayConnect(url, host, allowedHosts))
        return Promise.reject(new WebhookAddressRefused(host, host));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<WebhookAnswer>((resolve, reject) => {
        const outgoing = send(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
            lookup: checkedLookup,
            timeout: DELIVERY_TIMEOUT_MS,
            signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          },
          (answer) => {
            const kept: Buffer[] = [];
            let keptBytes = 0;
            answer.on('data', (chunk: Buffer) => {
              if (keptBytes >= ANSWER_KEPT_BYTES) return;
              kept.push(chunk);
              keptBytes += chunk.length;
            });
            answer.on('end', () =>
              resolve({
                status: answer.statusCode ?? 0,
                body: Buffer.concat(kept).subarray(0, ANSWER_KEPT_BYTES).toString('utf8'),
              }),
            );
            answer.on('error', reject);
          },
        );
        outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${DELIVERY_TIMEOUT_MS} ms`)));
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    },
  };
}
