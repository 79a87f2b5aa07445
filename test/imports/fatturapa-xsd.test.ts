import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/write-fatturapa-fixtures.ts';

const DIR = join(import.meta.dirname, '../fixtures/fatturapa');
const XSD = join(import.meta.dirname, '../fixtures/xsd/Schema_del_file_xml_FatturaPA_v1.2.2.xsd');

function xmllint(file: string) {
  return spawnSync('xmllint', ['--nonet', '--noout', '--schema', XSD, file], { encoding: 'utf8' });
}

describe('FatturaPA fixtures', () => {
  it('validate against the official XSD v1.2.2 (xmllint, offline)', () => {
    const files = readdirSync(DIR).sort();
    expect(files).toEqual(Object.keys(FIXTURES).sort());
    for (const file of files) {
      const run = xmllint(join(DIR, file));
      expect(run.error, 'xmllint must be installed (apt-get install libxml2-utils)').toBeUndefined();
      expect(`${file}: ${run.stderr.trim()}`).toBe(`${file}: ${join(DIR, file)} validates`);
      expect(run.status).toBe(0);
    }
  });

  it('are the files the builder writes today', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [name, xml] of Object.entries(FIXTURES))
      expect(readFileSync(join(DIR, name), 'utf8')).toBe(xml);
  });

  it('the XSD check can fail: a document without Numero is refused by the schema', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const broken = join(mkdtempSync(join(tmpdir(), 'riscossa-xsd-')), 'broken.xml');
    writeFileSync(
      broken,
      readFileSync(join(DIR, 'IT01114601006_00001.xml'), 'utf8').replace(/<Numero>.*?<\/Numero>/, ''),
    );
    const run = xmllint(broken);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('fails to validate');
  });
});
