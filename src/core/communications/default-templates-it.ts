import type { TTemplateText } from './default-templates.ts';

/**
 * Italian defaults, written as a careful credit manager would. The system adds, between body
 * and closing, the list of every overdue instalment, the total, how to pay (IBAN, payee, RF
 * reference) and the SEPA QR code: a creditor editing the prose cannot lose them. Subjects are
 * neutral (conduct rules): only the body says what the message is about.
 */
const SIGNATURE = `Cordiali saluti

{{ creditor.name }}
Amministrazione clienti{% if creditor.contacts != "" %} – {{ creditor.contacts }}{% endif %}`;

const NEUTRAL_SUBJECT = '{{ creditor.name }} – comunicazione amministrativa rif. {{ reference }}';

export const DEFAULT_TEMPLATES_IT: Record<string, TTemplateText> = {
  'pre-due-reminder': {
    subject: '{{ creditor.name }} – promemoria scadenze',
    body: `Gentile {{ debtor.name }},

Le ricordiamo, per Sua comodità, le prossime scadenze dei nostri documenti, riepilogate qui sotto. Se il pagamento è già stato disposto, non deve fare nulla: La ringraziamo.`,
    closing: `Se qualcosa nei documenti non Le tornasse, ci scriva pure: preferiamo chiarirlo prima della scadenza.

${SIGNATURE}`,
  },
  'friendly-reminder-with-payment-details': {
    subject: NEUTRAL_SUBJECT,
    body: `Gentile {{ debtor.name }},

da un controllo della nostra contabilità risultano ancora aperti i documenti elencati qui sotto. Può capitare che una fattura non arrivi, finisca nella casella sbagliata o che un bonifico parta verso un conto diverso: se ha già pagato, La preghiamo di non tenere conto di questo messaggio e, se può, di inviarci la contabile, così da abbinare correttamente il pagamento.

Se la fattura non Le fosse pervenuta o contenesse un'inesattezza, ci risponda pure: Le invieremo subito una copia o la correggeremo.`,
    closing: `Può pagare con bonifico alle coordinate indicate oppure inquadrando il codice QR con l'app della Sua banca: importo e riferimento sono già compilati.

${SIGNATURE}`,
  },
  'payment-instructions': {
    subject: '{{ creditor.name }} – coordinate di pagamento',
    body: `Gentile {{ debtor.name }},

come concordato al telefono, Le inviamo le coordinate corrette per il pagamento dei documenti elencati qui sotto. La preghiamo di indicare nella causale il riferimento {{ reference }}: ci permette di abbinare il bonifico senza ritardi.`,
    closing: `Grazie per la collaborazione.

${SIGNATURE}`,
  },
  'reminder-letter': {
    subject: NEUTRAL_SUBJECT,
    body: `Gentile {{ debtor.name }},

dalle nostre registrazioni risultano non ancora saldati i documenti elencati qui sotto, per un totale di {{ total }}. Confidiamo si tratti di una semplice dimenticanza.

La invitiamo a provvedere al pagamento entro il {{ deadline }}. Se il pagamento fosse già stato effettuato, La preghiamo di considerare superata la presente e di inviarci copia della contabile.`,
    closing: `Per qualsiasi chiarimento siamo a Sua disposizione.

${SIGNATURE}`,
  },
  'letter-1-pay-within-10-days': {
    subject: NEUTRAL_SUBJECT,
    body: `Gentile {{ debtor.name }},

facendo seguito al nostro recente contatto telefonico, Le segnaliamo che risultano tuttora aperti i documenti elencati qui sotto, per un totale di {{ total }}.

Le chiediamo cortesemente di provvedere al saldo entro 10 giorni dal ricevimento della presente (entro il {{ deadline }}). Se vi fossero contestazioni sulla fornitura o sulla fattura, La preghiamo di comunicarcele subito per iscritto: le esamineremo con attenzione.`,
    closing: `Se il pagamento è già stato disposto, consideri superata questa lettera.

${SIGNATURE}`,
  },
  'final-notice': {
    subject: NEUTRAL_SUBJECT,
    body: `Gentile {{ debtor.name }},

nonostante i nostri precedenti solleciti, risultano ancora non pagati i documenti elencati qui sotto, per un totale di {{ total }}.

Le chiediamo di provvedere al pagamento entro e non oltre il {{ deadline }}. Trascorso inutilmente tale termine saremo costretti a inviarLe una formale costituzione in mora, con l'addebito degli interessi di mora e delle spese di recupero previsti dalla legge.`,
    closing: `Se ha difficoltà a pagare in un'unica soluzione, ci contatti prima della scadenza: valuteremo insieme un piano di rientro.

${SIGNATURE}`,
  },
  'second-reminder-letter': {
    subject: NEUTRAL_SUBJECT,
    body: `Gentile {{ debtor.name }},

non avendo ricevuto riscontro alle nostre precedenti comunicazioni, Le ricordiamo che risultano tuttora insoluti i documenti elencati qui sotto, per un totale di {{ total }}.

Il pagamento dovrà pervenirci entro e non oltre il {{ deadline }}. In mancanza, senza ulteriore avviso, procederemo con una diffida formale e con le azioni a tutela del credito, con aggravio di interessi e spese a Suo carico.`,
    closing: `Se ritiene di non dovere in tutto o in parte queste somme, ce lo comunichi per iscritto entro la stessa data.

${SIGNATURE}`,
  },
  'letter-2-agency-in-10-days': {
    subject: NEUTRAL_SUBJECT,
    body: `Raccomandata A/R

Spettabile {{ debtor.name }},

nonostante la nostra precedente lettera e i contatti telefonici, risultano ancora non pagati i documenti elencati qui sotto, per un totale di {{ total }}.

Vi invitiamo a saldare l'intero importo entro 10 giorni dal ricevimento della presente (entro il {{ deadline }}). Trascorso inutilmente tale termine, affideremo la pratica a una società di recupero crediti stragiudiziale, con ulteriori costi a Vostro carico{% if indemnity %}, oltre all'indennità forfettaria di {{ indemnity }} prevista dall'art. 6 del D.Lgs. 231/2002{% endif %}{% if interest %} e agli interessi di mora, pari a {{ interest }} alla data odierna{% endif %}.`,
    closing: `La presente vale quale ultimo invito bonario.

${SIGNATURE}`,
  },
  'formal-demand-letter': {
    subject: NEUTRAL_SUBJECT,
    body: `Raccomandata A/R

Spettabile {{ debtor.name }}{% if debtor.vat_number != "" %} (P.IVA {{ debtor.vat_number }}){% endif %}

Oggetto: costituzione in mora ai sensi dell'art. 1219 del codice civile

{{ creditor.name }} (P.IVA {{ creditor.vat_number }}) vanta nei Vostri confronti un credito di {{ total }} in linea capitale, per le forniture documentate dalle fatture elencate qui sotto, scadute e non pagate nonostante i nostri ripetuti solleciti.

Con la presente Vi intimiamo formalmente e Vi costituiamo in mora, ai sensi e per gli effetti dell'art. 1219 c.c., a pagare entro e non oltre il {{ deadline }}:
- il capitale di {{ total }};{% if interest %}
- gli interessi di mora ai sensi del {{ interest_basis }}, pari a {{ interest }} alla data odierna, che continueranno a maturare fino al saldo effettivo;{% endif %}{% if indemnity %}
- l'importo forfettario di {{ indemnity }} a titolo di risarcimento dei costi di recupero (art. 6 D.Lgs. 231/2002), salva la prova del maggior danno;{% endif %}
per complessivi {{ total_due }} alla data odierna.

In difetto, senza ulteriore avviso, agiremo nelle sedi competenti per il recupero del credito, anche in via monitoria, con aggravio di spese a Vostro carico. La presente vale anche quale atto interruttivo della prescrizione ai sensi dell'art. 2943 c.c.`,
    closing: `Distinti saluti

{{ creditor.name }}`,
  },
  'diffida-legale': {
    subject: NEUTRAL_SUBJECT,
    body: `Spettabile {{ debtor.name }}{% if debtor.vat_number != "" %} (P.IVA {{ debtor.vat_number }}){% endif %}

Oggetto: diffida e costituzione in mora ai sensi dell'art. 1219 del codice civile

per conto di {{ creditor.name }} (P.IVA {{ creditor.vat_number }}) Vi segnaliamo che risultano scaduti e non pagati i documenti elencati qui sotto, per un capitale di {{ total }}, nonostante le precedenti lettere e i contatti telefonici.

Vi diffidiamo pertanto e Vi costituiamo formalmente in mora, ai sensi dell'art. 1219 c.c., a pagare entro e non oltre il {{ deadline }} il capitale di {{ total }}{% if interest %}, gli interessi di mora ai sensi del {{ interest_basis }} pari a {{ interest }} alla data odierna e che continueranno a maturare fino al saldo{% endif %}{% if indemnity %} e l'importo forfettario di {{ indemnity }} per i costi di recupero (art. 6 D.Lgs. 231/2002){% endif %}: complessivamente {{ total_due }} alla data odierna.

In difetto, senza ulteriore avviso, sarà depositato ricorso per decreto ingiuntivo (art. 633 c.p.c.), con aggravio di spese legali a Vostro carico. La presente interrompe la prescrizione ai sensi dell'art. 2943 c.c.`,
    closing: `Distinti saluti

{{ creditor.name }}`,
  },
};

export const DEFAULT_SMS_IT: TTemplateText = {
  subject: '{{ creditor.name }}',
  body: '{{ creditor.name }}: risultano aperti {{ instalment_count }} documenti per {{ total }}. Bonifico su IBAN {{ payment.iban }}, causale {{ reference }}. Se ha già pagato, non consideri questo messaggio.',
  closing: '',
};
