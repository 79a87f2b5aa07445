import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { ErrorNote, Section } from '../../components.tsx';
import { fill, useI18n } from '../../i18n/index.tsx';

export type TCreditorDetails = {
  id: number;
  name: string;
  vatNumber: string;
  iban: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
  address: Record<string, string>;
  hasLogo: boolean;
};

const FIELDS = ['name', 'street', 'postalCode', 'city', 'province', 'pec', 'email', 'phone', 'iban'] as const;
type TField = (typeof FIELDS)[number];

function formOf(c: TCreditorDetails): Record<TField, string> {
  return {
    name: c.name,
    street: c.address.street ?? '',
    postalCode: c.address.postalCode ?? '',
    city: c.address.city ?? '',
    province: c.address.province ?? '',
    pec: c.pec ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    iban: c.iban ?? '',
  };
}

/** The file as base64, the way PATCH /api/v1/creditors/:vat takes the logo. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The chosen creditor's own data (name, postal address, contacts, IBAN) and the letterhead logo,
 * for administrators and credit managers. The server checks every value (the IBAN, the image
 * type by its bytes) and names the field it refuses.
 */
export function CreditorDetails({ creditor, onSaved }: { creditor: TCreditorDetails; onSaved(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => formOf(creditor));
  const [logo, setLogo] = useState<File | null>(null);
  const [isRemovingLogo, setRemovingLogo] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [logoVersion, setLogoVersion] = useState(0);
  const labels: Record<TField, string> = {
    name: t.name,
    street: t.street,
    postalCode: t.postalCode,
    city: t.city,
    province: t.province,
    pec: t.pec,
    email: t.email,
    phone: t.phone,
    iban: t.iban,
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      const body: Record<string, unknown> = { ...form };
      if (logo) body.logo = await base64Of(logo);
      else if (isRemovingLogo) body.logo = null;
      const saved = await api<TCreditorDetails & { changed: string[] }>(
        'PATCH',
        `/api/v1/creditors/${encodeURIComponent(creditor.vatNumber)}`,
        body,
      );
      setNote(
        saved.changed.length > 0
          ? fill(t.creditorSaved, { changed: saved.changed.join(', ') })
          : t.creditorUnchanged,
      );
      setForm(formOf(saved));
      setLogo(null);
      setRemovingLogo(false);
      setLogoVersion((v) => v + 1);
      onSaved();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <Section title={t.creditorData} id="creditor-data">
      {note && <p role="status">{note}</p>}
      {error && <ErrorNote error={error} />}
      <form onSubmit={submit} className="inline-form" aria-label={t.creditorData}>
        <p className="muted">
          {creditor.name} ({creditor.vatNumber})
        </p>
        {FIELDS.map((field) => (
          <label key={field}>
            {labels[field]}
            <input
              value={form[field]}
              required={field === 'name'}
              onChange={(e) => setForm({ ...form, [field]: e.target.value })}
            />
          </label>
        ))}
        {creditor.hasLogo && (
          <img
            src={`/api/v1/creditors/${encodeURIComponent(creditor.vatNumber)}/logo?v=${logoVersion}`}
            alt={t.logo}
            style={{ maxWidth: '10rem', maxHeight: '4rem' }}
          />
        )}
        <label>
          {t.logo}
          <input
            type="file"
            accept="image/png,image/jpeg"
            onChange={(e) => setLogo(e.target.files?.[0] ?? null)}
          />
        </label>
        <span className="muted">{t.logoHint}</span>
        {creditor.hasLogo && (
          <label className="check">
            <input
              type="checkbox"
              checked={isRemovingLogo}
              onChange={(e) => setRemovingLogo(e.target.checked)}
            />
            {t.removeLogo}
          </label>
        )}
        <button type="submit">{t.saveCreditor}</button>
      </form>
    </Section>
  );
}
