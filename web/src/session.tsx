/** Who is signed in, and signing in and out. The session itself is an HttpOnly cookie. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError } from "./api.ts";
import type { Role } from "../../src/security/access/rights.ts";

export interface Session {
  username: string;
  role: Role;
  officeId: string | null;
}

interface SessionState {
  session: Session | null;
  /** False until the first check of the cookie has answered. */
  ready: boolean;
  /** True when a request found the session ended (expired or signed out elsewhere). */
  expired: boolean;
  setSession(s: Session | null): void;
  markExpired(): void;
  signOut(): Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .get<Session>("/auth/session")
      .then((r) => live && setSessionState(r.data))
      .catch((e: unknown) => {
        if (!(e instanceof ApiError)) throw e;
      })
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  const setSession = useCallback((s: Session | null) => {
    setSessionState(s);
    if (s) setExpired(false);
  }, []);
  const markExpired = useCallback(() => {
    setSessionState(null);
    setExpired(true);
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.post("/auth/logout");
    } finally {
      setSessionState(null);
      setExpired(false);
    }
  }, []);
  const value = useMemo(
    () => ({ session, ready, expired, setSession, markExpired, signOut }),
    [session, ready, expired, setSession, markExpired, signOut],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}

/** The signed-in session (inside pages that require one). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("no session");
  return session;
}
