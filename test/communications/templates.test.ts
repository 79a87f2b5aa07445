import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { listTemplates } from '../../src/app/communications/list-templates.ts';
import {
  communicationView,
  previewCommunication,
} from '../../src/app/communications/preview-communication.ts';
import { saveTemplate } from '../../src/app/communications/save-template.ts';
import { presetTemplateChannels } from '../../src/core/communications/default-templates.ts';
import { epcQrPayload } from '../../src/core/communications/epc-qr.ts';
import { debtorReference, isValidRfReference } from '../../src/core/matching/rf-reference.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { CREDITOR_IBAN, commWorld, type TCommWorld } from './communication-world.ts';

let t: TTestDatabase;
let it_: TCommWorld;
let en: TCommWorld;
beforeAll(async () => {
  t = await createTestDatabase();
  it_ = await commWorld(t.db);
  en = await commWorld(t.db, { language: 'en' });
});
afterAll(() => t.drop());

// 15 March 2026: FT-1 (1220.00, due 2 Feb) and FT-2/1 (300.50, due 10 Feb) are overdue,
// FT-2/2 (due 10 Apr) is not. Total overdue 1520.50.
const DATE = '2026-03-15';

function preview(w: TCommWorld, template: string, channel: string, language?: string) {
  return previewCommunication(t.db, {
    creditor: w.creditorVat,
    debtor: w.debtorVat,
    template,
    channel: channel as never,
    language: language as never,
    date: DATE,
  });
}

describe('default templates on real data', () => {
  it('every template of the three presets renders in Italian and English with instalments, total, IBAN and RF', async () => {
    const keys = [...presetTemplateChannels()];
    expect(keys.map(([k]) => k).sort()).toEqual([
      'diffida-legale',
      'final-notice',
      'formal-demand-letter',
      'friendly-reminder-with-payment-details',
      'letter-1-pay-within-10-days',
      'letter-2-agency-in-10-days',
      'payment-instructions',
      'pre-due-reminder',
      'reminder-letter',
      'second-reminder-letter',
    ]);
    for (const [key, channels] of keys) {
      for (const channel of channels) {
        for (const [w, language] of [
          [it_, 'it'],
          [en, 'en'],
        ] as const) {
          const view = communicationView(await preview(w, key, channel));
          expect(view.language).toBe(language);
          expect(view.instalments.map((i) => [i.invoiceNumber, i.seq, i.dueDate, i.outstanding])).toEqual([
            ['FT-1', 1, '2026-02-02', '1220.00'],
            ['FT-2', 1, '2026-02-10', '300.50'],
          ]);
          expect(view.total).toBe('1520.50');
          const total = language === 'it' ? 'EUR 1.520,50' : 'EUR 1,520.50';
          expect(view.text).toContain(total);
          expect(view.text).toContain(language === 'it' ? '02/02/2026' : '2 Feb 2026');
          expect(view.text).toContain('IT60 X054 2811 1010 0000 0123 456');
          expect(view.reference).toBe(debtorReference(w.creditorId, view.debtor.id));
          expect(isValidRfReference(view.reference)).toBe(true);
          expect(view.html).toContain(total.replace(' ', ' '));
          expect(view.html).toContain('cid:qr');
          expect(view.subject).not.toMatch(/recupero|sollecit|mora|debt|overdue|collection|insolut/i);
          expect(view.text).not.toContain('undefined');
        }
      }
    }
  });

  it('the formal demand letter is a messa in mora with interest and the EUR 40 indemnity per invoice', async () => {
    const view = communicationView(await preview(it_, 'formal-demand-letter', 'letter'));
    expect(view.text).toContain("costituzione in mora ai sensi dell'art. 1219 del codice civile");
    expect(view.text).toContain('EUR 80,00'); // 2 invoices x EUR 40, art. 6 D.Lgs. 231/2002
    expect(view.text).toMatch(/interessi di mora ai sensi del D\.Lgs\. 231\/2002, pari a EUR \d+,\d\d/);
    expect(view.text).toContain('entro e non oltre il 30/03/2026');
    expect(view.text).toMatch(/per complessivi EUR 1\.6\d\d,\d\d alla data odierna/);
  });

  it('the friendly reminder assumes good faith and gives contacts', async () => {
    const view = communicationView(await preview(it_, 'friendly-reminder-with-payment-details', 'email'));
    expect(view.text).toContain('se ha già pagato');
    expect(view.text).toContain('amministrazione@acme.example');
    expect(view.text).toContain('+39 02 1234567');
    const en_ = communicationView(await preview(en, 'friendly-reminder-with-payment-details', 'email'));
    expect(en_.text).toContain('if you have already paid');
  });

  it('the EPC QR payload carries IBAN, amount to the cent and the RF reference', async () => {
    const view = communicationView(await preview(it_, 'reminder-letter', 'letter'));
    expect(view.qrPayload).toBe(
      [
        'BCD',
        '002',
        '1',
        'SCT',
        '',
        `Acme Forniture ${it_.creditorVat} S.r.l.`,
        CREDITOR_IBAN,
        'EUR1520.50',
        '',
        view.reference,
        '',
      ].join('\n'),
    );
    expect(() =>
      epcQrPayload({ payee: 'x', iban: CREDITOR_IBAN, amountCents: 0, rfReference: 'RF18C1' }),
    ).toThrow();
  });

  it('the rendered texts read as reviewed (snapshot, references masked)', async () => {
    for (const key of [
      'friendly-reminder-with-payment-details',
      'letter-2-agency-in-10-days',
      'formal-demand-letter',
    ]) {
      for (const w of [it_, en]) {
        const view = communicationView(await preview(w, key, key.includes('letter') ? 'letter' : 'email'));
        const masked = view.text
          .replaceAll(w.creditorVat, 'IT<creditor>')
          .replaceAll(w.debtorVat, 'IT<debtor>')
          .replace(/RF\d\d( ?[A-Z0-9]{1,4})+/g, 'RF<reference>');
        expect(
          `Subject: ${view.subject.replace(/RF\d\d( ?[A-Z0-9]{1,4})+/g, 'RF<reference>').replaceAll(w.creditorVat, 'IT<creditor>')}\n\n${masked}`,
        ).toMatchSnapshot(`${key} ${view.language}`);
      }
    }
  });
});

describe('saving a template', () => {
  it('refuses an unknown variable, an unknown filter and a revealing subject; a saved one is used', async () => {
    const base = {
      creditorId: it_.creditorId,
      templateKey: 'reminder-letter',
      language: 'it',
      channel: 'email',
    } as const;
    await expect(
      saveTemplate(ctxOn(t.db), { ...base, subject: 'Ciao', body: 'Gentile {{ debtor.nome }}' }),
    ).rejects.toThrow(/body: .*undefined variable: debtor\.nome/);
    await expect(
      saveTemplate(ctxOn(t.db), { ...base, subject: 'Ciao', body: '{{ total | money }}' }),
    ).rejects.toThrow(/undefined filter: money/);
    await expect(saveTemplate(ctxOn(t.db), { ...base, subject: 'Ciao', body: '{% if x %}' })).rejects.toThrow(
      /body:/,
    );
    await expect(
      saveTemplate(ctxOn(t.db), {
        ...base,
        subject: 'Sollecito di pagamento',
        body: 'Gentile {{ debtor.name }}',
      }),
    ).rejects.toThrow(/subject: .*must not reveal a debt collection/);
    await saveTemplate(ctxOn(t.db), {
      ...base,
      subject: '{{ creditor.name }}: documenti aperti',
      body: 'Buongiorno {{ debtor.name }}, totale {{ total }}.',
      closing: 'Saluti',
    });
    const view = communicationView(await preview(it_, 'reminder-letter', 'email'));
    expect(view.isCustomTemplate).toBe(true);
    expect(view.text).toContain(`Buongiorno Rossi Costruzioni ${it_.debtorVat} S.p.A., totale EUR 1.520,50.`);
    const listed = (await listTemplates(t.db, it_.creditorId)).filter(
      (x) => x.templateKey === 'reminder-letter',
    );
    expect(listed.map((x) => [x.channel, x.language, x.isCustom])).toEqual([
      ['email', 'en', false],
      ['email', 'it', true],
      ['letter', 'en', false],
      ['letter', 'it', false],
    ]);
    const other = (await listTemplates(t.db, en.creditorId)).find(
      (x) => x.templateKey === 'reminder-letter' && x.language === 'it' && x.channel === 'email',
    );
    expect(other?.isCustom).toBe(false);
  });

  it('previews an action the engine took, and an SMS', async () => {
    const w = await commWorld(t.db);
    await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'gentle', debtor: w.debtorVat });
    await runCollection(ctxOn(t.db, DATE), { creditorId: w.creditorId });
    const [action] = await t.db.query<{ id: number }>(
      'select id from collection_actions where creditor_id = $1',
      [w.creditorId],
    );
    const view = communicationView(
      await previewCommunication(t.db, {
        creditor: w.creditorVat,
        action: action!.id,
        channel: 'email',
        date: DATE,
      }),
    );
    expect(view).toMatchObject({
      templateKey: 'friendly-reminder-with-payment-details',
      total: '1520.50',
      language: 'it',
    });
    const sms = await previewCommunication(t.db, {
      creditor: w.creditorVat,
      action: action!.id,
      channel: 'sms',
      date: DATE,
    });
    expect(sms.text.body).toMatch(
      /^Acme Forniture IT\d+ S\.r\.l\.: risultano aperti 2 documenti per EUR 1\.520,50\. Bonifico su IBAN IT60 X054/,
    );
  });
});
