import { useMutation } from '@apollo/client/react';
import { CREATE_STATION, STATIONS } from './company-documents';
import { FormCard, useFields } from './FormCard';
import { useT } from '../../i18n';

const EMPTY = { code: '', name: '', city: '', latitude: '', longitude: '' };

/** Adds a station every company can route through: code, name, city and where it is. */
export function CreateStationForm() {
  const { t } = useT('company');
  const { values: fields, bind: field, clear } = useFields(EMPTY);
  const [create, { data, loading, error, reset }] = useMutation(CREATE_STATION, {
    refetchQueries: [STATIONS],
    awaitRefetchQueries: true,
  });

  async function submit() {
    const input = {
      code: fields.code.trim().toUpperCase(),
      name: fields.name.trim(),
      city: fields.city.trim(),
      latitude: Number(fields.latitude),
      longitude: Number(fields.longitude),
    };
    const result = await create({ variables: { input } }).catch(() => undefined);
    if (result?.data) clear();
  }

  return (
    <FormCard
      title={t('stations.add')}
      submitLabel={t('stations.submit')}
      busyLabel={t('adding')}
      loading={loading}
      error={error}
      success={data && <>{t('stations.added', { name: data.createStation.name, code: data.createStation.code })}</>}
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <p className="muted small">{t('stations.shared')}</p>
      <div className="field-row">
        <label>
          {t('stations.code')}
          <input required autoComplete="off" placeholder="KGL-NYB" {...field('code')} />
        </label>
        <label>
          {t('stations.city')}
          <input required autoComplete="off" placeholder="Kigali" {...field('city')} />
        </label>
      </div>
      <label>
        {t('stations.name')}
        <input required autoComplete="off" placeholder="Nyabugogo Bus Park" {...field('name')} />
      </label>
      <div className="field-row">
        <label>
          {t('stations.latitude')}
          <input required type="number" step="any" min={-90} max={90} placeholder="-1.9398" {...field('latitude')} />
        </label>
        <label>
          {t('stations.longitude')}
          <input required type="number" step="any" min={-180} max={180} placeholder="30.0445" {...field('longitude')} />
        </label>
      </div>
    </FormCard>
  );
}
