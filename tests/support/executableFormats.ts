// What an executable of each released platform says about itself, read from its headers: the file format and CPU,
// and the Node SEA blob where each format keeps it (an ELF note named NODE_SEA_BLOB, the Mach-O section
// NODE_SEA,__NODE_SEA_BLOB, the PE resource RCDATA/NODE_SEA_BLOB), plus the Mach-O code signature's place. Only
// the fields those need; every offset is checked against the file's length.

export type Cpu = "x86-64" | "arm64";

export interface Executable {
    format: "elf64" | "macho64" | "pe32+";
    cpu: Cpu;
    /** The SEA blob's bytes, or undefined when the binary holds none. */
    seaBlob?: Buffer;
    /** Mach-O only: the LC_CODE_SIGNATURE data's offset and size in the file, when there is one. */
    codeSignature?: { offset: number; size: number };
}

/** The SEA fuse Node flips to `:1` when a blob is injected (https://nodejs.org/api/single-executable-applications.html). */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** The header of a SEA blob (Node's src/node_sea.cc, SeaSerializer): magic, flags, then the execArgv extension. */
export interface SeaHeader {
    magic: number;
    flags: number;
    /** 0 none (NODE_OPTIONS ignored), 1 env (the default: NODE_OPTIONS honoured), 2 cli. */
    execArgvExtension: number;
}
export const SEA_MAGIC = 0x0143da20;

export function seaHeader(blob: Buffer): SeaHeader {
    if (blob.length < 10) throw new Error(`a SEA blob of ${blob.length} bytes has no header`);
    return { magic: blob.readUInt32LE(0), flags: blob.readUInt32LE(4), execArgvExtension: blob.readUInt8(8) };
}

function slice(buf: Buffer, offset: number, size: number, what: string): Buffer {
    if (offset < 0 || size < 0 || offset + size > buf.length) throw new Error(`${what} (${size} bytes at ${offset}) lies outside the file (${buf.length} bytes)`);
    return buf.subarray(offset, offset + size);
}

const cString = (b: Buffer) => b.toString("latin1").replace(/\0.*$/s, "");

function elf(buf: Buffer): Executable {
    if (buf[4] !== 2 || buf[5] !== 1) throw new Error("not a 64-bit little-endian ELF");
    const machine = buf.readUInt16LE(0x12);
    const cpu: Cpu = machine === 0x3e ? "x86-64" : machine === 0xb7 ? "arm64" : (() => { throw new Error(`ELF machine 0x${machine.toString(16)}`); })();
    const phoff = Number(buf.readBigUInt64LE(0x20));
    const phentsize = buf.readUInt16LE(0x36);
    const phnum = buf.readUInt16LE(0x38);
    let seaBlob: Buffer | undefined;
    for (let i = 0; i < phnum; i++) {
        const ph = slice(buf, phoff + i * phentsize, phentsize, "a program header");
        if (ph.readUInt32LE(0) !== 4) continue; // PT_NOTE
        const notes = slice(buf, Number(ph.readBigUInt64LE(8)), Number(ph.readBigUInt64LE(32)), "a PT_NOTE segment");
        for (let at = 0; at + 12 <= notes.length; ) {
            const [namesz, descsz] = [notes.readUInt32LE(at), notes.readUInt32LE(at + 4)];
            const name = cString(slice(notes, at + 12, namesz, "a note's name"));
            const descAt = at + 12 + Math.ceil(namesz / 4) * 4;
            if (name === "NODE_SEA_BLOB") seaBlob = slice(notes, descAt, descsz, "the SEA note");
            at = descAt + Math.ceil(descsz / 4) * 4;
        }
    }
    return { format: "elf64", cpu, seaBlob };
}

function macho(buf: Buffer): Executable {
    const cputype = buf.readUInt32LE(4);
    const cpu: Cpu = cputype === 0x01000007 ? "x86-64" : cputype === 0x0100000c ? "arm64" : (() => { throw new Error(`Mach-O CPU type 0x${cputype.toString(16)}`); })();
    const ncmds = buf.readUInt32LE(16);
    let seaBlob: Buffer | undefined;
    let codeSignature: Executable["codeSignature"];
    for (let i = 0, at = 32; i < ncmds; i++) {
        const [cmd, size] = [buf.readUInt32LE(at), buf.readUInt32LE(at + 4)];
        if (cmd === 0x19) {
            // LC_SEGMENT_64: segname, then nsects section headers of 80 bytes after 72 bytes of segment fields.
            const nsects = buf.readUInt32LE(at + 64);
            for (let s = 0; s < nsects; s++) {
                const sec = slice(buf, at + 72 + s * 80, 80, "a section header");
                if (cString(sec.subarray(16, 32)) === "NODE_SEA" && cString(sec.subarray(0, 16)) === "__NODE_SEA_BLOB") {
                    seaBlob = slice(buf, sec.readUInt32LE(48), Number(sec.readBigUInt64LE(40)), "the SEA section");
                }
            }
        } else if (cmd === 0x1d) {
            codeSignature = { offset: buf.readUInt32LE(at + 8), size: buf.readUInt32LE(at + 12) };
        }
        at += size;
    }
    return { format: "macho64", cpu, seaBlob, codeSignature };
}

function pe(buf: Buffer): Executable {
    const peAt = buf.readUInt32LE(0x3c);
    if (slice(buf, peAt, 4, "the PE signature").toString("latin1") !== "PE\0\0") throw new Error("no PE signature");
    const machine = buf.readUInt16LE(peAt + 4);
    const cpu: Cpu = machine === 0x8664 ? "x86-64" : machine === 0xaa64 ? "arm64" : (() => { throw new Error(`PE machine 0x${machine.toString(16)}`); })();
    const nsections = buf.readUInt16LE(peAt + 6);
    const optSize = buf.readUInt16LE(peAt + 20);
    const opt = peAt + 24;
    if (buf.readUInt16LE(opt) !== 0x20b) throw new Error("not PE32+ (optional header magic 0x20b)");
    const [resRva] = [buf.readUInt32LE(opt + 112 + 2 * 8)]; // data directory 2: resources
    const sections = Array.from({ length: nsections }, (_, i) => {
        const s = slice(buf, opt + optSize + i * 40, 40, "a section header");
        return { va: s.readUInt32LE(12), size: Math.max(s.readUInt32LE(8), s.readUInt32LE(16)), raw: s.readUInt32LE(20) };
    });
    const fileOffset = (rva: number) => {
        const s = sections.find((x) => rva >= x.va && rva < x.va + x.size);
        if (!s) throw new Error(`RVA 0x${rva.toString(16)} is in no section`);
        return rva - s.va + s.raw;
    };
    let seaBlob: Buffer | undefined;
    if (resRva) {
        const base = fileOffset(resRva);
        // A resource directory's entries: named ones first, then by id; the high bit marks a name or a subdirectory.
        const entries = (dir: number) => {
            const n = buf.readUInt16LE(dir + 12) + buf.readUInt16LE(dir + 14);
            return Array.from({ length: n }, (_, i) => {
                const [nameField, dataField] = [buf.readUInt32LE(dir + 16 + i * 8), buf.readUInt32LE(dir + 20 + i * 8)];
                let name: string | number = nameField;
                if (nameField & 0x80000000) {
                    const at = base + (nameField & 0x7fffffff);
                    name = slice(buf, at + 2, buf.readUInt16LE(at) * 2, "a resource name").toString("utf16le");
                }
                return { name, sub: dataField & 0x80000000 ? base + (dataField & 0x7fffffff) : undefined, data: base + dataField };
            });
        };
        const rcdata = entries(base).find((e) => e.name === 10 && e.sub !== undefined); // RT_RCDATA
        const named = rcdata && entries(rcdata.sub!).find((e) => e.name === "NODE_SEA_BLOB" && e.sub !== undefined);
        const lang = named && entries(named.sub!)[0];
        if (lang) seaBlob = slice(buf, fileOffset(buf.readUInt32LE(lang.data)), buf.readUInt32LE(lang.data + 4), "the SEA resource");
    }
    return { format: "pe32+", cpu, seaBlob };
}

/** Reads an ELF64, a thin 64-bit Mach-O or a PE32+ executable. */
export function readExecutable(buf: Buffer): Executable {
    if (buf.length < 64) throw new Error(`${buf.length} bytes is no executable`);
    if (buf.readUInt32BE(0) === 0x7f454c46) return elf(buf);
    if (buf.readUInt32LE(0) === 0xfeedfacf) return macho(buf);
    if (buf.toString("latin1", 0, 2) === "MZ") return pe(buf);
    throw new Error(`unknown executable format (magic ${buf.subarray(0, 4).toString("hex")})`);
}
