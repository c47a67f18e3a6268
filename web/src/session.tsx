import type { Principal, Session } from '@contract/auth';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiProblem, setApiLanguage, setCsrfToken } from './api/client';
import { desk } from './api/operations';
import i18next, { switchLanguage } from './i18n';

const SessionContext = createContext<Principal | null>(null);

/** Who is signed in; null before sign-in. Support staff and contacts get different screens. */
export function usePrincipal(): Principal | null {
  return useContext(SessionContext);
}

export function useSignedIn(): Principal {
  const principal = usePrincipal();
  if (!principal) throw new Error('a signed-in screen was shown without a session');
  return principal;
}

export const isSupport = (principal: Principal) => principal.type === 'agent';
/** Whether the server shows this person an area of the desk (`me` names them; the web decides nothing). */
export const sees = (principal: Principal, area: Principal['areas'][number]) =>
  principal.areas.includes(area);
/** Whether the server lets this person change a shared record, so that the screen offers it. */
export const can = (principal: Principal, ability: Principal['abilities'][number]) =>
  principal.abilities.includes(ability);

async function loadSession(): Promise<Session | null> {
  try {
    const session = await desk.getSession();
    adopt(session);
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null;
    throw error;
  }
}

function adopt(session: Session) {
  setCsrfToken(session.csrfToken);
  setApiLanguage(session.principal.language);
  if (i18next.language !== session.principal.language) void switchLanguage(session.principal.language);
}

export function SessionProvider({
  children,
  fallback,
}: {
  /** The signed-in person, and whether they must add an authenticator before anything else. */
  children: (principal: Principal | null, mustEnrolSecondFactor: boolean) => ReactNode;
  fallback: ReactNode;
}) {
  const session = useQuery({
    queryKey: ['session'],
    queryFn: loadSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (session.isPending) return fallback;
  const principal = session.data?.principal ?? null;
  const mustEnrol = session.data?.secondFactorEnrolmentRequired ?? false;
  return (
    <SessionContext.Provider value={principal}>{children(principal, mustEnrol)}</SessionContext.Provider>
  );
}

/** A new person at the keyboard: nothing the previous one loaded may show through. */
function forgetAllBut(client: QueryClient, session: Session | null) {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  client.setQueryData(['session'], session);
}

export function useSessionActions() {
  const client = useQueryClient();
  return {
    async signIn(email: string, password: string, code?: string) {
      const session = await desk.login({ email, password, ...(code ? { code } : {}) });
      adopt(session);
      forgetAllBut(client, session);
    },
    /** An invitation or reset link sets the password and signs the person in at once. */
    async setPasswordWithLink(token: string, password: string, code?: string) {
      const session = await desk.confirmPasswordReset({ token, password, ...(code ? { code } : {}) });
      adopt(session);
      forgetAllBut(client, session);
    },
    async signOut() {
      await desk.logout().catch(() => undefined);
      setCsrfToken(null);
      forgetAllBut(client, null);
    },
    /** After the profile's language changed: the desk now speaks it to this person everywhere. */
    adoptLanguage(language: 'ru' | 'en') {
      setApiLanguage(language);
      void switchLanguage(language);
      client.setQueryData(['session'], (session: Session | null | undefined) =>
        session ? { ...session, principal: { ...session.principal, language } } : session,
      );
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    },
  };
}
