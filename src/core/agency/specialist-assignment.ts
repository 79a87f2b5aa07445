import type { TCents } from '../shared/money.ts';

/**
 * Which credit specialist follows a case (seed 002: every case has one). Rules are tried in
 * position order; a rule matches when every criterion it states holds (client mandate, amount
 * band, region, language) and its specialist is active with room left. No rule: the active
 * specialist with the fewest open cases among those who speak the debtor's language (all of them
 * when nobody does), the lowest id on a tie. Pure.
 */
export type TSpecialistFacts = {
  id: number;
  languages: readonly string[];
  isActive: boolean;
  maxOpenCases: number | null;
  openCases: number;
};

export type TSpecialistRule = {
  position: number;
  specialistId: number;
  mandateId: number | null;
  minCents: TCents | null;
  maxCents: TCents | null;
  regions: readonly string[] | null;
  languages: readonly string[] | null;
};

export type TCaseProfile = {
  mandateId: number;
  amountCents: TCents;
  /** Province code and country of the debtor's address (either matches a rule's regions). */
  regions: readonly string[];
  language: string;
};

export type TAssignment = { specialistId: number; reason: string } | null;

function hasRoom(s: TSpecialistFacts): boolean {
  return s.isActive && (s.maxOpenCases === null || s.openCases < s.maxOpenCases);
}

export function chooseSpecialist(
  profile: TCaseProfile,
  rules: readonly TSpecialistRule[],
  specialists: readonly TSpecialistFacts[],
): TAssignment {
  const byId = new Map(specialists.map((s) => [s.id, s]));
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    if (rule.mandateId !== null && rule.mandateId !== profile.mandateId) continue;
    if (rule.minCents !== null && profile.amountCents < rule.minCents) continue;
    if (rule.maxCents !== null && profile.amountCents > rule.maxCents) continue;
    if (rule.regions && !rule.regions.some((r) => profile.regions.includes(r))) continue;
    if (rule.languages && !rule.languages.includes(profile.language)) continue;
    const specialist = byId.get(rule.specialistId);
    if (specialist && hasRoom(specialist))
      return { specialistId: specialist.id, reason: `rule ${rule.position}` };
  }
  const available = specialists.filter(hasRoom);
  const speakers = available.filter((s) => s.languages.includes(profile.language));
  const pool = speakers.length > 0 ? speakers : available;
  const chosen = [...pool].sort((a, b) => a.openCases - b.openCases || a.id - b.id)[0];
  return chosen ? { specialistId: chosen.id, reason: 'workload balance' } : null;
}
