import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useT } from '../../i18n';
import { zonedDate, zonedLocalToIso } from '../../lib/format';
import { toMinor } from '../../lib/money';
import {
  COMPANY_BUSES,
  COMPANY_DRIVERS,
  COMPANY_ROUTE_NAMES,
  COMPANY_SETTINGS,
  SCHEDULE_TRIP,
} from './company-documents';
import { FormCard } from './FormCard';

/** Schedules one trip: route, bus, optional driver, departure (in the company's time zone) and price per seat. */
export function CreateTripForm({ companyId, onCreated }: { companyId: string; onCreated(): void }) {
  const { t, fmt } = useT('company');
  const routes = useQuery(COMPANY_ROUTE_NAMES, { variables: { companyId, first: 100 } });
  const buses = useQuery(COMPANY_BUSES, { variables: { companyId, first: 100 } });
  const drivers = useQuery(COMPANY_DRIVERS, { variables: { companyId, first: 100 } });
  const [routeId, setRouteId] = useState('');
  const [busId, setBusId] = useState('');
  const [driverId, setDriverId] = useState('');
  const settings = useQuery(COMPANY_SETTINGS, { variables: { id: companyId } });
  // The departure is typed in the company's local time (Company.timeZone), whatever the browser's zone.
  const timeZone = settings.data?.company?.timeZone ?? 'Africa/Kigali';
  const currency = settings.data?.company?.currency ?? 'RWF';
  const [departure, setDeparture] = useState(`${zonedDate(timeZone, 1)}T07:00`);
  const [price, setPrice] = useState(3000);
  const [schedule, { data, loading, error, reset }] = useMutation(SCHEDULE_TRIP);

  const firstRoute = routes.data?.routes.edges[0]?.node.id ?? '';
  const firstBus = buses.data?.buses.edges[0]?.node.id ?? '';

  async function submit() {
    const input = {
      routeId: routeId || firstRoute,
      busId: busId || firstBus,
      driverId: driverId || null,
      departureAt: zonedLocalToIso(departure, timeZone),
      // No currency: the trip is priced in its company's (Company.currency); typed in major units.
      price: { amount: toMinor(price, currency) ?? 0 },
    };
    const result = await schedule({ variables: { input } }).catch(() => undefined);
    if (result?.data) onCreated();
  }

  return (
    <FormCard
      title={t('trips.schedule')}
      submitLabel={t('trips.submit')}
      busyLabel={t('trips.scheduling')}
      loading={loading}
      disabled={!(routeId || firstRoute) || !(busId || firstBus)}
      error={error}
      success={
        data && (
          <>{t('trips.scheduled', { when: fmt.dateTime(data.scheduleTrip.departureAt, data.scheduleTrip.timeZone) })}</>
        )
      }
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <label>
        {t('trips.route')}
        <select name="route" required value={routeId || firstRoute} onChange={(e) => setRouteId(e.target.value)}>
          {routes.data?.routes.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('trips.bus')}
        <select name="bus" required value={busId || firstBus} onChange={(e) => setBusId(e.target.value)}>
          {buses.data?.buses.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.plateNumber} · {node.model} ({t('buses.seatCount', { count: node.seatCount })})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('trips.driver')}
        <select name="driver" value={driverId} onChange={(e) => setDriverId(e.target.value)}>
          <option value="">{t('trips.assignLater')}</option>
          {drivers.data?.drivers.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('trips.departureLocal', { city: timeZone.split('/').pop()!.replace(/_/g, ' ') })}
        <input
          name="departure"
          type="datetime-local"
          required
          value={departure}
          onChange={(e) => setDeparture(e.target.value)}
        />
      </label>
      <label>
        {t('trips.pricePerSeat')}
        <input
          name="price"
          type="number"
          min={0}
          step="any"
          required
          value={price}
          onChange={(e) => setPrice(Number(e.target.value))}
        />
      </label>
    </FormCard>
  );
}
