/** Who is signed in, and signing in and out. The session itself is an HttpOnly cookie. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { client, type Session } from "./api.ts";
import { keys, queries } from "./queries.ts";

export type { Session };

interface SessionState {
  session: Session | null;
  /** False until the first check of the cookie has answered. */
  ready: boolean;
  /** True when a request found the session ended (expired or signed out elsewhere). */
  expired: boolean;
  setSession: (s: Session | null) => void;
  markExpired: () => void;
  signOut: () => Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const check = useQuery(queries.session());
  const [expired, setExpired] = useState(false);
  // Whatever was read for the previous session is forgotten: the next user may not see it.
  const become = useCallback(
    (s: Session | null) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
      queryClient.setQueryData(keys.session, s);
    },
    [queryClient],
  );
  const setSession = useCallback(
    (s: Session | null) => {
      become(s);
      if (s) setExpired(false);
    },
    [become],
  );
  const markExpired = useCallback(() => {
    become(null);
    setExpired(true);
  }, [become]);
  const signOut = useCallback(async () => {
    try {
      await client.logout();
    } finally {
      become(null);
      setExpired(false);
    }
  }, [become]);
  const session = check.data ?? null;
  const ready = !check.isPending;
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
