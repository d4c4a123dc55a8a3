import type { ReactNode } from 'react';
import type { SearchTripsQuery } from '../gql/graphql';
import { useT } from '../i18n';

/** A trip as searchTrips answers it (pages/trip-documents.ts). */
export type FoundTrip = SearchTripsQuery['searchTrips'][number];

/**
 * One trip of a search's results, on the searched stretch: when it leaves and arrives at the searched stops
 * (the whole route's ends when the search matched none), the page's own words about it (`meta`), the fare
 * of the stretch, the seats left (a warning under six) and what to do with it (`action`).
 */
export function TripCard({
  trip,
  testId,
  fareTestId,
  meta,
  seatsLeft,
  action,
}: {
  trip: FoundTrip;
  testId: string;
  fareTestId?: string;
  meta: ReactNode;
  /** "N seats left", in the page's words. */
  seatsLeft: string;
  action: ReactNode;
}) {
  const { fmt } = useT();
  const segment = trip.searchedSegment;
  const leaves = segment?.boarding?.departsAt ?? trip.departureAt;
  const arrives = segment?.alighting?.departsAt ?? trip.arrivalAt;
  return (
    <li className="card trip-card" data-testid={testId}>
      <div className="trip-times">
        <div>
          <strong className="time">{fmt.time(leaves, trip.timeZone)}</strong>
          <span className="muted small">{segment?.boarding?.name ?? trip.route.origin.name}</span>
        </div>
        <div className="duration muted small">
          <span className="line" />
          {fmt.duration(leaves, arrives)}
        </div>
        <div>
          <strong className="time">{fmt.time(arrives, trip.timeZone)}</strong>
          <span className="muted small">{segment?.alighting?.name ?? trip.route.destination.name}</span>
        </div>
      </div>
      <div className="trip-meta">{meta}</div>
      <div className="trip-buy">
        <strong className="price" data-testid={fareTestId}>
          {fmt.money(segment?.fare ?? trip.price)}
        </strong>
        <span className={`small ${trip.availableSeats < 6 ? 'warn-text' : 'muted'}`}>{seatsLeft}</span>
        {action}
      </div>
    </li>
  );
}

/** A city to search from or to, among the stations' cities. */
export function CitySelect({
  label,
  name,
  value,
  cities,
  onChange,
}: {
  label: string;
  name: 'origin' | 'destination';
  value: string;
  cities: string[];
  onChange(city: string): void;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {cities.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}
