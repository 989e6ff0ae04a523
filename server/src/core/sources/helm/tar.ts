/** A small ustar/pax reader for chart archives (after gunzip): regular files only. */

export function untar(data: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const dec = new TextDecoder();
  const str = (off: number, len: number): string => {
    let end = off;
    while (end < off + len && data[end] !== 0) end++;
    return dec.decode(data.subarray(off, end));
  };
  let off = 0;
  let longName: string | null = null;
  let paxPath: string | null = null;
  while (off + 512 <= data.length) {
    if (data.subarray(off, off + 512).every((b) => b === 0)) break;
    let name = str(off, 100);
    const size = parseInt(str(off + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(data[off + 156] ?? 48);
    const prefix = str(off + 345, 155);
    if (prefix) name = `${prefix}/${name}`;
    const body = data.subarray(off + 512, off + 512 + size);
    if (Number.isNaN(size) || off + 512 + size > data.length) throw new Error('truncated tar archive');
    if (type === 'L') longName = dec.decode(body).replace(/\0+$/, '');
    else if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(dec.decode(body));
      if (m) paxPath = m[1]!;
    } else if (type === '0' || type === '\0' || type === '7') {
      const full = (paxPath ?? longName ?? name).replace(/^\.\//, '');
      if (!full.split('/').includes('..')) out.set(full, body.slice());
      longName = paxPath = null;
    } else {
      longName = paxPath = null;
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
