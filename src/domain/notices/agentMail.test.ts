import { describe, expect, it } from 'vitest';
import { agentMailSettings, agentWantsMail } from './agentMail.js';

describe("an agent's mail choices", () => {
  it('mails by default everything but new requests', () => {
    expect(agentWantsMail(null, 'ticket_assigned', true)).toBe(true);
    expect(agentWantsMail({}, 'sla_breach', false)).toBe(true);
    expect(agentWantsMail({}, 'ticket_created', false)).toBe(false);
    expect(agentWantsMail({ new_request: true }, 'ticket_created', false)).toBe(true);
  });

  it("mails a customer's reply only to the agent the request is assigned to", () => {
    expect(agentWantsMail({}, 'customer_message', true)).toBe(true);
    expect(agentWantsMail({}, 'customer_message', false)).toBe(false);
    expect(agentWantsMail({ customer_reply: false }, 'customer_message', true)).toBe(false);
  });

  it('never mails what is not a choice', () => {
    expect(agentWantsMail({}, 'ticket_closed', true)).toBe(false);
    expect(agentMailSettings({ sla_warning: false }).sla_warning).toBe(false);
  });
});
