import { useMutation } from '@apollo/client/react';
import { CREATE_STATION, STATIONS } from './company-documents';
import { FormCard, useFields } from './FormCard';

const EMPTY = { code: '', name: '', city: '', latitude: '', longitude: '' };

/** Adds a station every company can route through: code, name, city and where it is. */
export function CreateStationForm() {
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
      title="Add a station"
      submitLabel="Add station"
      busyLabel="Adding…"
      loading={loading}
      error={error}
      success={
        data && (
          <>
            {data.createStation.name} ({data.createStation.code}) is open to every company's routes.
          </>
        )
      }
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <p className="muted small">Stations are shared by every company on Busline.</p>
      <div className="field-row">
        <label>
          Code
          <input required autoComplete="off" placeholder="KGL-NYB" {...field('code')} />
        </label>
        <label>
          City
          <input required autoComplete="off" placeholder="Kigali" {...field('city')} />
        </label>
      </div>
      <label>
        Name
        <input required autoComplete="off" placeholder="Nyabugogo Bus Park" {...field('name')} />
      </label>
      <div className="field-row">
        <label>
          Latitude
          <input required type="number" step="any" min={-90} max={90} placeholder="-1.9398" {...field('latitude')} />
        </label>
        <label>
          Longitude
          <input required type="number" step="any" min={-180} max={180} placeholder="30.0445" {...field('longitude')} />
        </label>
      </div>
    </FormCard>
  );
}
