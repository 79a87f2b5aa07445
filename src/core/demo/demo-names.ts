/**
 * Name lists for the demo portfolio. Cities carry the data the generator needs to build valid
 * identifiers: the ISTAT province code (digits 8-10 of a partita IVA), the cadastral (Belfiore)
 * code of the comune (characters 12-15 of a codice fiscale), the postal code and the phone prefix.
 * E-mail domains end in `.example` (reserved, RFC 2606) so that no demo reminder can reach anyone.
 */
export type TDemoCity = {
  city: string;
  province: string;
  postalCode: string;
  istatProvince: string;
  belfiore: string;
  phonePrefix: string;
  /** How often customers come from here: the demo creditor is in Bergamo, customers are mostly northern. */
  weight: number;
};

/** Comma-separated text to a list: keeps long name lists readable and the file short. */
function list(...lines: string[]): readonly string[] {
  return lines.flatMap((line) => line.split(',').map((s) => s.trim()));
}

type TCityRow = [string, string, string, string, string, string, number];
const CITY_ROWS: readonly TCityRow[] = [
  ['Bergamo', 'BG', '24121', '016', 'A794', '035', 9],
  ['Milano', 'MI', '20135', '015', 'F205', '02', 9],
  ['Brescia', 'BS', '25121', '017', 'B157', '030', 6],
  ['Monza', 'MB', '20900', '108', 'F704', '039', 4],
  ['Como', 'CO', '22100', '013', 'C933', '031', 3],
  ['Varese', 'VA', '21100', '012', 'L682', '0332', 3],
  ['Verona', 'VR', '37135', '023', 'L781', '045', 4],
  ['Padova', 'PD', '35127', '028', 'G224', '049', 3],
  ['Treviso', 'TV', '31100', '026', 'L407', '0422', 2],
  ['Vicenza', 'VI', '36100', '024', 'L840', '0444', 2],
  ['Torino', 'TO', '10121', '001', 'L219', '011', 3],
  ['Genova', 'GE', '16121', '010', 'D969', '010', 2],
  ['Bologna', 'BO', '40121', '037', 'A944', '051', 3],
  ['Modena', 'MO', '41121', '036', 'F257', '059', 2],
  ['Parma', 'PR', '43121', '034', 'G337', '0521', 2],
  ['Firenze', 'FI', '50127', '048', 'D612', '055', 2],
  ['Roma', 'RM', '00155', '058', 'H501', '06', 2],
  ['Napoli', 'NA', '80143', '063', 'F839', '081', 1],
  ['Bari', 'BA', '70126', '072', 'A662', '080', 1],
  ['Palermo', 'PA', '90146', '082', 'G273', '091', 1],
];

export const DEMO_CITIES: readonly TDemoCity[] = CITY_ROWS.map(
  ([city, province, postalCode, istatProvince, belfiore, phonePrefix, weight]) => ({
    city,
    province,
    postalCode,
    istatProvince,
    belfiore,
    phonePrefix,
    weight,
  }),
);

export const SURNAMES = list(
  'Rossi, Bianchi, Colombo, Ferrari, Esposito, Romano, Ricci, Marino, Greco, Bruno, Gallo, Conti',
  'Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi',
  'Caruso, Ferrara, Galli, Martini, Leone, Longo, Gentile, Martinelli, Vitale, Serra, Coppola',
  'Marchetti, Parisi, Villa, Ferri, Fabbri, Marini, Grasso, Valentini, Sala, Gatti, Pellegrini',
  'Palumbo, Farina, Rizzi, Monti, Cattaneo, Brambilla, Locatelli, Pesenti, Rota, Bonfanti, Zanetti',
);

export const MALE_NAMES = list(
  'Marco, Luca, Giuseppe, Andrea, Francesco, Alessandro, Matteo, Paolo, Stefano, Roberto, Davide',
  'Giovanni, Fabio, Simone',
);

export const FEMALE_NAMES = list(
  'Giulia, Francesca, Chiara, Laura, Sara, Elena, Anna, Valentina, Silvia, Paola, Federica',
  'Martina, Cristina, Roberta',
);

export const STREETS = list(
  "Via Roma, Via Garibaldi, Corso Italia, Via Mazzini, Via Cavour, Viale dell'Industria",
  "Via dell'Artigianato, Via Verdi, Via XX Settembre, Via Dante Alighieri, Via dei Mille",
  'Via Guglielmo Marconi, Via delle Industrie, Via Papa Giovanni XXIII, Via Alessandro Manzoni',
  'Via Enrico Fermi, Via Leonardo da Vinci, Via della Repubblica',
);

export const CONTACT_ROLES = list('amministrazione, titolare, ufficio acquisti, contabilità');

export const CONSUMER_MAIL_DOMAINS = list('posta.example, mail.example, casella.example');

/** Notes a credit manager keeps on a debtor, by how the debtor pays (see TDemoProfile). */
export const PROFILE_NOTES = {
  punctual: null,
  late: 'Paga di solito con qualche settimana di ritardo',
  partial: 'Chiede spesso dilazioni e paga in acconti',
  defaulting: "Difficoltà finanziarie segnalate dall'agente di zona",
  disputing: 'Contesta spesso quantità e prezzi consegnati',
} as const;

/** Customer kinds of a hardware wholesaler; `{S}` is a surname. Services need no proof of delivery. */
export const COMPANY_PATTERNS: readonly { pattern: string; group: string; isService: boolean }[] = [
  { pattern: 'Edil {S}', group: 'edilizia', isService: false },
  { pattern: '{S} Costruzioni', group: 'edilizia', isService: false },
  { pattern: '{S} Ristrutturazioni', group: 'edilizia', isService: false },
  { pattern: 'Idraulica {S}', group: 'impiantisti', isService: false },
  { pattern: 'Termoidraulica {S}', group: 'impiantisti', isService: false },
  { pattern: 'Impianti Elettrici {S}', group: 'impiantisti', isService: false },
  { pattern: '{S} Impianti', group: 'impiantisti', isService: false },
  { pattern: 'Falegnameria {S}', group: 'artigiani', isService: false },
  { pattern: 'Carpenteria Metallica {S}', group: 'artigiani', isService: false },
  { pattern: 'Serramenti {S}', group: 'artigiani', isService: false },
  { pattern: 'Officina Meccanica {S}', group: 'artigiani', isService: false },
  { pattern: 'Colorificio {S}', group: 'rivenditori', isService: false },
  { pattern: '{S} Arredamenti', group: 'rivenditori', isService: false },
  { pattern: 'Giardini {S}', group: 'manutenzioni', isService: true },
  { pattern: '{S} Facility Service', group: 'manutenzioni', isService: true },
  { pattern: 'Hotel {S}', group: 'ospitalità', isService: true },
];

/** Legal forms with their weight; partnerships (S.n.c., S.a.s.) carry a partner's name. */
export const LEGAL_FORMS: readonly { suffix: string; weight: number; isPartnership: boolean }[] = [
  { suffix: 'S.r.l.', weight: 55, isPartnership: false },
  { suffix: 'S.r.l.s.', weight: 8, isPartnership: false },
  { suffix: 'S.p.A.', weight: 7, isPartnership: false },
  { suffix: 'S.n.c.', weight: 15, isPartnership: true },
  { suffix: 'S.a.s.', weight: 15, isPartnership: true },
];

/** EU customers: intra-community supplies, invoiced without Italian VAT (art. 41 D.L. 331/1993). */
export const FOREIGN_DEBTORS = [
  {
    name: 'Baustoffe Huber GmbH',
    country: 'DE',
    language: 'de',
    street: 'Landsberger Straße 112',
    postalCode: '80339',
    city: 'München',
    phone: '+49 89 5123 4410',
    contact: 'Stefan Huber',
    contactMailbox: 'stefan.huber',
    mailbox: 'buchhaltung',
    domain: 'baustoffe-huber.example',
  },
  {
    name: 'Menuiserie Dubois SARL',
    country: 'FR',
    language: 'fr',
    street: '18 Rue de la Villette',
    postalCode: '69003',
    city: 'Lyon',
    phone: '+33 4 72 33 18 90',
    contact: 'Claire Dubois',
    contactMailbox: 'claire.dubois',
    mailbox: 'comptabilite',
    domain: 'menuiserie-dubois.example',
  },
] as const;
