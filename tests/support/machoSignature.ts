// An ad-hoc Mach-O code signature checked as macOS checks one (there is no certificate to check): the code
// directory in the LC_CODE_SIGNATURE superblob covers the file up to the signature, every page's hash in it is the
// hash of that page, and its special slots hash the blobs beside it (the requirements). rcodesign 0.29's `verify`
// cannot do this for an ad-hoc signature: it stops at the empty CMS blob such a signature carries.
import * as crypto from "crypto";
import { readExecutable } from "./executableFormats";

export interface AdhocSignature {
    identifier: string;
    /** CodeDirectory flags; 0x2 is ADHOC. */
    flags: number;
    pages: number;
    /** What does not hold; empty for a valid signature. */
    problems: string[];
}

const HASHES: Record<number, string> = { 1: "sha1", 2: "sha256" };

export function checkAdhocSignature(file: Buffer): AdhocSignature {
    const sig = readExecutable(file).codeSignature;
    if (!sig) throw new Error("no LC_CODE_SIGNATURE");
    const blob = file.subarray(sig.offset, sig.offset + sig.size);
    if (blob.readUInt32BE(0) !== 0xfade0cc0) throw new Error("the signature is no embedded-signature superblob");
    const index = Array.from({ length: blob.readUInt32BE(8) }, (_, i) => ({ type: blob.readUInt32BE(12 + i * 8), offset: blob.readUInt32BE(16 + i * 8) }));
    const sub = (type: number) => {
        const e = index.find((x) => x.type === type);
        return e && blob.subarray(e.offset, e.offset + blob.readUInt32BE(e.offset + 4));
    };
    const cd = sub(0);
    if (!cd || cd.readUInt32BE(0) !== 0xfade0c02) throw new Error("no code directory");
    const [flags, hashOffset, identOffset, nSpecial, nCode, codeLimit] = [12, 16, 20, 24, 28, 32].map((o) => cd.readUInt32BE(o));
    const [hashSize, hashType, pageShift] = [cd[36], cd[37], cd[39]];
    const algo = HASHES[hashType];
    if (!algo) throw new Error(`hash type ${hashType}`);
    const hash = (b: Buffer) => crypto.createHash(algo).update(b).digest();
    const slot = (i: number) => cd.subarray(hashOffset + i * hashSize, hashOffset + (i + 1) * hashSize);
    const problems: string[] = [];
    if (codeLimit !== sig.offset) problems.push(`the code directory covers ${codeLimit} bytes, the signature starts at ${sig.offset}`);
    const page = 1 << pageShift;
    if (nCode !== Math.ceil(codeLimit / page)) problems.push(`${nCode} page hashes for ${codeLimit} bytes of ${page}-byte pages`);
    for (let i = 0; i < nCode; i++) {
        if (!hash(file.subarray(i * page, Math.min((i + 1) * page, codeLimit))).equals(slot(i))) problems.push(`page ${i} (at ${i * page}) does not match its hash`);
    }
    const requirements = sub(2);
    if (nSpecial >= 2 && requirements && !hash(requirements).equals(slot(-2))) problems.push("the requirements do not match their hash");
    return { identifier: cd.toString("utf8", identOffset, cd.indexOf(0, identOffset)), flags, pages: nCode, problems };
}
