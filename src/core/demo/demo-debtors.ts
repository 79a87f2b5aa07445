import { demoFrenchVat, demoGermanVat, demoItalianVat, personalFiscalCode } from './demo-identifiers.ts';
import {
  COMPANY_PATTERNS,
  CONSUMER_MAIL_DOMAINS,
  CONTACT_ROLES,
  DEMO_CITIES,
  FEMALE_NAMES,
  FOREIGN_DEBTORS,
  LEGAL_FORMS,
  MALE_NAMES,
  PROFILE_NOTES,
  STREETS,
  SURNAMES,
  type TDemoCity,
} from './demo-names.ts';
import type { TRandom } from './prng.ts';

/** 44 Italian companies, 4 consumers and the EU companies of FOREIGN_DEBTORS: 50 debtors. */
export const ITALIAN_BUSINESS_COUNT = 44;
export const CONSUMER_COUNT = 4;

/** How a debtor pays: decides when (and whether) each instalment is paid and credit notes. */
export type TDemoProfile = 'punctual' | 'late' | 'partial' | 'defaulting' | 'disputing';
const PROFILES: readonly TDemoProfile[] = ['punctual', 'late', 'partial', 'defaulting', 'disputing'];
const BUSINESS_PROFILE_WEIGHTS = [40, 30, 12, 10, 8];
const CONSUMER_PROFILE_WEIGHTS = [50, 30, 0, 20, 0];

/** The shape of a debtor inside an invoice, as `addInvoices` accepts it. */
export type TDemoDebtor = {
  name: string;
  kind: 'business' | 'consumer';
  country: string;
  vatNumber: string | null;
  fiscalCode: string | null;
  pec: string | null;
  emails: string[];
  phones: string[];
  language: string;
  customerGroup: string | null;
  notes: string | null;
  addresses: Array<{
    kind: 'registered';
    street: string;
    postalCode: string;
    city: string;
    province: string | null;
    country: string;
  }>;
  contacts: Array<{ name: string; role: string; email: string; phone: string }>;
};

export type TDemoCustomer = {
  debtor: TDemoDebtor;
  /** What a payment names the payer by: VAT number, or codice fiscale for a consumer. */
  identifier: string;
  profile: TDemoProfile;
  /** Relative number of invoices: a few large customers and many occasional ones. */
  weight: number;
  segment: 'business' | 'consumer' | 'foreign';
  isService: boolean;
};

function slug(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function pickCity(r: TRandom): TDemoCity {
  return DEMO_CITIES[r.weighted(DEMO_CITIES.map((c) => c.weight))]!;
}

function landline(r: TRandom, city: TDemoCity): string {
  const subscriber = String(
    r.int(10 ** (9 - city.phonePrefix.length), 10 ** (10 - city.phonePrefix.length) - 1),
  );
  return `+39 ${city.phonePrefix} ${subscriber}`;
}

function mobile(r: TRandom): string {
  return `+39 3${r.int(20, 49)} ${r.int(1_000_000, 9_999_999)}`;
}

function person(r: TRandom): { given: string; isFemale: boolean } {
  const isFemale = r.chance(50);
  return { given: r.pick(isFemale ? FEMALE_NAMES : MALE_NAMES), isFemale };
}

function address(r: TRandom, city: TDemoCity): TDemoDebtor['addresses'][number] {
  return {
    kind: 'registered',
    street: `${r.pick(STREETS)}, ${r.int(1, 180)}`,
    postalCode: city.postalCode,
    city: city.city,
    province: city.province,
    country: 'IT',
  };
}

function italianBusiness(r: TRandom, usedNames: Set<string>, usedVat: Set<string>): TDemoCustomer {
  let surname: string;
  let pattern: (typeof COMPANY_PATTERNS)[number];
  let base: string;
  do {
    surname = r.pick(SURNAMES);
    pattern = r.pick(COMPANY_PATTERNS);
    base = pattern.pattern.replace('{S}', surname);
  } while (usedNames.has(base));
  usedNames.add(base);
  const form = LEGAL_FORMS[r.weighted(LEGAL_FORMS.map((f) => f.weight))]!;
  const partner = person(r);
  const name = form.isPartnership
    ? `${base} ${form.suffix} di ${surname} ${partner.given} & C.`
    : `${base} ${form.suffix}`;
  const city = pickCity(r);
  const domain = `${slug(base)}.example`;
  let vatNumber: string;
  do vatNumber = demoItalianVat(r, city.istatProvince);
  while (usedVat.has(vatNumber));
  usedVat.add(vatNumber);
  const profile = PROFILES[r.weighted(BUSINESS_PROFILE_WEIGHTS)]!;
  const contacts = [partner, ...(r.chance(40) ? [person(r)] : [])].map((p, i) => ({
    name: `${p.given} ${i === 0 ? surname : r.pick(SURNAMES)}`,
    role: i === 0 ? r.pick(CONTACT_ROLES) : 'amministrazione',
    email: `${slug(p.given)}@${domain}`,
    phone: mobile(r),
  }));
  return {
    debtor: {
      name,
      kind: 'business',
      country: 'IT',
      vatNumber,
      // A company's codice fiscale is normally the same number as its partita IVA.
      fiscalCode: vatNumber.slice(2),
      pec: `${slug(base)}@pec.example`,
      emails: [`amministrazione@${domain}`, ...(r.chance(30) ? [`info@${domain}`] : [])],
      phones: [landline(r, city)],
      language: 'it',
      customerGroup: pattern.group,
      notes: PROFILE_NOTES[profile],
      addresses: [address(r, city)],
      contacts,
    },
    identifier: vatNumber,
    profile,
    weight: r.pick([1, 1, 2, 2, 3, 4, 6, 10]),
    segment: 'business',
    isService: pattern.isService,
  };
}

function consumer(r: TRandom): TDemoCustomer {
  const { given, isFemale } = person(r);
  const surname = r.pick(SURNAMES);
  const city = pickCity(r);
  const birthDate = `${r.int(1950, 1995)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const fiscalCode = personalFiscalCode({
    surname,
    givenName: given,
    isFemale,
    birthDate,
    belfiore: city.belfiore,
  });
  const profile = PROFILES[r.weighted(CONSUMER_PROFILE_WEIGHTS)]!;
  return {
    debtor: {
      name: `${given} ${surname}`,
      kind: 'consumer',
      country: 'IT',
      vatNumber: null,
      fiscalCode,
      pec: null,
      emails: [`${slug(given)}.${slug(surname)}${r.int(1, 99)}@${r.pick(CONSUMER_MAIL_DOMAINS)}`],
      phones: [mobile(r)],
      language: 'it',
      customerGroup: 'privati',
      notes: PROFILE_NOTES[profile],
      addresses: [address(r, city)],
      contacts: [],
    },
    identifier: fiscalCode,
    profile,
    weight: 1,
    segment: 'consumer',
    isService: false,
  };
}

function foreign(r: TRandom, f: (typeof FOREIGN_DEBTORS)[number]): TDemoCustomer {
  const vatNumber = f.country === 'DE' ? demoGermanVat(r) : demoFrenchVat(r);
  return {
    debtor: {
      name: f.name,
      kind: 'business',
      country: f.country,
      vatNumber,
      fiscalCode: null,
      pec: null,
      emails: [`${f.mailbox}@${f.domain}`],
      phones: [f.phone],
      language: f.language,
      customerGroup: 'estero',
      notes: null,
      addresses: [
        {
          kind: 'registered',
          street: f.street,
          postalCode: f.postalCode,
          city: f.city,
          province: null,
          country: f.country,
        },
      ],
      contacts: [
        {
          name: f.contact,
          role: 'accounting',
          email: `${f.contactMailbox}@${f.domain}`,
          phone: f.phone,
        },
      ],
    },
    identifier: vatNumber,
    profile: r.chance(70) ? 'punctual' : 'late',
    weight: 3,
    segment: 'foreign',
    isService: false,
  };
}

/** The demo debtors, in a fixed order for a given generator state. */
export function generateCustomers(r: TRandom): TDemoCustomer[] {
  const usedNames = new Set<string>();
  const usedVat = new Set<string>();
  const customers: TDemoCustomer[] = [];
  for (let i = 0; i < ITALIAN_BUSINESS_COUNT; i++) customers.push(italianBusiness(r, usedNames, usedVat));
  for (let i = 0; i < CONSUMER_COUNT; i++) customers.push(consumer(r));
  for (const f of FOREIGN_DEBTORS) customers.push(foreign(r, f));
  return customers;
}
