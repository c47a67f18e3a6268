import type { RoleGroups } from '../../domain/accounts/directoryRoles.js';

/** Where a single sign-on starts: the provider's address, and what its answer is checked against. */
export interface SignOnStart {
  url: string;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** Who the provider says signed in. */
export interface SignedOnPerson {
  /** The provider's subject: what it names the person by for good. */
  subject: string;
  email: string;
  name: string;
  groups: string[];
}

/** An OpenID Connect provider staff sign in with (Keycloak, ADFS, Authentik…). */
export interface SingleSignOn {
  start(): Promise<SignOnStart>;
  /** Checks the provider's answer (the callback address) against the start, and reads the ID token. */
  finish(callbackUrl: URL, start: Omit<SignOnStart, 'url'>): Promise<SignedOnPerson>;
}

export interface SingleSignOnSettings {
  provider: SingleSignOn;
  roleGroups: RoleGroups;
  name: string;
}

/** The provider refused the answer or could not be reached: the person is told and tries again. */
export class SingleSignOnFailed extends Error {
  constructor(cause: unknown) {
    super(`single sign-on failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SingleSignOnFailed';
  }
}
