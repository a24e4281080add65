/** Passkeys in the browser: the server's JSON options in, the credential's JSON out (WebAuthn Level 3). */
import type { WebAuthnResponse } from "./api.ts";

interface PublicKeyCredentialStatics {
  parseRequestOptionsFromJSON(o: unknown): PublicKeyCredentialRequestOptions;
  parseCreationOptionsFromJSON(o: unknown): PublicKeyCredentialCreationOptions;
}

function statics(): PublicKeyCredentialStatics | null {
  const pkc = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential as
    Partial<PublicKeyCredentialStatics> | undefined;
  return pkc?.parseRequestOptionsFromJSON && pkc.parseCreationOptionsFromJSON
    ? (pkc as PublicKeyCredentialStatics)
    : null;
}

export function passkeysSupported(): boolean {
  return statics() !== null && !!navigator.credentials;
}

const toJSON = (c: Credential | null): WebAuthnResponse => {
  if (!c || !("toJSON" in c) || typeof c.toJSON !== "function") throw new Error("no passkey was used");
  return (c as unknown as { toJSON(): WebAuthnResponse }).toJSON();
};

export async function getPasskeyAssertion(options: unknown): Promise<WebAuthnResponse> {
  const s = statics();
  if (!s) throw new Error("passkeys are not supported by this browser");
  return toJSON(await navigator.credentials.get({ publicKey: s.parseRequestOptionsFromJSON(options) }));
}

export async function createPasskey(options: unknown): Promise<WebAuthnResponse> {
  const s = statics();
  if (!s) throw new Error("passkeys are not supported by this browser");
  return toJSON(await navigator.credentials.create({ publicKey: s.parseCreationOptionsFromJSON(options) }));
}
