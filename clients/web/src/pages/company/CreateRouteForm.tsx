import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { COMPANY_ROUTES, CREATE_ROUTE, STATIONS } from './company-documents';
import { FormCard } from './FormCard';

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
  const stations = useQuery(STATIONS, { variables: { first: 100 } });
  const [stops, setStops] = useState<StopDraft[]>([blankStop(), blankStop(60)]);
  const [distanceKm, setDistanceKm] = useState(100);
  const [name, setName] = useState('');
  const [create, { data, loading, error, reset }] = useMutation(CREATE_ROUTE, {
    refetchQueries: [COMPANY_ROUTES],
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
      : 'Origin → Destination';

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
      title="Add a route"
      submitLabel="Add route"
      busyLabel="Adding…"
      loading={loading}
      disabled={stops.some((s) => !s.stationId)}
      error={error}
      success={data && <>{data.createRoute.name} is ready for scheduling.</>}
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <ol className="stops" aria-label="Stops">
        {stops.map((stop, index) => {
          const role = index === 0 ? 'Origin' : index === stops.length - 1 ? 'Destination' : `Stop ${index}`;
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
                    Choose a station
                  </option>
                  {options.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.city} · {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="minutes">
                Minutes
                {index === 0 ? (
                  <input
                    name={`minutes-${index}`}
                    type="number"
                    value={0}
                    disabled
                    aria-label={`${role} minutes from departure`}
                  />
                ) : (
                  <input
                    name={`minutes-${index}`}
                    type="number"
                    min={1}
                    required
                    aria-label={`${role} minutes from departure`}
                    value={stop.minutes}
                    onChange={(e) => update(index, { minutes: Number(e.target.value) })}
                  />
                )}
              </label>
              {index > 0 && index < stops.length - 1 ? (
                <button
                  type="button"
                  className="button small ghost remove"
                  aria-label={`Remove ${role.toLowerCase()}`}
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
        + Add a stop on the way
      </button>
      <div className="field-row">
        <label>
          Distance (km)
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
            Name <span className="hint">· optional</span>
          </span>
          <input name="name" placeholder={suggestedName} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
    </FormCard>
  );
}
