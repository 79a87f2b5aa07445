import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Signs content as a CAdES-like CMS SignedData envelope (attached content, DER), the way signed
 * FatturaPA `.xml.p7m` files are made, with a throw-away self-signed certificate made by openssl.
 */
export type TSigner = { dir: string; cert: string; key: string };

export function makeThrowAwaySigner(): TSigner {
  const dir = mkdtempSync(join(tmpdir(), 'riscossa-p7m-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '2',
      '-subj',
      '/CN=Riscossa test signer/O=Acme Forniture S.r.l./C=IT',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { dir, cert, key };
}

export function signP7m(signer: TSigner, content: string | Uint8Array): Buffer {
  const input = join(signer.dir, `in-${process.hrtime.bigint()}.xml`);
  const output = `${input}.p7m`;
  writeFileSync(input, content);
  execFileSync(
    'openssl',
    [
      'cms',
      '-sign',
      '-nodetach',
      '-binary',
      '-outform',
      'DER',
      '-md',
      'sha256',
      '-in',
      input,
      '-signer',
      signer.cert,
      '-inkey',
      signer.key,
      '-out',
      output,
    ],
    { stdio: 'pipe' },
  );
  return readFileSync(output);
}
