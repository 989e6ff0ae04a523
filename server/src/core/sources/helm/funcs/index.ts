/**
 * Sprig's function map as Helm installs it (TxtFuncMap without env/expandenv), built once per
 * call. Nondeterministic functions (random strings, uuids, keys, now) exist so charts parse
 * and render; tests keep them out of goldens. Functions that would need secrets or the
 * network (getHostByName) answer like an offline machine.
 */
import { GoError, capped, goFunc, int, maxChars, type GoFunc, type GoInt } from '../template/value';
import { dictFuncs } from './dicts';
import { encodingFuncs } from './encoding';
import { listFuncs } from './lists';
import { numericFuncs } from './numeric';
import { regexFuncs } from './regex';
import { semverFuncs } from './semver';
import { stringFuncs } from './strings';

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randFrom(chars: string, n: GoInt): string {
  capped(Number(n.v), maxChars, 'characters of a random string');
  let s = '';
  for (let i = 0; i < Number(n.v); i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

function uuidv4(): string {
  const h = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Names of functions whose result changes between runs: never in goldens. */
export const nondeterministic = new Set([
  'randAlphaNum',
  'randAlpha',
  'randAscii',
  'randNumeric',
  'randInt',
  'randBytes',
  'shuffle',
  'uuidv4',
  'now',
  'date',
  'dateInZone',
  'date_in_zone',
  'dateModify',
  'date_modify',
  'mustDateModify',
  'must_date_modify',
  'ago',
  'htmlDate',
  'htmlDateInZone',
  'toDate',
  'mustToDate',
  'unixEpoch',
  'duration',
  'durationRound',
  'genPrivateKey',
  'genCA',
  'genCAWithKey',
  'genSelfSignedCert',
  'genSelfSignedCertWithKey',
  'genSignedCert',
  'genSignedCertWithKey',
  'buildCustomCert',
  'bcrypt',
  'htpasswd',
  'encryptAES',
  'decryptAES',
  'derivePassword',
  'getHostByName',
  'env',
  'expandenv',
]);

export function sprigFuncs(): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>();
  for (const f of [
    ...stringFuncs(),
    ...listFuncs(),
    ...dictFuncs(),
    ...numericFuncs(),
    ...encodingFuncs(),
    ...regexFuncs(),
    ...semverFuncs(),
  ])
    m.set(f.name, f);
  const add = (f: GoFunc): void => void m.set(f.name, f);
  add(goFunc('hello', [], () => 'Hello!'));
  add(goFunc('randAlphaNum', ['int'], (n: GoInt) => randFrom(alnum, n)));
  add(goFunc('randAlpha', ['int'], (n: GoInt) => randFrom(alnum.slice(0, 52), n)));
  add(goFunc('randNumeric', ['int'], (n: GoInt) => randFrom('0123456789', n)));
  add(goFunc('randAscii', ['int'], (n: GoInt) => randFrom(Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''), n)));
  add(goFunc('randInt', ['int', 'int'], (a: GoInt, b: GoInt) => int(Number(a.v) + Math.floor(Math.random() * Number(b.v - a.v)))));
  add(goFunc('uuidv4', [], uuidv4));
  add(goFunc('shuffle', ['string'], (s: string) => [...s].sort(() => Math.random() - 0.5).join('')));
  add(goFunc('getHostByName', ['string'], () => ''));
  for (const name of nondeterministic) {
    if (!m.has(name))
      add(
        goFunc(
          name,
          [],
          () => {
            throw new GoError(`${name} is not supported by podpath's renderer`);
          },
          'any',
        ),
      );
  }
  m.delete('env');
  m.delete('expandenv');
  return m;
}
