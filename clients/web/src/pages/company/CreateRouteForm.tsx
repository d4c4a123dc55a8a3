import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { COMPANY_ROUTE_NAMES, COMPANY_ROUTES, CREATE_ROUTE, STATIONS } from './company-documents';
import { FormCard } from './FormCard';
import { useT } from '../../i18n';

interface StopDraft {
  stationId: string;
  minutes: number;
}

const blankStop = (minutes = 0): StopDraft => ({ stationId: '', minutes });

/**
 * Adds a route: stations in driving order (origin, any stops on the way, destination), each with the
 * minutes after departure the bus gets there, and the length of the whole route.
 */
export function CreateRouteForm({ companyId }: { companyId: string }) {
  const { t } = useT('company');
  const stations = useQuery(STATIONS, { variables: { first: 100 } });
  const [stops, setStops] = useState<StopDraft[]>([blankStop(), blankStop(60)]);
  const [distanceKm, setDistanceKm] = useState(100);
  const [name, setName] = useState('');
  const [create, { data, loading, error, reset }] = useMutation(CREATE_ROUTE, {
    refetchQueries: [COMPANY_ROUTES, COMPANY_ROUTE_NAMES],
    awaitRefetchQueries: true,
  });

  const options = [...(stations.data?.stations.edges.map((e) => e.node) ?? [])].sort(
    (a, b) => a.city.localeCompare(b.city) || a.name.localeCompare(b.name),
  );
  const cityOf = (id: string) => options.find((s) => s.id === id)?.city;
  const origin = stops[0]!;
  const destination = stops[stops.length - 1]!;
  const suggestedName =
    cityOf(origin.stationId) && cityOf(destination.stationId)
      ? `${cityOf(origin.stationId)} → ${cityOf(destination.stationId)}`
      : `${t('routes.origin')} → ${t('routes.destination')}`;

  const update = (index: number, change: Partial<StopDraft>) =>
    setStops(stops.map((s, i) => (i === index ? { ...s, ...change } : s)));
  const addStop = () =>
    setStops([
      ...stops.slice(0, -1),
      blankStop(Math.round((stops[stops.length - 2]!.minutes + destination.minutes) / 2)),
      destination,
    ]);
  const removeStop = (index: number) => setStops(stops.filter((_, i) => i !== index));

  async function submit() {
    const input = {
      companyId,
      name: name.trim() || null,
      distanceKm,
      stops: stops.map((s, i) => ({ stationId: s.stationId, minutesFromDeparture: i === 0 ? 0 : s.minutes })),
    };
    const result = await create({ variables: { input } }).catch(() => undefined);
    if (result?.data) {
      setStops([blankStop(), blankStop(60)]);
      setName('');
    }
  }

  return (
    <FormCard
      title={t('routes.add')}
      submitLabel={t('routes.submit')}
      busyLabel={t('adding')}
      loading={loading}
      disabled={stops.some((s) => !s.stationId)}
      error={error}
      success={data && <>{t('routes.added', { name: data.createRoute.name })}</>}
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <ol className="stops" aria-label={t('routes.stops')}>
        {stops.map((stop, index) => {
          const role =
            index === 0
              ? t('routes.origin')
              : index === stops.length - 1
                ? t('routes.destination')
                : t('routes.stop', { index });
          return (
            <li key={index} className="stop">
              <label>
                {role}
                <select
                  name={`stop-${index}`}
                  required
                  value={stop.stationId}
                  onChange={(e) => update(index, { stationId: e.target.value })}
                >
                  <option value="" disabled>
                    {t('routes.chooseStation')}
                  </option>
                  {options.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.city} · {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="minutes">
                {t('routes.minutes')}
                {index === 0 ? (
                  <input
                    name={`minutes-${index}`}
                    type="number"
                    value={0}
                    disabled
                    aria-label={t('routes.minutesFromDeparture', { stop: role })}
                  />
                ) : (
                  <input
                    name={`minutes-${index}`}
                    type="number"
                    min={1}
                    required
                    aria-label={t('routes.minutesFromDeparture', { stop: role })}
                    value={stop.minutes}
                    onChange={(e) => update(index, { minutes: Number(e.target.value) })}
                  />
                )}
              </label>
              {index > 0 && index < stops.length - 1 ? (
                <button
                  type="button"
                  className="button small ghost remove"
                  aria-label={t('routes.remove', { stop: role })}
                  onClick={() => removeStop(index)}
                >
                  ✕
                </button>
              ) : (
                <span className="remove" />
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="button small" onClick={addStop}>
        + {t('routes.addStop')}
      </button>
      <div className="field-row">
        <label>
          {t('routes.distanceKm')}
          <input
            name="distanceKm"
            type="number"
            min={1}
            required
            value={distanceKm}
            onChange={(e) => setDistanceKm(Number(e.target.value))}
          />
        </label>
        <label>
          <span>
            {t('routes.name')} <span className="hint">· {t('optional')}</span>
          </span>
          <input name="name" placeholder={suggestedName} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
    </FormCard>
  );
}
