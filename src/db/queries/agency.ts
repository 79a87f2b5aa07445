import type { TSql } from '../database.ts';

export type TAgencyRow = { id: number; name: string; vat_number: string; licence: string };
export type TMandateRow = {
  agency_id: number;
  id: number;
  creditor_id: number;
  creditor_name: string;
  creditor_vat: string;
  reference: string;
  commission_rate: string;
  fixed_fee_cents: number;
  policy_key: string | null;
  starts_on: string;
  ends_on: string | null;
};
export type TSpecialistRow = {
  id: number;
  name: string;
  email: string | null;
  languages: string[];
  regions: string[];
  max_open_cases: number | null;
  is_active: boolean;
  user_ref: string | null;
  open_cases: number;
};

export async function findAgency(db: TSql, vat: string | null): Promise<TAgencyRow[]> {
  return db.query<TAgencyRow>(
    'select id, name, vat_number, licence from agencies where ($1::text is null or vat_number = $1) order by id',
    [vat],
  );
}

export async function insertAgency(
  db: TSql,
  a: { name: string; vatNumber: string; licence: string },
): Promise<TAgencyRow> {
  const [row] = await db.query<TAgencyRow>(
    `insert into agencies (name, vat_number, licence) values ($1, $2, $3)
     on conflict (vat_number) do nothing returning id, name, vat_number, licence`,
    [a.name, a.vatNumber, a.licence],
  );
  return row!;
}

const MANDATE_SELECT = `select m.agency_id, m.id, m.creditor_id, c.name as creditor_name, c.vat_number as creditor_vat,
  m.reference, m.commission_rate, m.fixed_fee_cents, m.policy_key, m.starts_on, m.ends_on
  from mandates m join creditors c on c.id = m.creditor_id`;

export async function listMandates(db: TSql, agencyId: number): Promise<TMandateRow[]> {
  return db.query<TMandateRow>(`${MANDATE_SELECT} where m.agency_id = $1 order by m.id`, [agencyId]);
}

export async function findMandate(
  db: TSql,
  agencyId: number,
  idOrReference: string,
): Promise<TMandateRow | undefined> {
  const [row] = await db.query<TMandateRow>(
    `${MANDATE_SELECT} where m.agency_id = $1 and (m.reference = $2 or m.id::text = $2)`,
    [agencyId, idOrReference],
  );
  return row;
}

export async function insertMandate(
  db: TSql,
  agencyId: number,
  m: {
    creditorId: number;
    reference: string;
    commissionRate: string;
    fixedFeeCents: number;
    policyKey: string | null;
    startsOn: string;
    endsOn: string | null;
  },
): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    `insert into mandates (agency_id, creditor_id, reference, commission_rate, fixed_fee_cents, policy_key, starts_on, ends_on)
     values ($1, $2, $3, $4::numeric, $5, $6, $7, $8) on conflict (agency_id, reference) do nothing returning id`,
    [
      agencyId,
      m.creditorId,
      m.reference,
      m.commissionRate,
      m.fixedFeeCents,
      m.policyKey,
      m.startsOn,
      m.endsOn,
    ],
  );
  return row?.id ?? null;
}

export async function listSpecialists(db: TSql, agencyId: number): Promise<TSpecialistRow[]> {
  return db.query<TSpecialistRow>(
    `select s.id, s.name, s.email, s.languages, s.regions, s.max_open_cases, s.is_active, s.user_ref,
            (select count(*) from mandate_cases mc join collection_cases c on c.creditor_id = mc.creditor_id and c.id = mc.case_id
             where mc.agency_id = s.agency_id and mc.specialist_id = s.id and c.status = 'open')::int8 as open_cases
     from specialists s where s.agency_id = $1 order by s.id`,
    [agencyId],
  );
}

export async function insertSpecialist(
  db: TSql,
  agencyId: number,
  s: {
    name: string;
    email: string | null;
    languages: string[];
    regions: string[];
    maxOpenCases: number | null;
  },
): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    `insert into specialists (agency_id, name, email, languages, regions, max_open_cases)
     values ($1, $2, $3, $4, $5, $6) on conflict (agency_id, name) do nothing returning id`,
    [agencyId, s.name, s.email, s.languages, s.regions, s.maxOpenCases],
  );
  return row?.id ?? null;
}

export type TSpecialistRuleRow = {
  position: number;
  specialist_id: number;
  mandate_id: number | null;
  min_cents: number | null;
  max_cents: number | null;
  regions: string[] | null;
  languages: string[] | null;
};

export async function listSpecialistRules(db: TSql, agencyId: number): Promise<TSpecialistRuleRow[]> {
  return db.query<TSpecialistRuleRow>(
    `select position, specialist_id, mandate_id, min_cents, max_cents, regions, languages
     from specialist_rules where agency_id = $1 order by position`,
    [agencyId],
  );
}

export async function insertSpecialistRule(
  db: TSql,
  agencyId: number,
  r: Omit<TSpecialistRuleRow, 'position'>,
): Promise<number> {
  const [row] = await db.query<{ position: number }>(
    `insert into specialist_rules (agency_id, position, specialist_id, mandate_id, min_cents, max_cents, regions, languages)
     select $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5, $6, $7 from specialist_rules where agency_id = $1
     returning position`,
    [agencyId, r.specialist_id, r.mandate_id, r.min_cents, r.max_cents, r.regions, r.languages],
  );
  return row!.position;
}

export type TIntakeCandidateRow = {
  case_id: number;
  debtor_id: number;
  language: string;
  country: string;
  regions: string[];
  outstanding_cents: number;
};

/** The client's handed-over open cases within the mandate's dates that no mandate has taken. */
export async function intakeCandidates(db: TSql, m: TMandateRow): Promise<TIntakeCandidateRow[]> {
  return db.query<TIntakeCandidateRow>(
    `select c.id as case_id, c.debtor_id, d.language, d.country,
            array_remove(array[(select a.province from debtor_addresses a where a.creditor_id = d.creditor_id and a.debtor_id = d.id order by a.id limit 1), d.country::text], null) as regions,
            coalesce((select sum(t.amount_cents - coalesce((select sum(al.amount_cents) from allocations al
                                                            where al.creditor_id = t.creditor_id and al.instalment_id = t.id), 0))
                      from case_instalments ci join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
                      where ci.creditor_id = c.creditor_id and ci.case_id = c.id), 0)::int8 as outstanding_cents
     from collection_cases c join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     where c.creditor_id = $1 and c.status = 'open' and c.handed_over_on is not null
       and c.handed_over_on >= $2::date and ($3::date is null or c.handed_over_on <= $3::date)
       and not exists (select 1 from mandate_cases mc where mc.creditor_id = c.creditor_id and mc.case_id = c.id)
     order by c.id`,
    [m.creditor_id, m.starts_on, m.ends_on],
  );
}

export async function insertMandateCase(
  db: TSql,
  m: TMandateRow,
  c: {
    caseId: number;
    takenOn: string;
    specialistId: number | null;
    fixedFeeCents: number;
    partnerOfficeId: number | null;
  },
): Promise<boolean> {
  const rows = await db.query(
    `insert into mandate_cases (agency_id, mandate_id, creditor_id, case_id, taken_on, specialist_id, fixed_fee_cents, partner_office_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing returning case_id`,
    [
      m.agency_id,
      m.id,
      m.creditor_id,
      c.caseId,
      c.takenOn,
      c.specialistId,
      c.fixedFeeCents,
      c.partnerOfficeId,
    ],
  );
  return rows.length > 0;
}

export type TPartnerOfficeRow = { id: number; name: string; countries: string[]; email: string | null };

export async function listPartnerOffices(db: TSql, agencyId: number): Promise<TPartnerOfficeRow[]> {
  return db.query<TPartnerOfficeRow>(
    'select id, name, countries, email from partner_offices where agency_id = $1 order by id',
    [agencyId],
  );
}

export async function insertPartnerOffice(
  db: TSql,
  agencyId: number,
  p: { name: string; countries: string[]; email: string | null },
): Promise<TPartnerOfficeRow | undefined> {
  const [row] = await db.query<TPartnerOfficeRow>(
    `insert into partner_offices (agency_id, name, countries, email) values ($1, $2, $3, $4)
     on conflict (agency_id, name) do nothing returning id, name, countries, email`,
    [agencyId, p.name, p.countries, p.email],
  );
  return row;
}
