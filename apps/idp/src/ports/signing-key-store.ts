/** Signing keys of the OIDC provider; the private JWK is stored encrypted. */
export interface SigningKeyRecord {
  kid: string;
  alg: string;
  privateJwkCipher: string;
  createdAt: number;
}

export interface SigningKeyStore {
  /** Newest first. */
  list(): Promise<SigningKeyRecord[]>;
  add(key: SigningKeyRecord): Promise<void>;
}
