import { useQuery } from '@apollo/client/react';
import type { ReactElement } from 'react';
import { useT } from '../../i18n';
import { navigate, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { COMPANIES } from './company-documents';

/**
 * The company being managed: a company admin's own; a platform admin picks one (?company=, else the
 * first). Returns the id and, for platform admins, a picker to render.
 */
export function useCompany(): { companyId: string | null; picker: ReactElement | null; loading: boolean } {
  const { session } = useSession();
  const { path, query } = useLocation();
  const { t } = useT('company');
  const isPlatformAdmin = session?.user.role === 'PLATFORM_ADMIN';
  const { data, loading } = useQuery(COMPANIES, { skip: !isPlatformAdmin });
  if (!isPlatformAdmin) return { companyId: session?.user.companyId ?? null, picker: null, loading: false };
  const companies = data?.companies.edges.map((e) => e.node) ?? [];
  const companyId = query.get('company') ?? companies[0]?.id ?? null;
  const picker = (
    <label className="inline">
      {t('company')}
      <select
        value={companyId ?? ''}
        onChange={(e) => {
          const next = new URLSearchParams(query);
          next.set('company', e.target.value);
          navigate(`${path}?${next}`, { replace: true });
        }}
      >
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return { companyId, picker, loading };
}
