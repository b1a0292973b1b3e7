import { createPublicKey } from "crypto";

/** An RSA public JWK as PEM (SPKI), for verifying inline-hook signatures with ordinary tools. */
export function jwkToPem(jwk: { kty: string; n: string; e: string }): string {
    return createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
}
